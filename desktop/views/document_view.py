"""A document's whole source text: line numbers, its tasks highlighted, missed cues marked.

The text comes from the ledger (kept at import), so it shows after the file was moved.
Each source line is one paragraph with its number hanging in the margin; a run of
tab-separated lines is drawn as a real table (cells aligned, wrapped, line number in the
first column) instead of one run-on line. Lines of a found task are tinted and clicking
one selects that task; the selected task's lines are outlined more strongly; lines with
an unassigned responsibility cue (可能遗漏) are tinted in another colour and carry the
reason. Selecting lines and choosing 从原文新增任务 asks the window for a prefilled task.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTableFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from core.ledger.dto import CueRow, DocumentText, SourceLineRow, TaskSpan

GUTTER = 46  # px for the line number hanging in the left margin
TASK_BG = "#fff4c2"  # lines of a found task
MANUAL_BG = "#e3f1df"  # lines of a task the clerk added
CUE_BG = "#fde0dc"  # an unassigned responsibility cue
CURRENT_BG = "#ffd666"  # the selected task
CUE_FG = "#b3261e"
NUMBER_FG = "#9aa0a6"
PAGE_FG = "#5f6368"
PAGE_MARK = -2  # userState of a page separator block (lines have their number)
# Word joiners keep the mark on one line when the paragraph wraps.
CUE_MARK = "　" + "\u2060".join("⚠可能遗漏")
HINT = "在左侧选择一份文件，或在表格中选择一项任务，即可在此查看原文全文"


WHOLE_ITEM = -1


@dataclass(frozen=True)
class Selection:
    """Source lines the clerk selected (inclusive); `clicked`: one line clicked, nothing
    selected, so the item starting there is meant."""

    first: int
    last: int
    clicked: bool = False


def _cell_text(cell: str) -> str:
    return cell.replace("<p>", "").replace("</p>", "\n").replace("<br>", "\n").strip()


class SourceText(QTextEdit):
    """The read-only text; reports clicks on task lines and gives the selected lines."""

    line_clicked = Signal(int)
    menu_requested = Signal(QPoint, QPoint)  # position in the viewport, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.tips: dict[int, str] = {}  # line -> why it is marked

    def line_at(self, pos: QPoint) -> int | None:
        state = self.cursorForPosition(pos).block().userState()
        return state if state > 0 else None

    def selected_lines(self) -> Selection | None:
        """The source lines the selection touches, or None without a selection."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        doc = self.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if end > start:
            end -= 1  # a selection ending at a line's start does not take that line
        lines = []
        block = doc.findBlock(start)
        last = doc.findBlock(end)
        while block.isValid():
            if block.userState() > 0:
                lines.append(block.userState())
            if block == last:
                break
            block = block.next()
        return Selection(min(lines), max(lines)) if lines else None

    def viewportEvent(self, event: QEvent) -> bool:
        """A cue line's tooltip says why it is marked (the line itself only says 可能遗漏)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            line = self.line_at(event.pos())
            tip = self.tips.get(line) if line is not None else None
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menu_requested.emit(event.pos(), event.globalPos())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            line = self.line_at(event.position().toPoint())
            if line is not None:
                self.line_clicked.emit(line)


class DocumentView(QWidget):
    """Shows one `DocumentText`; emits what the clerk asks for."""

    task_clicked = Signal(int)  # task id
    # document id, first line, last line (WHOLE_ITEM: only a line was clicked, take its item)
    add_requested = Signal(int, int, int)
    dismiss_cues_requested = Signal(list)  # cue ids
    dismiss_document_requested = Signal(int)  # document id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: DocumentText | None = None
        self.current_task: int | None = None
        self._blocks: dict[int, list[tuple[int, int]]] = {}  # line -> (start, end) positions
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        self.title = QLabel(HINT)
        self.title.setObjectName("document_title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(False)
        # A long title must not widen the window: it is cut at the pane's edge instead.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(40)
        self.add_button = QPushButton("从原文新增任务")
        self.add_button.setObjectName("add_from_source")
        self.add_button.setToolTip(
            "先单击该项所在行（或选中几行），再点此（Ctrl+Shift+N）：任务内容、单位、时限按提取规则预填"
        )
        self.add_button.setShortcut("Ctrl+Shift+N")
        self.add_button.clicked.connect(self.request_add)
        self.dismiss_button = QPushButton("不是任务")
        self.dismiss_button.setObjectName("dismiss_document")
        self.dismiss_button.setToolTip("核对后确认此文件没有需要督办的任务：清除其“可能遗漏”标记")
        self.dismiss_button.clicked.connect(self._dismiss_document)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.dismiss_button)
        bar.addWidget(self.add_button)
        layout.addLayout(bar)
        self.text = SourceText()
        self.text.setObjectName("document_text")
        self.text.line_clicked.connect(self._line_clicked)
        self.text.selectionChanged.connect(self._update_buttons)
        self.text.menu_requested.connect(self._context_menu)
        layout.addWidget(self.text, 1)
        self.clicked_line: int | None = None
        self.show_document(None)

    # --- content ------------------------------------------------------------------------
    def show_document(self, doc: DocumentText | None, message: str = HINT) -> None:
        """Render a document (None: the hint, or `message`)."""
        self.current, self.current_task, self.clicked_line = doc, None, None
        self._blocks = {}
        self.text.setExtraSelections([])
        if doc is None:
            self.title.setText(f'<span style="color:#888">{message}</span>')
            self.text.setDocument(QTextDocument(self.text))
            self._update_buttons()
            return
        self.title.setText(self._title_html(doc))
        self.text.tips = {}
        self.text.setDocument(self._build(doc))
        self._update_buttons()

    def document_id(self) -> int | None:
        return self.current.document.id if self.current else None

    def _title_html(self, doc: DocumentText) -> str:
        d = doc.document
        name = d.doc_number or d.title
        parts = [f"<b>{_esc(name)}</b>"]
        if d.doc_number and d.title and d.title != d.doc_number:
            parts.append(_esc(d.title[:40]))
        parts.append(f"共 {len(doc.spans)} 项任务")
        open_cues = sum(1 for c in doc.cues if c.open)
        if open_cues:
            parts.append(f'<span style="color:{CUE_FG}">可能遗漏 {open_cues} 处</span>')
        elif d.flag_open:
            parts.append(f'<span style="color:{CUE_FG}">有分工表述但未识别出任务</span>')
        if not doc.lines:
            parts.append('<span style="color:#888">（原文未保存在台账中）</span>')
        return "　".join(parts)

    def _build(self, doc: DocumentText) -> QTextDocument:
        out = QTextDocument(self.text)
        out.setUndoRedoEnabled(False)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        out.setDefaultFont(font)
        out.setDocumentMargin(6)
        tint = self._tints(doc.spans, doc.cues)
        cue_of = {c.line: c for c in doc.cues if c.open}
        cursor = QTextCursor(out)
        lines = list(doc.lines)
        first_block = True
        page: int | None = None
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.page is not None and line.page != page:
                page = line.page
                first_block = self._page_mark(cursor, page, first_block)
            if "\t" in line.text:
                run = [line]
                while (
                    i + 1 < len(lines)
                    and "\t" in lines[i + 1].text
                    and lines[i + 1].page in (None, page)
                ):
                    i += 1
                    run.append(lines[i])
                self._table(cursor, run, tint, first_block)
                first_block = False
            else:
                self._paragraph(cursor, line, tint.get(line.no), cue_of.get(line.no), first_block)
                first_block = False
            i += 1
        return out

    @staticmethod
    def _tints(spans: Sequence[TaskSpan], cues: Sequence[CueRow]) -> dict[int, str]:
        tint: dict[int, str] = {}
        for c in cues:
            if c.open:
                tint[c.line] = CUE_BG
        for sp in spans:
            for no in range(sp.first, sp.last + 1):
                tint[no] = MANUAL_BG if sp.manual else TASK_BG
        return tint

    def _block_format(self, bg: str | None) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setLeftMargin(GUTTER)
        fmt.setTextIndent(-GUTTER)
        fmt.setTabPositions([QTextOption.Tab(GUTTER, QTextOption.TabType.LeftTab)])
        fmt.setTopMargin(1)
        fmt.setBottomMargin(1)
        fmt.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if bg:
            fmt.setBackground(QColor(bg))
        return fmt

    def _page_mark(self, cursor: QTextCursor, page: int, first_block: bool) -> bool:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(6)
        fmt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        char = QTextCharFormat()
        char.setForeground(QColor(PAGE_FG))
        if first_block:
            cursor.setBlockFormat(fmt)
        else:
            cursor.insertBlock(fmt)
        cursor.insertText(f"—— 第 {page} 页 ——", char)
        cursor.block().setUserState(PAGE_MARK)
        return False

    def _paragraph(
        self,
        cursor: QTextCursor,
        line: SourceLineRow,
        bg: str | None,
        cue: CueRow | None,
        first_block: bool,
    ) -> None:
        fmt = self._block_format(bg)
        blank = not line.text.strip()
        if blank:  # gazettes print a blank line between most lines: keep it thin
            fmt.setLineHeight(4, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            fmt.setTopMargin(0)
            fmt.setBottomMargin(0)
        if first_block:
            cursor.setBlockFormat(fmt)
        else:
            cursor.insertBlock(fmt)
        start = cursor.position()
        if blank:
            cursor.block().setUserState(line.no)
            self._blocks.setdefault(line.no, []).append((start, start))
            return
        number = QTextCharFormat()
        number.setForeground(QColor(NUMBER_FG))
        cursor.insertText(f"{line.no}\t", number)
        cursor.insertText(line.text, QTextCharFormat())
        if cue is not None:
            mark = QTextCharFormat()
            mark.setForeground(QColor(CUE_FG))
            mark.setFontWeight(QFont.Weight.Bold)
            cursor.insertText(CUE_MARK, mark)
            self.text.tips[line.no] = f"可能遗漏：{cue.reason}\n右键：从原文新增任务，或“不是任务”"
        cursor.block().setUserState(line.no)
        self._blocks.setdefault(line.no, []).append((start, cursor.position()))

    def _table(
        self,
        cursor: QTextCursor,
        run: list[SourceLineRow],
        tint: dict[int, str],
        first_block: bool,
    ) -> None:
        cols = max(len(r.text.split("\t")) for r in run)
        if first_block:
            cursor.setBlockFormat(QTextBlockFormat())
        fmt = QTextTableFormat()
        fmt.setBorder(1)
        fmt.setBorderCollapse(True)
        fmt.setBorderBrush(QColor("#c0c4c8"))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setCellPadding(3)
        fmt.setCellSpacing(0)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        widths = [QTextLength(QTextLength.Type.FixedLength, GUTTER - 6)]
        widths += [QTextLength(QTextLength.Type.VariableLength, 0)] * cols
        fmt.setColumnWidthConstraints(widths)
        table = cursor.insertTable(len(run), cols + 1, fmt)
        number = QTextCharFormat()
        number.setForeground(QColor(NUMBER_FG))
        for r, line in enumerate(run):
            cells = line.text.split("\t")
            bg = tint.get(line.no)
            for c in range(cols + 1):
                cell = table.cellAt(r, c)
                if bg:
                    cf = cell.format()
                    cf.setBackground(QColor(bg))
                    cell.setFormat(cf)
                cc = cell.firstCursorPosition()
                if c == 0:
                    cc.insertText(str(line.no), number)
                else:
                    cc.insertText(_cell_text(cells[c - 1]) if c - 1 < len(cells) else "")
                block = cell.firstCursorPosition().block()
                end = cell.lastCursorPosition().position()
                while block.isValid() and block.position() <= end:
                    block.setUserState(line.no)
                    block = block.next()
            row_start = table.cellAt(r, 0).firstCursorPosition().position()
            row_end = table.cellAt(r, cols).lastCursorPosition().position()
            self._blocks.setdefault(line.no, []).append((row_start, row_end))
        cursor.movePosition(QTextCursor.MoveOperation.End)

    # --- tasks ----------------------------------------------------------------------------
    def span_of(self, task_id: int) -> TaskSpan | None:
        if self.current is None:
            return None
        return next((s for s in self.current.spans if s.task_id == task_id), None)

    def task_at(self, line: int) -> int | None:
        """The task whose lines hold `line` (the latest-starting one when spans nest)."""
        if self.current is None:
            return None
        hits = [s for s in self.current.spans if s.first <= line <= s.last]
        return max(hits, key=lambda s: (s.first, s.task_id)).task_id if hits else None

    def show_task(self, task_id: int | None) -> None:
        """Outline the task's lines and scroll them into view."""
        self.current_task = task_id
        span = self.span_of(task_id) if task_id is not None else None
        if span is None:
            self.text.setExtraSelections([])
            return
        selections = []
        for no in range(span.first, span.last + 1):
            for start, end in self._blocks.get(no, []):
                sel = QTextEdit.ExtraSelection()
                cur = QTextCursor(self.text.document())
                cur.setPosition(start)
                cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cur
                fmt = QTextCharFormat()
                fmt.setBackground(QColor(CURRENT_BG))
                fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
                sel.format = fmt
                selections.append(sel)
        self.text.setExtraSelections(selections)
        self.scroll_to_line(span.first)

    def scroll_to_line(self, line: int) -> None:
        places = self._blocks.get(line)
        if not places:
            return
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(places[0][0])
        bar = self.text.verticalScrollBar()
        rect = self.text.cursorRect(cursor)
        view = self.text.viewport().rect()
        if rect.top() < view.height() // 6 or rect.bottom() > view.height() * 5 // 6:
            bar.setValue(bar.value() + rect.top() - view.height() // 4)

    def select_lines(self, first: int, last: int) -> None:
        """Select source lines as the clerk would with the mouse (used by tests too)."""
        a, b = self._blocks.get(first), self._blocks.get(last)
        if not a or not b:
            return
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(a[0][0])
        cursor.setPosition(b[-1][1], QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    # --- the clerk's requests -----------------------------------------------------------
    def selection(self) -> Selection | None:
        """The selected lines, else the line last clicked."""
        picked = self.text.selected_lines()
        if picked is None and self.clicked_line is not None:
            return Selection(self.clicked_line, self.clicked_line, clicked=True)
        return picked

    def request_add(self) -> None:
        sel = self.selection()
        if self.current is None or sel is None:
            return
        last = WHOLE_ITEM if sel.clicked else sel.last
        self.add_requested.emit(self.current.document.id, sel.first, last)

    def _line_clicked(self, line: int) -> None:
        self.clicked_line = line
        self._update_buttons()
        task = self.task_at(line)
        if task is not None:
            self.task_clicked.emit(task)

    def open_cues_in(self, sel: Selection | None) -> list[CueRow]:
        if self.current is None or sel is None:
            return []
        return [c for c in self.current.cues if c.open and sel.first <= c.line <= sel.last]

    def _dismiss_document(self) -> None:
        if self.current is not None:
            self.dismiss_document_requested.emit(self.current.document.id)

    def _update_buttons(self) -> None:
        doc = self.current
        self.add_button.setEnabled(
            doc is not None and bool(doc.lines) and self.selection() is not None
        )
        review = doc is not None and (doc.document.flag_open or any(c.open for c in doc.cues))
        self.dismiss_button.setVisible(bool(review))

    def context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a right-click at `pos` (viewport coordinates)."""
        line = self.text.line_at(pos)
        if self.text.selected_lines() is None and line is not None:
            self.clicked_line = line
        sel = self.selection()
        menu = QMenu(self)
        add = QAction(
            f"从原文新增任务（第 {sel.first}–{sel.last} 行）"
            if sel and sel.last > sel.first
            else f"从原文新增任务（第 {sel.first} 行）"
            if sel
            else "从原文新增任务",
            menu,
        )
        add.setEnabled(sel is not None and self.current is not None)
        add.triggered.connect(self.request_add)
        menu.addAction(add)
        cues = self.open_cues_in(sel)
        if cues:
            ignore = QAction(f"不是任务（忽略 {len(cues)} 处可能遗漏）", menu)
            ignore.triggered.connect(lambda: self.dismiss_cues_requested.emit([c.id for c in cues]))
            menu.addAction(ignore)
        menu.addSeparator()
        copy = QAction("复制", menu)
        copy.setEnabled(self.text.textCursor().hasSelection())
        copy.triggered.connect(self.text.copy)
        menu.addAction(copy)
        return menu

    def _context_menu(self, pos: QPoint, global_pos: QPoint) -> None:
        self.context_menu(pos).exec(global_pos)


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
