"""Left-hand navigation: quick filters, status filter, gazette → document tree, unit list.

Everything here is computed from the rows already in memory (the ledger gives canonical
unit names, so the counts follow alias merges), and the panel only emits a `FilterSpec`
fragment; the main window combines it with the search box.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QRadioButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.ledger.dto import DocumentRow
from core.ledger.statuses import STATUS_LABELS
from core.units.kinds import COLLECTIVE, kind_of
from desktop.table.rows import NO_DOCUMENT, QUICK_ALL, QUICK_LABELS, QUICK_STAGNANT, TaskRow

ID_ROLE = Qt.ItemDataRole.UserRole
UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the unit list's directory ids
ALL_UNITS = "（全部单位）"
COLLECTIVE_MARK = "［集合］"
UNITS_ALL = "责任单位（任务数）"
UNITS_IN_NODE = "责任单位（所选公报/文件中的任务数）"
REVIEW_COLOR = "#b3261e"  # a document that may hide a missed task


def review_mark(doc: DocumentRow) -> str:
    """What the tree says of a document that may hide a missed task ('' when none)."""
    if doc.open_cues:
        return f"可能遗漏 {doc.open_cues} 处"
    if doc.flag_open:
        return "可能遗漏（未识别出任务）"
    return ""


@dataclass(frozen=True)
class GazetteInfo:
    """What the tree needs of a gazette: its id and a label such as 兴县政府公报 2023年第1期."""

    id: int
    label: str
    county: str = ""  # tells apart two counties' units of one name in the unit list


class NavPanel(QWidget):
    """Emits `changed` whenever the clerk picks another quick filter, status, node or unit."""

    changed = Signal()
    # 单位管理… from the unit list's context menu: the unit under the cursor (id) or None.
    manage_units_requested = Signal(object)

    def __init__(self, stagnation_days: int = 14, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gazettes: list[GazetteInfo] = []
        self._documents: list[DocumentRow] = []
        self._rows: list[TaskRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        quick_box = QGroupBox("快速筛选")
        grid = QGridLayout(quick_box)
        self.quick_group = QButtonGroup(self)
        self.quick_buttons: dict[str, QRadioButton] = {}
        for i, (key, label) in enumerate(QUICK_LABELS.items()):
            button = QRadioButton(label.format(n=stagnation_days))
            button.setObjectName(f"quick_{key}")
            self.quick_group.addButton(button, i)
            self.quick_buttons[key] = button
            grid.addWidget(button, i // 2, i % 2)
        self.quick_buttons[QUICK_ALL].setChecked(True)
        self.quick_group.buttonToggled.connect(lambda _b, on: on and self.changed.emit())
        self.stagnation = QSpinBox()
        self.stagnation.setRange(1, 365)
        self.stagnation.setValue(stagnation_days)
        self.stagnation.setSuffix(" 天")
        self.stagnation.setToolTip("“超过N天未更新”中的N")
        self.stagnation.valueChanged.connect(self._stagnation_changed)
        grid.addWidget(self.stagnation, len(QUICK_LABELS) // 2, 1)
        grid.addWidget(QLabel("状态"), len(QUICK_LABELS) // 2 + 1, 0)
        self.status_combo = QComboBox()
        self.status_combo.addItem("全部状态", None)
        for key, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, key)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        grid.addWidget(self.status_combo, len(QUICK_LABELS) // 2 + 1, 1)
        layout.addWidget(quick_box)

        layout.addWidget(QLabel("公报 / 文件"))
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        # Cut titles in the middle: the end holds the 期号 and the task count.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.itemSelectionChanged.connect(self._node_changed)
        layout.addWidget(self.tree, 3)

        self.units_label = QLabel(UNITS_ALL)
        layout.addWidget(self.units_label)
        self.units = QListWidget()
        self.units.setUniformItemSizes(True)
        self.units.itemSelectionChanged.connect(self.changed.emit)
        self.units.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.units.customContextMenuRequested.connect(self._unit_menu)
        layout.addWidget(self.units, 4)

    # --- state out -----------------------------------------------------------------------
    def quick(self) -> str:
        for key, button in self.quick_buttons.items():
            if button.isChecked():
                return key
        return QUICK_ALL

    def set_quick(self, key: str) -> None:
        self.quick_buttons[key].setChecked(True)

    def stagnation_days(self) -> int:
        return self.stagnation.value()

    def status(self) -> str | None:
        value = self.status_combo.currentData()
        return str(value) if value else None

    def gazettes(self) -> list[GazetteInfo]:
        return list(self._gazettes)

    def selected_node(self) -> tuple[int | None, int | None]:
        """(gazette id, document id) of the tree selection; (None, None) for all.

        The document id is `NO_DOCUMENT` for the node of a gazette's tasks outside any
        document, and None when the gazette itself is selected."""
        items = self.tree.selectedItems()
        if not items:
            return None, None
        data = items[0].data(0, ID_ROLE)
        if data is None:
            return None, None
        gazette_id, document_id = data
        return gazette_id, document_id

    def selected_unit(self) -> str | None:
        items = self.units.selectedItems()
        if not items:
            return None
        name = items[0].data(ID_ROLE)
        return str(name) if name else None

    def selected_unit_id(self) -> int | None:
        """The directory id of the selected unit (None for 全部单位)."""
        items = self.units.selectedItems()
        if not items:
            return None
        uid = items[0].data(UNIT_ID_ROLE)
        return int(uid) if uid is not None else None

    def select_unit_id(self, unit_id: int | None) -> bool:
        """Select the unit with this id (None: 全部单位); False when it is not listed."""
        for i in range(self.units.count()):
            item = self.units.item(i)
            if item.data(UNIT_ID_ROLE) == unit_id:
                item.setSelected(True)
                return True
        return False

    def unit_menu(self, unit_id: int | None) -> QMenu:
        """The unit list's context menu (built apart so tests can trigger its actions)."""
        menu = QMenu(self)
        action = menu.addAction("单位管理…")
        action.triggered.connect(lambda: self.manage_units_requested.emit(unit_id))
        return menu

    def _unit_menu(self, pos: QPoint) -> None:
        item = self.units.itemAt(pos)
        unit_id = item.data(UNIT_ID_ROLE) if item is not None else None
        self.unit_menu(unit_id).popup(self.units.viewport().mapToGlobal(pos))

    def _node_changed(self) -> None:
        """Another gazette or document: the unit counts follow it, then the filter."""
        self._fill_units(self._rows_in_node(), self.selected_unit())
        self.changed.emit()

    def _rows_in_node(self) -> list[TaskRow]:
        gazette_id, document_id = self.selected_node()
        self.units_label.setText(UNITS_ALL if gazette_id is None else UNITS_IN_NODE)
        rows = self._rows
        if gazette_id is not None:
            rows = [r for r in rows if r.gazette_id == gazette_id]
        if document_id is not None:
            doc = document_id or None  # NO_DOCUMENT: the tasks outside any document
            rows = [r for r in rows if r.document_id == doc]
        return rows

    def _stagnation_changed(self, days: int) -> None:
        self.quick_buttons[QUICK_STAGNANT].setText(QUICK_LABELS[QUICK_STAGNANT].format(n=days))
        if self.quick() == QUICK_STAGNANT:
            self.changed.emit()

    # --- data in -------------------------------------------------------------------------
    def set_data(
        self,
        rows: Sequence[TaskRow],
        gazettes: Sequence[GazetteInfo],
        documents: Sequence[DocumentRow] | None = None,
    ) -> None:
        """Rebuild tree and unit list, keeping the current selection where it still exists.

        `documents` (every document, from the ledger) puts documents without tasks in the
        tree too; None keeps the ones last given."""
        node, unit = self.selected_node(), self.selected_unit()
        self._gazettes = list(gazettes)
        self._rows = list(rows)
        if documents is not None:
            self._documents = list(documents)
        self.blockSignals(True)
        try:
            self._fill_tree(rows, gazettes, node)
            self._fill_units(self._rows_in_node(), unit)
        finally:
            self.blockSignals(False)

    def set_documents(self, documents: Sequence[DocumentRow]) -> None:
        """New document marks (after an added task or a dismissal); selection kept."""
        self._documents = list(documents)
        node = self.selected_node()
        self.blockSignals(True)
        try:
            self._fill_tree(self._rows, self._gazettes, node)
        finally:
            self.blockSignals(False)

    def documents(self) -> list[DocumentRow]:
        return list(self._documents)

    def _fill_tree(
        self,
        rows: Sequence[TaskRow],
        gazettes: Sequence[GazetteInfo],
        keep: tuple[int | None, int | None],
    ) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        per_gazette: Counter[int | None] = Counter(r.gazette_id for r in rows)
        # Per gazette: document id -> task count, and the document's label (文号, else title).
        per_doc: dict[int | None, Counter[int]] = {}
        labels: dict[int, str] = {NO_DOCUMENT: "（未归入文件）"}
        tips: dict[int, str] = {NO_DOCUMENT: "本期公报中未归入具体文件的任务"}
        for r in rows:
            doc = r.document_id if r.document_id is not None else NO_DOCUMENT
            per_doc.setdefault(r.gazette_id, Counter())[doc] += 1
            if doc not in labels:
                labels[doc] = r.doc_key or f"文件 {doc}"
                # The node shows the 文号 (or a title cut to the panel's width): the
                # tooltip gives the full title under it.
                tips[doc] = "\n".join(x for x in (r.doc_number, r.doc_title) if x) or labels[doc]
        top = QTreeWidgetItem([f"全部公报（{len(rows)}）"])
        top.setData(0, ID_ROLE, None)
        self.tree.addTopLevelItem(top)
        to_select = top
        for g in gazettes:
            item = QTreeWidgetItem([f"{g.label}（{per_gazette.get(g.id, 0)}）"])
            item.setToolTip(0, f"{g.label}\n（{per_gazette.get(g.id, 0)} 项任务）")
            item.setData(0, ID_ROLE, (g.id, None))
            top.addChild(item)
            if keep == (g.id, None):
                to_select = item
            docs = per_doc.get(g.id, Counter())
            known = {d.id: d for d in self._documents if d.gazette_id == g.id}
            for d in known.values():  # every document, with no task too
                docs.setdefault(d.id, 0)
                labels.setdefault(d.id, d.label)
                tips.setdefault(d.id, "\n".join(x for x in (d.doc_number, d.title) if x))
            # Documents in gazette order (ids follow it); the catch-all node last.
            for doc, count in sorted(docs.items(), key=lambda kv: (kv[0] == NO_DOCUMENT, kv[0])):
                info = known.get(doc)
                mark = review_mark(info) if info is not None else ""
                # The ⚠ first: a narrow panel still shows it; the words follow the label.
                text = f"⚠ {labels[doc]}（{count}）{mark}" if mark else f"{labels[doc]}（{count}）"
                child = QTreeWidgetItem([text])
                tip = f"{tips[doc]}\n（{count} 项任务）"
                if mark:
                    tip += f"\n{mark}：选中后在下方原文中查看标红的行，可从原文新增任务"
                    child.setForeground(0, QBrush(QColor(REVIEW_COLOR)))
                child.setToolTip(0, tip)
                child.setData(0, ID_ROLE, (g.id, doc))
                item.addChild(child)
                if keep == (g.id, doc):
                    to_select = child
        top.setExpanded(True)
        to_select.setSelected(True)
        self.tree.blockSignals(False)

    def _fill_units(self, rows: Sequence[TaskRow], keep: str | None) -> None:
        """One entry per directory unit (by id): two counties' 县财政局 are two entries,
        labelled with their county; each merged unit is one entry whatever its names.
        Collectives (各乡镇, 县直各部门 …) come after the named units, marked as such.
        Rows without unit ids (built by hand) are listed by name."""
        keep_id = self.selected_unit_id()
        self.units.blockSignals(True)
        self.units.clear()
        counts: Counter[int | str] = Counter()
        names: dict[int | str, str] = {}
        county_of_unit: dict[int | str, str] = {}
        counties = {g.id: g.county for g in self._gazettes}
        for r in rows:
            pairs: list[tuple[int | str, str]] = []
            for ids, listed in (
                (r.lead_unit_ids, r.lead_units),
                (r.support_unit_ids, r.support_units),
            ):
                if len(ids) == len(listed):
                    pairs += zip(ids, listed, strict=True)
                else:
                    pairs += [(name, name) for name in listed]
            counts.update({key for key, _ in pairs})
            for key, name in pairs:
                names[key] = name
                county_of_unit.setdefault(key, counties.get(r.gazette_id or 0, ""))
        shared = Counter(names.values())
        first = QListWidgetItem(f"{ALL_UNITS}")
        first.setData(ID_ROLE, None)
        first.setData(UNIT_ID_ROLE, None)
        self.units.addItem(first)
        selected = first
        # The clerk's unit stays pickable, with its 0, when another node has none of it.
        if keep_id is not None and keep_id not in counts and keep:
            counts[keep_id], names[keep_id] = 0, keep
        elif keep_id is None and keep and keep not in names.values():
            counts[keep], names[keep] = 0, keep
        collective = {key: kind_of(name) == COLLECTIVE for key, name in names.items()}
        order = sorted(
            counts.items(), key=lambda kv: (collective[kv[0]], -kv[1], names[kv[0]], str(kv[0]))
        )
        for key, count in order:
            name = names[key]
            county = county_of_unit.get(key, "")
            label = f"{name}·{county}" if shared[name] > 1 and county else name
            if collective[key]:
                label += COLLECTIVE_MARK
            item = QListWidgetItem(f"{label}（{count}）")
            item.setToolTip(name)
            item.setData(ID_ROLE, name)
            item.setData(UNIT_ID_ROLE, key if isinstance(key, int) else None)
            self.units.addItem(item)
            if (keep_id is not None and key == keep_id) or (keep_id is None and name == keep):
                selected = item
        selected.setSelected(True)
        self.units.blockSignals(False)
