"""Right-hand panel: one task in full, where it came from, and what the clerk did to it.

Rendering is plain HTML in QTextBrowser widgets (selectable, copyable, cheap); the
tracking controls below emit requests that the main window turns into undoable commands.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.ledger.dto import ExcerptLine, TaskDetail
from core.ledger.editing.tracking import FIELD_LABELS
from core.ledger.statuses import STATUS_LABELS
from desktop.table.task_table_model import format_amount

TARGET_ANCHOR = "target"
ROLE_LABELS = {"lead": "牵头", "support": "配合", "other": "其他"}
KIND_LABELS = {"table": "分工表", "list": "分工清单", "inline": "括注责任单位", "paragraph": "段落"}
KIND_LABELS["manual"] = "人工新增"


class NoteEdit(QPlainTextEdit):
    """A note box that asks for `lines` lines of height and keeps at least two."""

    def __init__(self, lines: int, grows: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        vertical = QSizePolicy.Policy.Expanding if grows else QSizePolicy.Policy.Maximum
        self.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)

    def lines_height(self, lines: int) -> int:
        """Height showing `lines` lines of the box's font, frame and margins included."""
        m = self.contentsMargins()
        inner = self.fontMetrics().lineSpacing() * lines + 2 * self.document().documentMargin()
        return int(inner) + m.top() + m.bottom()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.lines_height(self.lines))

    def minimumSizeHint(self) -> QSize:
        # Qt's own minimum makes room for a full vertical scroll bar (~5 lines).
        return QSize(super().minimumSizeHint().width(), self.lines_height(2))


def _value(field: str, value: object) -> str:
    if field == "amounts" and isinstance(value, list):
        return "；".join(str(a.get("text") or a.get("yuan")) for a in value) or "（无）"
    if isinstance(value, list):
        return "、".join(map(str, value)) or "（无）"
    return "（无）" if value in (None, "") else str(value)


def _field(label: str, value: str | None) -> str:
    shown = escape(value) if value else '<span style="color:#888">—</span>'
    return f'<tr><td style="color:#555;padding-right:10px" nowrap>{label}</td><td>{shown}</td></tr>'


def _time(dt: object) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M") if hasattr(dt, "astimezone") else str(dt)


def detail_html(detail: TaskDetail, context: Sequence[ExcerptLine]) -> str:
    """The 详情 tab: text, units, deadline, money and provenance."""
    t = detail.task
    units = ", ".join(t.lead_units)
    others = "；".join(f"{h}：{'、'.join(names)}" for h, names in t.other_units.items())
    deadline = t.deadline.isoformat() if t.deadline else None
    if t.deadline_text and deadline:
        deadline = f"{deadline}（原文：{t.deadline_text}）"
    money = "；".join(
        str(a.get("text") or format_amount(a.get("yuan")))
        + (f"/{a['per']}" if a.get("per") else "")
        for a in t.amounts
    )
    fixed = "、".join(sorted(FIELD_LABELS.get(f, f) for f in t.corrected_fields))
    rows = [
        _field("牵头单位", units.replace(", ", "、")),
        _field("配合单位", "、".join(t.support_units)),
        _field("其他单位", others),
        _field("完成时限", deadline),
        _field("金额", money),
        _field("分管领导", t.leader),
        _field("责任人", t.person),
        _field("状态", t.status_label + (f"（{t.due_label}）" if t.due_label else "")),
        _field("已人工修正", fixed),
    ]
    note = t.latest_note
    if note is not None:
        said = "；".join(
            f"{label}：{v}"
            for label, v in (
                ("进展", note.progress),
                ("问题", note.problems),
                ("下步", note.next_steps),
            )
            if v
        )
        rows.append(_field("最新进展", f"{said}（{_time(note.at)}，{note.by}）"))
    else:
        rows.append(_field("最新进展", None))
    where = f"第 {t.line} 行" + (f"，第 {t.page} 页" if t.page else "") if t.line > 0 else ""
    source = [
        _field("文号", t.doc_number),
        _field("文件标题", t.doc_title),
        _field("章节", t.section),
        _field("分组", t.group),
        _field("序号", t.ref),
        _field("结构", KIND_LABELS.get(t.kind, t.kind)),
        _field("位置", f"{t.gazette_file} {where}"),
    ]
    return (
        f'<p style="font-size:11pt;line-height:140%"><b>{escape(t.text)}</b></p>'
        f"<table>{''.join(rows)}</table>"
        f"<h4>来源</h4><table>{''.join(source)}</table>"
    )


