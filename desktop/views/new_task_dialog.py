"""新增任务…: the clerk adds a task the extraction missed, under a gazette and a document.

The dialog only collects and checks values; the main window saves them through an
undoable command (`AddTaskCommand`) off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.views.dialog_parts import add_save_cancel_footer
from desktop.views.nav_panel import GazetteInfo
from desktop.views.task_editor import split_units

Documents = Callable[[int], Sequence[tuple[int, str]]]


class NewTaskDialog(QDialog):
    """`values()` gives the keyword arguments of `Ledger.add_task` (minus `by`).

    Not modal: the clerk may go on reading the table or the source while typing. `prefill`
    takes the same keys as `values()` (any subset): the window fills in the gazette,
    document and unit the clerk is looking at; other editors (a task from source lines)
    pass the text and whatever they found.
    """

    def __init__(
        self,
        gazettes: Sequence[GazetteInfo],
        documents: Documents,
        gazette_id: int | None = None,
        parent: QWidget | None = None,
        prefill: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("新增任务")
        self.setModal(False)
        self.resize(560, 420)
        self._documents = documents
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.gazette_combo = QComboBox()
        for g in gazettes:
            self.gazette_combo.addItem(g.label, g.id)
        self.document_combo = QComboBox()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText("任务内容（必填）")
        self.lead_edit = QLineEdit()
        self.lead_edit.setPlaceholderText("多个单位用“、”分隔")
        self.support_edit = QLineEdit()
        self.deadline_edit = QLineEdit()
        self.deadline_edit.setPlaceholderText("YYYY-MM-DD，留空表示无时限")
        self.amounts_edit = QLineEdit()
        self.amounts_edit.setPlaceholderText("如：24万元；0.9元/棒")
        self.leader_edit = QLineEdit()
        for label, widget in (
            ("所属公报", self.gazette_combo),
            ("所属文件", self.document_combo),
            ("任务内容", self.text_edit),
            ("牵头单位", self.lead_edit),
            ("配合单位", self.support_edit),
            ("完成时限", self.deadline_edit),
            ("金额", self.amounts_edit),
            ("分管领导", self.leader_edit),
        ):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error = add_save_cancel_footer(self, layout, self._accept)
        self.gazette_combo.currentIndexChanged.connect(lambda _i: self._fill_documents())
        values = dict(prefill or {})
        if gazette_id is not None:
            values.setdefault("gazette_id", gazette_id)
        self.prefill(values)

    def prefill(self, values: Mapping[str, Any]) -> None:
        """Show `values` (keys as in `values()`); missing keys leave their field as it is."""
        gazette_id = values.get("gazette_id")
        index = self.gazette_combo.findData(gazette_id) if gazette_id is not None else -1
        self.gazette_combo.setCurrentIndex(max(index, 0))
        self._fill_documents()
        doc = values.get("document_id")
        if doc is not None:
            self.document_combo.setCurrentIndex(max(self.document_combo.findData(doc), 0))
        if values.get("text"):
            self.text_edit.setPlainText(str(values["text"]))
        for key, edit in (("lead_units", self.lead_edit), ("support_units", self.support_edit)):
            units = values.get(key)
            if units:
                edit.setText(units if isinstance(units, str) else "、".join(units))
        for key, edit in (
            ("deadline", self.deadline_edit),
            ("amounts", self.amounts_edit),
            ("leader", self.leader_edit),
        ):
            if values.get(key):
                edit.setText(str(values[key]))

    def _fill_documents(self) -> None:
        self.document_combo.clear()
        self.document_combo.addItem("（不归入具体文件）", None)
        gazette_id = self.gazette_combo.currentData()
        if gazette_id is not None:
            for doc_id, label in self._documents(int(gazette_id)):
                self.document_combo.addItem(label, doc_id)

    def values(self) -> dict[str, Any]:
        doc = self.document_combo.currentData()
        return {
            "gazette_id": int(self.gazette_combo.currentData()),
            "document_id": int(doc) if doc is not None else None,
            "text": self.text_edit.toPlainText().strip(),
            "lead_units": split_units(self.lead_edit.text()),
            "support_units": split_units(self.support_edit.text()),
            "deadline": self.deadline_edit.text().strip() or None,
            "amounts": self.amounts_edit.text().strip() or None,
            "leader": self.leader_edit.text().strip() or None,
        }

    def validation_error(self) -> str:
        if self.gazette_combo.currentData() is None:
            return "请选择所属公报"
        v = self.values()
        if not v["text"]:
            return "任务内容不能为空"
        if v["deadline"]:
            try:
                date.fromisoformat(v["deadline"])
            except ValueError:
                return "完成时限请写成 YYYY-MM-DD（如 2024-10-31），或留空"
        if v["amounts"]:
            from core.fields.money import find_amounts

            if not find_amounts(v["amounts"]):
                return "金额中没有可识别的数额，请写成如“24万元；0.9元/棒”"
        return ""

    def _accept(self) -> None:
        problem = self.validation_error()
        self.error.setText(problem)
        if not problem:
            self.accept()
