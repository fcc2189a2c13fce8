"""修正字段 on several selected tasks: the fields that make sense in bulk, set for all at once.

Deadline, lead units, support units and status; each field is changed only when its box
is ticked (typing in a field ticks it), so the clerk can set the deadline of 5 tasks
without touching their units. The window saves it as ONE undoable command.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.ledger.statuses import STATUS_LABELS
from desktop.table.rows import TaskRow
from desktop.views.dialog_parts import add_save_cancel_footer
from desktop.views.field_widgets import DeadlineField, UnitsEdit


class BulkEditor(QDialog):
    """`values()` gives the fields to set on every task; `status()` the new status or None."""

    def __init__(
        self,
        rows: Sequence[TaskRow],
        unit_names: Sequence[str],
        year: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.setWindowTitle(f"修正字段（{len(self.rows)} 项任务）")
        self.resize(560, 300)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"为选中的 {len(self.rows)} 项任务统一设置下列字段；只修改勾选的字段。"
            "可一次撤销（Ctrl+Z）。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.deadline = DeadlineField(year)
        self.lead = UnitsEdit(unit_names)
        self.lead.setObjectName("bulk_lead_units")
        self.support = UnitsEdit(unit_names)
        self.support.setObjectName("bulk_support_units")
        self.status_combo = QComboBox()
        for key, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, key)
        self.checks: dict[str, QCheckBox] = {}
        for r, (key, label, widget) in enumerate(
            (
                ("deadline", "完成时限", self.deadline),
                ("lead_units", "牵头单位", self.lead),
                ("support_units", "配合单位", self.support),
                ("status", "状态", self.status_combo),
            )
        ):
            box = QCheckBox(label)
            box.setObjectName(f"bulk_{key}_check")
            self.checks[key] = box
            grid.addWidget(box, r, 0)
            grid.addWidget(widget, r, 1)
        self.deadline.edit.textEdited.connect(lambda _t: self.checks["deadline"].setChecked(True))
        self.deadline.calendar.clicked.connect(lambda _d: self.checks["deadline"].setChecked(True))
        self.lead.textEdited.connect(lambda _t: self.checks["lead_units"].setChecked(True))
        self.support.textEdited.connect(lambda _t: self.checks["support_units"].setChecked(True))
        self.status_combo.activated.connect(lambda _i: self.checks["status"].setChecked(True))
        layout.addLayout(grid)
        self.error = add_save_cancel_footer(self, layout, self._accept)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.checks["deadline"].isChecked():
            when = self.deadline.value()
            out["deadline"] = when.isoformat() if when else None
        if self.checks["lead_units"].isChecked():
            out["lead_units"] = self.lead.units()
        if self.checks["support_units"].isChecked():
            out["support_units"] = self.support.units()
        return out

    def status(self) -> str | None:
        if not self.checks["status"].isChecked():
            return None
        return str(self.status_combo.currentData())

    def validation_error(self) -> str:
        if not any(box.isChecked() for box in self.checks.values()):
            return "请勾选要修改的字段"
        if self.checks["deadline"].isChecked():
            return self.deadline.error()
        return ""

    def _accept(self) -> None:
        problem = self.validation_error()
        self.error.setText(problem)
        if not problem:
            self.accept()