def excerpt_html(detail: TaskDetail, context: Sequence[ExcerptLine]) -> str:
    """The 原文摘录 tab: the source lines around the task, its own line highlighted.

    A tab of its own: below the details it sat under the fold of a short panel, so the
    clerk checking a task against the gazette never saw it."""
    t = detail.task
    if not context:
        return '<p style="color:#888">没有可显示的原文（任务为人工新增，或原文未保存）</p>'
    where = f"第 {t.line} 行" + (f"，第 {t.page} 页" if t.page else "") if t.line > 0 else ""
    excerpt = []
    for no, text, target in ((x.no, x.text, x.target) for x in context):
        style = "background:#fff3c4;font-weight:bold" if target else "color:#444"
        anchor = f'<a name="{TARGET_ANCHOR}"></a>' if target else ""
        excerpt.append(
            f'<tr style="{style}"><td style="color:#999;padding-right:8px" align="right">'
            f'{anchor}{no}</td><td style="{style}">{escape(text)}</td></tr>'
        )
    head = escape(f"{t.doc_number or ''} {t.gazette_file} {where}".strip())
    return f'<p style="color:#555">{head}</p><h4>原文摘录</h4><table>{"".join(excerpt)}</table>'


def history_html(detail: TaskDetail) -> str:
    """The 跟踪记录 tab: status changes, progress notes and corrections, newest first."""
    events: list[tuple[object, str]] = []
    for h in detail.history:
        before = STATUS_LABELS.get(h.from_status or "", h.from_status or "（新建）")
        after = STATUS_LABELS.get(h.to_status, h.to_status)
        note = f"：{escape(h.note)}" if h.note else ""
        events.append(
            (h.at, f"<b>状态</b> {escape(before)} → {escape(after)}{note}｜{escape(h.by)}")
        )
    for n in detail.notes:
        parts = [
            f"{label}：{escape(v)}"
            for label, v in (
                ("进展情况", n.progress),
                ("存在问题", n.problems),
                ("下步措施", n.next_steps),
            )
            if v
        ]
        where = f"（来自 {escape(n.source)}）" if n.source else ""
        events.append((n.at, f"<b>进展</b> {'<br>'.join(parts)}｜{escape(n.by)}{where}"))
    for c in detail.corrections:
        if c.field == "deleted":
            what = "删除任务" if c.new_value else "恢复任务"
            events.append((c.at, f"<b>{what}</b>｜{escape(c.by)}"))
            continue
        events.append(
            (
                c.at,
                f"<b>修正</b> {escape(FIELD_LABELS.get(c.field, c.field))}："
                f"{escape(_value(c.field, c.old_value))} → "
                f"{escape(_value(c.field, c.new_value))}｜{escape(c.by)}",
            )
        )
    if not events:
        return '<p style="color:#888">暂无跟踪记录</p>'
    events.sort(key=lambda e: e[0], reverse=True)  # type: ignore[arg-type, return-value]
    return "".join(
        f'<p><span style="color:#666">{_time(at)}</span><br>{body}</p>' for at, body in events
    )


