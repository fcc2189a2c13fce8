"""单位管理: suggested alias merges with their evidence, the county's unit directory
(kind, aliases, contacts, a collective's members) and the directory's history.

Thin over `core.ledger` (through the gateway): reads run on the TaskRunner, and every edit
is a `UnitChangeCommand` pushed through the main window, so 撤销 (Ctrl+Z) undoes a merge
like any other edit and the task table and unit list follow at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.ledger.unit_dto import DirectoryUnit, Suggestion, UnitChangeRow
from core.units.kinds import KIND_LABELS, KINDS, TOWNSHIP, township_collective
from desktop.editing.unit_undo import UnitChangeCommand
from desktop.gateway import LedgerGateway
from desktop.table.rows import TaskRow
from desktop.workers import TaskRunner


class DirectoryHost(Protocol):
    """What the dialog needs of the window (the main window is one): its ledger, its job
    runner, the undo stack behind `run_command`, and a way to show changed rows."""

    gateway: LedgerGateway
    runner: TaskRunner

    def run_command(self, command: UnitChangeCommand) -> bool: ...
    def refresh_rows(self, rows: list[TaskRow]) -> None: ...


ALL_COUNTIES = "（全部县）"
ACTION_LABELS = {
    "merge": "合并",
    "reject": "不合并",
    "rename": "改名",
    "add": "新增",
    "contacts": "联系人",
    "kind": "类别",
    "members": "集合成员",
}
DIRECTORY_COLUMNS = (
    "单位",
    "县",
    "类别",
    "别名",
    "任务数",
    "牵头未完成",
    "配合未完成",
    "联系人",
    "电话",
)


@dataclass(frozen=True)
class _Loaded:
    counties: list[str]
    suggestions: list[Suggestion]
    units: list[DirectoryUnit]
    history: list[UnitChangeRow]


class UnitDirectoryDialog(QDialog):
    """Non-modal: the clerk may keep it open beside the task table."""

    def __init__(self, window: DirectoryHost, unit_id: int | None = None) -> None:
        super().__init__(window)  # type: ignore[arg-type]  # the host is a QWidget
        self.window_ = window
        self.gateway = window.gateway
        self.focus_unit = unit_id
        self.loaded: _Loaded | None = None
        self.setWindowTitle("单位管理")
        self.resize(980, 640)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel("县"))
        self.county = QComboBox()
        self.county.addItem(ALL_COUNTIES, None)
        self.county.currentIndexChanged.connect(lambda _i: self._show())
        top.addWidget(self.county)
        self.status = QLabel()
        top.addWidget(self.status, 1)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._suggestions_tab(), "建议合并")
        self.tabs.addTab(self._directory_tab(), "单位目录")
        self.tabs.addTab(self._history_tab(), "变更记录")
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if unit_id is not None:
            self.tabs.setCurrentIndex(1)
        self.reload()

    # --- tabs --------------------------------------------------------------------------
    def _suggestions_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(
            QLabel(
                "以下名称可能是同一单位。勾选要合并的名称，确认规范名称后点“接受合并”；"
                "不是同一单位的点“不合并”，今后不再建议。"
            )
        )
        self.suggestion_tree = QTreeWidget()
        self.suggestion_tree.setHeaderLabels(["名称", "任务数", "依据"])
        self.suggestion_tree.setColumnWidth(0, 260)
        self.suggestion_tree.setColumnWidth(1, 60)
        self.suggestion_tree.currentItemChanged.connect(lambda *_: self._suggestion_selected())
        v.addWidget(self.suggestion_tree, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("规范名称"))
        self.canonical_edit = QLineEdit()
        row.addWidget(self.canonical_edit, 1)
        self.accept_button = QPushButton("接受合并")
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button = QPushButton("不合并")
        self.reject_button.clicked.connect(self.reject_selected)
        row.addWidget(self.accept_button)
        row.addWidget(self.reject_button)
        v.addLayout(row)
        return page

    def _directory_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.unit_search = QLineEdit()
        self.unit_search.setPlaceholderText("查找单位或别名")
        self.unit_search.setClearButtonEnabled(True)
        self.unit_search.textChanged.connect(lambda _t: self._show())
        v.addWidget(self.unit_search)
        self.unit_table = QTableWidget(0, len(DIRECTORY_COLUMNS))
        self.unit_table.setHorizontalHeaderLabels(list(DIRECTORY_COLUMNS))
        self.unit_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.unit_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.unit_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unit_table.verticalHeader().setVisible(False)
        self.unit_table.verticalHeader().setDefaultSectionSize(24)
        self.unit_table.horizontalHeader().setStretchLastSection(True)
        self.unit_table.itemSelectionChanged.connect(self._unit_selected)
        v.addWidget(self.unit_table, 1)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.kind_combo = QComboBox()
        for kind in KINDS:
            self.kind_combo.addItem(KIND_LABELS[kind], kind)
        self.contact_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        form.addRow("名称", self.name_edit)
        form.addRow("类别", self.kind_combo)
        form.addRow("联系人", self.contact_edit)
        form.addRow("电话", self.phone_edit)
        v.addLayout(form)
        self.members_list = QListWidget()
        self.members_list.setMaximumHeight(140)
        self.members_label = QLabel("集合单位包含的具体单位（勾选）：")
        v.addWidget(self.members_label)
        v.addWidget(self.members_list)
        row = QHBoxLayout()
        self.new_name_edit = QLineEdit()
        self.new_name_edit.setPlaceholderText("新单位名称，如：蔚汾镇")
        self.new_kind_combo = QComboBox()
        for kind in KINDS:
            self.new_kind_combo.addItem(KIND_LABELS[kind], kind)
        self.new_kind_combo.setCurrentIndex(KINDS.index("township"))
        self.add_unit_button = QPushButton("新增单位")
        self.add_unit_button.clicked.connect(self.add_unit)
        row.addWidget(self.new_name_edit, 1)
        row.addWidget(self.new_kind_combo)
        row.addWidget(self.add_unit_button)
        row.addStretch(1)
        self.save_unit_button = QPushButton("保存单位信息")
        self.save_unit_button.clicked.connect(self.save_selected_unit)
        self.save_members_button = QPushButton("保存集合成员")
        self.save_members_button.clicked.connect(self.save_members)
        row.addWidget(self.save_unit_button)
        row.addWidget(self.save_members_button)
        v.addLayout(row)
        return page

    def _history_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.history_list = QListWidget()
        v.addWidget(self.history_list)
        v.addWidget(QLabel("撤销：在主窗口按 Ctrl+Z（或“编辑 → 撤销”）。"))
        return page

    # --- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the directory off the GUI thread; the tabs fill when it arrives."""
        self.status.setText("正在读取单位目录…")
        gateway = self.gateway

        def load(_ctx: object) -> _Loaded:
            return _Loaded(
                counties=gateway.unit_counties(),
                suggestions=gateway.unit_suggestions(),
                units=gateway.unit_directory(),
                history=gateway.unit_history(),
            )

        self.window_.runner.run_task(load, self._loaded, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(f"读取失败：{exc}")

    def _loaded(self, loaded: _Loaded) -> None:
        self.loaded = loaded
        current = self.county.currentData()
        self.county.blockSignals(True)
        self.county.clear()
        self.county.addItem(ALL_COUNTIES, None)
        for c in loaded.counties:
            self.county.addItem(c or "（未注明县）", c)
        if self.focus_unit is not None and current is None:
            unit = next((u for u in loaded.units if u.id == self.focus_unit), None)
            current = unit.county if unit else None
        index = self.county.findData(current) if current is not None else 0
        self.county.setCurrentIndex(max(index, 0))
        self.county.blockSignals(False)
        self._show()

    def selected_county(self) -> str | None:
        data = self.county.currentData()
        return None if data is None else str(data)

    def _show(self) -> None:
        if self.loaded is None:
            return
        county = self.selected_county()
        suggestions = [s for s in self.loaded.suggestions if county is None or s.county == county]
        units = [u for u in self.loaded.units if county is None or u.county == county]
        needle = self.unit_search.text().strip()
        if needle:
            units = [u for u in units if needle in u.name or any(needle in a for a in u.aliases)]
        self._fill_suggestions(suggestions)
        self._fill_units(units)
        self.history_list.clear()
        for h in reversed(self.loaded.history):
            if county is not None and h.county != county:
                continue
            undone = "（已撤销）" if h.undone_at else ""
            when = h.at.astimezone().strftime("%Y-%m-%d %H:%M")
            text = f"{when} {h.by} {ACTION_LABELS.get(h.action, h.action)}：{h.summary}{undone}"
            self.history_list.addItem(text)
        self.status.setText(f"{len(units)} 个单位，{len(suggestions)} 条合并建议")

    def _fill_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        tree = self.suggestion_tree
        tree.clear()
        for s in suggestions:
            total = sum(m.count for m in s.members)
            top = QTreeWidgetItem([f"{s.canonical}（{s.county or '未注明县'}）", str(total), ""])
            top.setData(0, Qt.ItemDataRole.UserRole, s)
            for m in s.members:
                child = QTreeWidgetItem([m.name, str(m.count), m.evidence])
                child.setCheckState(0, Qt.CheckState.Checked)
                child.setToolTip(2, m.evidence)
                top.addChild(child)
            tree.addTopLevelItem(top)
            top.setExpanded(True)
        if tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))
        self._suggestion_selected()

    def _fill_units(self, units: Sequence[DirectoryUnit]) -> None:
        table = self.unit_table
        table.setRowCount(len(units))
        focus_row = -1
        for r, u in enumerate(units):
            values = (
                u.name,
                u.county,
                u.kind_label,
                "、".join(u.aliases),
                str(u.task_count),
                str(u.open_lead),
                str(u.open_support),
                u.contact_person or "",
                u.phone or "",
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, u)
                table.setItem(r, c, item)
            if u.id == self.focus_unit:
                focus_row = r
        table.resizeColumnsToContents()
        if focus_row >= 0:
            table.selectRow(focus_row)
            table.scrollToItem(table.item(focus_row, 0))

    # --- suggestions ---------------------------------------------------------------------
    def current_suggestion(self) -> tuple[Suggestion, QTreeWidgetItem] | None:
        item = self.suggestion_tree.currentItem()
        if item is None:
            return None
        top = item.parent() or item
        s = top.data(0, Qt.ItemDataRole.UserRole)
        return (s, top) if isinstance(s, Suggestion) else None

    def _suggestion_selected(self) -> None:
        current = self.current_suggestion()
        self.accept_button.setEnabled(current is not None)
        self.reject_button.setEnabled(current is not None)
        self.canonical_edit.setText(current[0].canonical if current else "")

    def checked_names(self) -> list[str]:
        current = self.current_suggestion()
        if current is None:
            return []
        _s, top = current
        return [
            top.child(i).text(0)
            for i in range(top.childCount())
            if top.child(i).checkState(0) == Qt.CheckState.Checked
        ]

    def accept_selected(self) -> bool:
        """接受合并: the checked names become one unit named as the 规范名称 box says."""
        current = self.current_suggestion()
        names = self.checked_names()
        canonical = self.canonical_edit.text().strip()
        if current is None or len(names) < 2 or not canonical:
            self.status.setText("请至少勾选两个名称，并填写规范名称")
            return False
        s = current[0]
        ids = sorted({m.unit_id for m in s.members if m.name in names})
        command = UnitChangeCommand(
            self.gateway,
            f"合并单位为“{canonical}”",
            "accept_merge",
            (s.county, names, canonical),
            ids,
            self._after,
        )
        return self.window_.run_command(command)

    def reject_selected(self) -> bool:
        """不合并: the checked names are different units; not suggested again."""
        current = self.current_suggestion()
        names = self.checked_names()
        if current is None or len(names) < 2:
            return False
        command = UnitChangeCommand(
            self.gateway,
            "不合并单位",
            "reject_suggestion",
            (current[0].county, names),
            (),
            self._after,
            touches_rows=False,
        )
        return self.window_.run_command(command)

    # --- directory -----------------------------------------------------------------------
    def selected_unit(self) -> DirectoryUnit | None:
        items = self.unit_table.selectedItems()
        if not items:
            return None
        u = items[0].data(Qt.ItemDataRole.UserRole)
        return u if isinstance(u, DirectoryUnit) else None

    def _unit_selected(self) -> None:
        u = self.selected_unit()
        for w in (self.name_edit, self.kind_combo, self.contact_edit, self.phone_edit):
            w.setEnabled(u is not None)
        self.save_unit_button.setEnabled(u is not None)
        self.name_edit.setText(u.name if u else "")
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(u.kind if u else ""), 0))
        self.contact_edit.setText(u.contact_person or "" if u else "")
        self.phone_edit.setText(u.phone or "" if u else "")
        collective = u is not None and u.is_collective
        self.members_label.setVisible(collective)
        self.members_list.setVisible(collective)
        self.save_members_button.setVisible(collective)
        self.members_list.clear()
        if u is not None and collective:
            for candidate in self._candidates(u):
                item = QListWidgetItem(f"{candidate.name}（{candidate.kind_label}）")
                item.setData(Qt.ItemDataRole.UserRole, candidate.id)
                checked = candidate.id in u.members
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.members_list.addItem(item)

    def _candidates(self, group: DirectoryUnit) -> list[DirectoryUnit]:
        """Named units the collective may stand for, from what is loaded (no GUI-thread
        query): its members, and the county's townships for a 各乡镇-like collective."""
        units = self.loaded.units if self.loaded else []
        same = [u for u in units if u.county == group.county and not u.is_collective]
        if township_collective(group.name):
            return [u for u in same if u.kind == TOWNSHIP or u.id in group.members]
        return same

    def save_selected_unit(self) -> bool:
        """保存单位信息: a rename, kind and contacts, each its own undoable step."""
        u = self.selected_unit()
        if u is None:
            return False
        self.focus_unit = u.id
        name = self.name_edit.text().strip()
        kind = str(self.kind_combo.currentData())
        contact, phone = self.contact_edit.text().strip(), self.phone_edit.text().strip()
        steps: list[tuple[str, str, tuple[Any, ...], bool]] = []
        if name and name != u.name:
            steps.append((f"单位改名为“{name}”", "rename_unit", (u.id, name), True))
        if kind != u.kind:
            steps.append((f"{u.name}改为{KIND_LABELS[kind]}", "set_unit_kind", (u.id, kind), False))
        if (contact or None, phone or None) != (u.contact_person, u.phone):
            text = f"{u.name}联系人"
            steps.append((text, "set_unit_contacts", (u.id, contact, phone), False))
        ok = True
        for text, action, args, rows in steps:
            command = UnitChangeCommand(
                self.gateway, text, action, args, (u.id,), self._after, touches_rows=rows
            )
            ok = self.window_.run_command(command) and ok
        return ok and bool(steps)

    def add_unit(self) -> bool:
        """新增单位 in the selected county (a township 各乡镇 should reach, say)."""
        county = self.selected_county()
        name = self.new_name_edit.text().strip()
        if county is None or not name:
            self.status.setText("请先在上方选择县，并填写新单位名称")
            return False
        kind = str(self.new_kind_combo.currentData())
        command = UnitChangeCommand(
            self.gateway,
            f"新增单位“{name}”",
            "add_unit",
            (county, name, kind),
            (),
            self._after,
            touches_rows=False,
        )
        if self.window_.run_command(command):
            self.new_name_edit.clear()
            return True
        return False

    def save_members(self) -> bool:
        """保存集合成员: the checked units are what the collective stands for."""
        u = self.selected_unit()
        if u is None:
            return False
        self.focus_unit = u.id
        ids = [
            int(self.members_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.members_list.count())
            if self.members_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        command = UnitChangeCommand(
            self.gateway,
            f"设置“{u.name}”的成员",
            "expand_collective",
            (u.id, ids),
            (),
            self._after,
            touches_rows=False,
        )
        return self.window_.run_command(command)

    def _after(self, rows: list[TaskRow]) -> None:
        """After an edit, its undo or redo: the window's rows, then this dialog, re-read."""
        self.window_.refresh_rows(rows)
        if self.isVisible():
            self.reload()
