"""从原文新增任务: a non-modal editor prefilled from the source lines the clerk selected.

The core read the lines with extraction's own rules (`Ledger.prefill_task`); the clerk sees
the source beside it, fixes what is wrong and saves. The task keeps the document, section,
numbering and source lines as provenance, like an extracted task, and the window saves it
through the same undoable `AddTaskCommand` as 新增任务.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.ledger.dto import TaskPrefill
from core.ledger.editing.manual_tasks import Provenance
from desktop.views.dialog_parts import add_save_cancel_footer
from desktop.views.field_widgets import DeadlineField, UnitsEdit
from desktop.views.task_editor import amounts_text


class SourceTaskEditor(QDialog):
    """Emits `save_requested` with `values()` (the keyword arguments of `add_task`)."""

    save_requested = Signal(dict)

    def __init__(
        self,
        prefill: TaskPrefill,
        document_label: str,
        unit_names: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prefill = prefill
        self.setWindowTitle("从原文新增任务")
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.resize(600, 460)
        layout = QVBoxLayout(self)
        lines = (
            f"第 {prefill.line} 行"
            if prefill.last_line == prefill.line
            else f"第 {prefill.line}–{prefill.last_line} 行"
        )
        where = [document_label, lines]
        if prefill.page:
            where.append(f"第 {prefill.page} 页")
        where += [x for x in (prefill.section, prefill.group, prefill.ref) if x]
        self.source_label = QLabel("来源：" + "　".join(where))
        self.source_label.setObjectName("source_provenance")
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet("color:#555")
        layout.addWidget(self.source_label)
        form = QFormLayout()
        self.text_edit = QPlainTextEdit(prefill.text)
        self.text_edit.setObjectName("source_text")
        self.text_edit.setTabChangesFocus(True)
        self.lead_edit = UnitsEdit(unit_names)
        self.lead_edit.setObjectName("source_lead_units")
        self.lead_edit.set_units(prefill.lead_units)
        self.support_edit = UnitsEdit(unit_names)
        self.support_edit.setObjectName("source_support_units")
        self.support_edit.set_units(prefill.support_units)
        self.deadline = DeadlineField(prefill.year)
        self.deadline.set_text(prefill.deadline_text or "")
        self.amounts_edit = QLineEdit(amounts_text(prefill.amounts))
        self.amounts_edit.setObjectName("source_amounts")
        self.amounts_edit.setPlaceholderText("如：24万元；0.9元/棒，留空表示无金额")
        self.leader_edit = QLineEdit(prefill.leader or "")
        for label, widget in (
            ("任务内容", self.text_edit),
            ("牵头单位", self.lead_edit),
            ("配合单位", self.support_edit),
            ("完成时限", self.deadline),
            ("金额", self.amounts_edit),
            ("分管领导", self.leader_edit),
        ):
            form.addRow(label, widget)
        layout.addLayout(form)
        if not prefill.lead_units and not prefill.support_units:
            hint = QLabel("所选原文中没有识别出责任单位，请填写牵头单位。")
            hint.setStyleSheet("color:#b3261e")
            layout.addWidget(hint)
        self.error = add_save_cancel_footer(self, layout, self._save)

    def values(self) -> dict[str, Any]:
        p = self.prefill
        when = self.deadline.value()
        amounts_typed = self.amounts_edit.text().strip()
        amounts: Any = (
            [dict(a) for a in p.amounts]
            if amounts_typed == amounts_text(p.amounts)
            else amounts_typed or None
        )
        return {
            "gazette_id": p.gazette_id,
            "document_id": p.document_id,
            "text": self.text_edit.toPlainText().strip(),
            "lead_units": self.lead_edit.units(),
            "support_units": self.support_edit.units(),
            "deadline": when.isoformat() if when else None,
            "amounts": amounts,
            "leader": self.leader_edit.text().strip() or None,
            "provenance": Provenance(
                line=p.line,
                last_line=p.last_line,
                section=p.section,
                group=p.group,
                ref=p.ref,
                deadline_text=self.deadline.text() or None,
            ),
        }

    def validation_error(self) -> str:
        v = self.values()
        if not v["text"]:
            return "任务内容不能为空"
        if not v["lead_units"] and not v["support_units"]:
            return "请填写牵头单位"
        if problem := self.deadline.error():
            return problem
        if isinstance(v["amounts"], str):
            from core.fields.money import find_amounts

            if not find_amounts(v["amounts"]):
                return "金额中没有可识别的数额，请写成如“24万元；0.9元/棒”，或留空"
        return ""

    def _save(self) -> None:
        problem = self.validation_error()
        self.error.setText(problem)
        if not problem:
            self.save_requested.emit(self.values())
            self.accept()
