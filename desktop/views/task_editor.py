"""Dialog to correct a task's extracted fields; returns only what the clerk changed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.ledger import TaskRow as LedgerRow
from desktop.views.dialog_parts import add_save_cancel_footer
from desktop.views.field_widgets import DeadlineField, UnitsEdit

UNIT_SPLIT = re.compile(r"[、,，;；\s]+")
# (field, label) in form order; the ledger's `correct_field` accepts each of these.
FIELDS = (
    ("text", "任务内容"),
    ("lead_units", "牵头单位"),
    ("support_units", "配合单位"),
    ("deadline", "完成时限"),
    ("amounts", "金额"),
    ("leader", "分管领导"),
    ("person", "责任人"),
    ("doc_number", "文号"),
)
LABELS = dict(FIELDS)


def split_units(text: str) -> list[str]:
    return [u for u in UNIT_SPLIT.split(text.strip()) if u]


def amounts_text(amounts: Any) -> str:
    """Amounts as the clerk reads and types them: the printed texts joined by “；”."""
    parts = []
    for a in amounts or ():
        text = a.get("text") or f"{a.get('yuan')}元"
        per = a.get("per")
        parts.append(text if not per or "/" in text else f"{text}/{per}")
    return "；".join(parts)


def current_values(t: LedgerRow) -> dict[str, Any]:
    return {
        "text": t.text,
        "lead_units": list(t.lead_units),
        "support_units": list(t.support_units),
        "deadline": t.deadline.isoformat() if t.deadline else None,
        "amounts": amounts_text(t.amounts) or None,
        "leader": t.leader,
        "person": t.person,
        "doc_number": t.doc_number,
    }


class TaskEditor(QDialog):
    """Shows the current values; `changes()` lists (field, old, new) for the edited ones.

    The deadline reads clerks' wording (`2025年12月底前`, `年底前` in the task's year) or a
    picked date and shows what it understood; unit fields complete from `unit_names`.
    """

    def __init__(
        self, task: LedgerRow, parent: QWidget | None = None, unit_names: Sequence[str] = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"修正任务 #{task.id}")
        self.resize(560, 380)
        self.before = current_values(task)
        self.version = task.version  # the save checks it: nobody's newer save is overwritten
        self.original_amounts = tuple(task.amounts)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.text_edit = QPlainTextEdit(task.text)
        self.edits: dict[str, QLineEdit | DeadlineField] = {}
        form.addRow(LABELS["text"], self.text_edit)
        for key, label in FIELDS[1:]:
            value = self.before[key]
            shown = "、".join(value) if isinstance(value, list) else (value or "")
            edit: QLineEdit | DeadlineField
            if key == "deadline":
                edit = DeadlineField(task.year)
            elif key.endswith("_units"):
                edit = UnitsEdit(unit_names)
            else:
                edit = QLineEdit()
                if key == "amounts":
                    edit.setPlaceholderText("如：24万元；0.9元/棒，留空表示无金额")
            edit.setText(shown)
            edit.setObjectName(f"edit_{key}")
            self.edits[key] = edit
            form.addRow(label, edit)
        layout.addLayout(form)
        self.error = add_save_cancel_footer(self, layout, self._accept)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text_edit.toPlainText().strip()}
        for key, edit in self.edits.items():
            if isinstance(edit, DeadlineField):
                out[key] = edit.iso() if edit.text() else None
                continue
            text = edit.text().strip()
            out[key] = split_units(text) if key.endswith("_units") else (text or None)
        return out

    def validation_error(self) -> str:
        v = self.values()
        if not v["text"]:
            return "任务内容不能为空"
        deadline = self.edits["deadline"]
        if isinstance(deadline, DeadlineField) and (problem := deadline.error()):
            return problem
        if v["amounts"] and v["amounts"] != self.before["amounts"]:
            from core.fields.money import find_amounts

            if not find_amounts(v["amounts"]):
                return "金额中没有可识别的数额，请写成如“24万元；0.9元/棒”，或留空"
        return ""

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, old, new) per edited field. Amounts go back as the stored list, so undo
        restores them exactly (their printed text need not parse back the same way)."""
        after = self.values()
        old = dict(self.before, amounts=[dict(a) for a in self.original_amounts])
        return [(k, old[k], after[k]) for k, _l in FIELDS if after[k] != self.before[k]]

    def _accept(self) -> None:
        problem = self.validation_error()
        self.error.setText(problem)
        if not problem:
            self.accept()