class DetailPanel(QWidget):
    """Shows the current task; emits the clerk's tracking requests."""

    status_requested = Signal(str, str)  # status key, note
    # task id the note was typed for, 进展情况, 存在问题, 下步措施
    note_requested = Signal(int, str, str, str)
    # Unsaved note text of a task the panel is leaving (same arguments): the window saves
    # it to that task, never to the one shown next.
    draft_left = Signal(int, str, str, str)
    edit_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.detail_view = QTextBrowser()
        self.detail_view.setOpenLinks(False)
        self.source_view = QTextBrowser()
        self.history_view = QTextBrowser()
        self.tabs.addTab(self.detail_view, "详情")
        self.tabs.addTab(self.source_view, "原文摘录")
        self.tabs.addTab(self.history_view, "跟踪记录")
        self.tabs.currentChanged.connect(lambda _i: self._show_target())
        # Tabs above, tracking controls below, with a handle between: the clerk writing a
        # long note drags it up, the one reading the source drags it down.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        controls = QWidget()
        controls_layout = QVBoxLayout(controls)
        controls_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        status_box = QGroupBox("更改状态（可多选任务）")
        row = QHBoxLayout(status_box)
        self.status_combo = QComboBox()
        for key, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, key)
        self.status_note = QLineEdit()
        self.status_note.setPlaceholderText("说明（可选）")
        self.status_button = QPushButton("更改状态")
        self.status_button.clicked.connect(self._emit_status)
        row.addWidget(self.status_combo)
        row.addWidget(self.status_note, 1)
        row.addWidget(self.status_button)
        controls_layout.addWidget(status_box)

        note_box = QGroupBox("填报进展")
        form = QFormLayout(note_box)
        # ~5 lines for 进展情况, which grows with the splitter above; ~3 for the others.
        # None shrinks below two lines.
        self.progress_edit = NoteEdit(5)
        self.problems_edit = NoteEdit(3, grows=False)
        self.next_edit = NoteEdit(3, grows=False)
        for label, edit in (
            ("进展情况", self.progress_edit),
            ("存在问题", self.problems_edit),
            ("下步措施", self.next_edit),
        ):
            edit.setTabChangesFocus(True)
            form.addRow(label, edit)
        buttons = QHBoxLayout()
        self.note_button = QPushButton("保存进展")
        self.note_button.clicked.connect(self._emit_note)
        self.edit_button = QPushButton("修正字段…")
        self.edit_button.clicked.connect(self.edit_requested.emit)
        self.delete_button = QPushButton("删除任务")
        self.delete_button.clicked.connect(self.delete_requested.emit)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.note_button)
        form.addRow(buttons)
        controls_layout.addWidget(note_box, 1)
        self.splitter.addWidget(controls)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.controls = controls
        self.split_restored = False  # the window restored the clerk's own split
        # The task the note boxes belong to: set when a task is shown, so a note is bound
        # to the task it was typed for, not to whatever is selected when it is saved.
        self.note_task_id: int | None = None
        self.show_detail(None)

    def show_detail(
        self, detail: TaskDetail | None, context: Sequence[ExcerptLine] = (), selected: int = 1
    ) -> None:
        has = detail is not None
        shown = detail.task.id if detail is not None and selected == 1 else None
        if shown != self.note_task_id:
            self.release_draft()
            self.note_task_id = shown
        for w in (self.note_button, self.edit_button, self.progress_edit):
            w.setEnabled(has and selected == 1)
        for w in (self.problems_edit, self.next_edit):
            w.setEnabled(has and selected == 1)
        self.status_button.setEnabled(selected >= 1)
        self.delete_button.setEnabled(selected >= 1)
        self.status_button.setText("更改状态" if selected <= 1 else f"更改 {selected} 项的状态")
        if detail is None:
            hint = (
                "在左侧表格中选择一项任务以查看详情"
                if selected == 0
                else f"已选择 {selected} 项任务"
            )
            self.detail_view.setHtml(f'<p style="color:#888">{hint}</p>')
            self.source_view.clear()
            self.history_view.clear()
            return
        self.detail_view.setHtml(detail_html(detail, context))
        self.source_view.setHtml(excerpt_html(detail, context))
        self._show_target()
        self.history_view.setHtml(history_html(detail))
        index = self.status_combo.findData(detail.task.status)
        if index >= 0:
            self.status_combo.setCurrentIndex(index)
        anchor = self.detail_view.verticalScrollBar()
        anchor.setValue(0)

    def showEvent(self, event: QShowEvent) -> None:
        """First show: the tracking controls get their natural height (note boxes of ~5
        and ~3 lines), the tabs all the rest, unless the clerk's own split was restored."""
        super().showEvent(event)
        if not self.split_restored:
            self.split_restored = True
            total = sum(self.splitter.sizes())
            wanted = self.controls.sizeHint().height()
            self.splitter.setSizes([max(total - wanted, 120), wanted])

    def _show_target(self) -> None:
        """Bring the highlighted source line into view (once the tab has its size)."""
        if self.tabs.currentWidget() is self.source_view:
            self.source_view.scrollToAnchor(TARGET_ANCHOR)

    def _emit_status(self) -> None:
        self.status_requested.emit(
            str(self.status_combo.currentData()), self.status_note.text().strip()
        )
        self.status_note.clear()

    def _note_edits(self) -> tuple[QPlainTextEdit, QPlainTextEdit, QPlainTextEdit]:
        return self.progress_edit, self.problems_edit, self.next_edit

    def draft(self) -> tuple[str, str, str] | None:
        """What is typed in the note boxes (stripped), or None when they are empty."""
        p, q, n = (e.toPlainText().strip() for e in self._note_edits())
        return (p, q, n) if p or q or n else None

    def _take_draft(self) -> tuple[int, tuple[str, str, str]] | None:
        values, task_id = self.draft(), self.note_task_id
        for e in self._note_edits():
            e.clear()
        if values is None or task_id is None:
            return None
        return task_id, values

    def release_draft(self) -> None:
        """Hand unsaved note text to the window (`draft_left`) and empty the boxes: called
        before the panel shows another task, and by the window when it closes."""
        taken = self._take_draft()
        if taken is not None:
            self.draft_left.emit(taken[0], *taken[1])

    def restore_draft(self, values: tuple[str, str, str]) -> None:
        """Put back a note that could not be saved (the panel shows its task again)."""
        for edit, text in zip(self._note_edits(), values, strict=True):
            edit.setPlainText(text)

    def _emit_note(self) -> None:
        taken = self._take_draft()
        if taken is not None:
            self.note_requested.emit(taken[0], *taken[1])

    def focus_text(self) -> None:
        self.detail_view.setFocus(Qt.FocusReason.OtherFocusReason)
