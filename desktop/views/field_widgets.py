"""Input fields that read what clerks actually write: deadlines in words, several units.

`DeadlineField` accepts `2025年12月底前`, `年底前`, `10月31日` or a date picked from a
calendar, reads it with extraction's own rules (`core.fields.deadlines`) against the
document's year, and shows the date it understood before anything is saved.
`UnitsEdit` completes each unit name (separated by “、”) from the ledger's unit names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

UNIT_SEPARATORS = re.compile(r"[、,，;；\s]+")
UNDERSTOOD_STYLE = "color:#188038"
PROBLEM_STYLE = "color:#c5221f"


class DeadlineField(QWidget):
    """A deadline typed in words or picked; `value()` is the date understood (or None).

    `error()` is non-empty when something was typed that no rule can read, so the editor
    refuses to save a guess.
    """

    changed = Signal()

    def __init__(self, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = year
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setObjectName("deadline_text")
        self.edit.setPlaceholderText("如：2025年12月底前、年底前、10月31日；留空表示无时限")
        self.edit.textChanged.connect(self._update)
        self.pick = QToolButton()
        self.pick.setText("日历…")
        self.pick.setToolTip("从日历中选择日期")
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.pick)
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.pick.setMenu(menu)
        row.addWidget(self.edit, 1)
        row.addWidget(self.pick)
        layout.addLayout(row)
        self.understood = QLabel()
        self.understood.setObjectName("deadline_understood")
        layout.addWidget(self.understood)
        self._update()

    def set_text(self, text: str | None) -> None:
        self.edit.setText(text or "")

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:  # the QLineEdit spelling callers use
        self.edit.setText(text)

    def iso(self) -> str | None:
        """The understood date as YYYY-MM-DD (what the ledger stores), or None."""
        when = self.value()
        return when.isoformat() if when else None

    def value(self) -> date | None:
        from core.fields.deadlines import deadline_as_written  # regexes: not at start-up

        found = deadline_as_written(self.text(), self.year)
        return date.fromisoformat(found.iso) if found else None

    def error(self) -> str:
        if self.text() and self.value() is None:
            if self.year is None:
                return f"无法识别完成时限“{self.text()}”：请写明年份（如 2025年12月底前）或选择日期"
            return (
                f"无法识别完成时限“{self.text()}”：请写成如“2025年12月底前”“10月31日”，或选择日期"
            )
        return ""

    def _picked(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        menu = self.pick.menu()
        if menu is not None:
            menu.hide()

    def _update(self) -> None:
        when, problem = self.value(), self.error()
        if problem:
            self.understood.setStyleSheet(PROBLEM_STYLE)
            self.understood.setText("无法识别，请改写或从日历选择")
        elif when is not None:
            self.understood.setStyleSheet(UNDERSTOOD_STYLE)
            self.understood.setText(f"识别为：{when.isoformat()}")
            self.calendar.setSelectedDate(QDate(when.year, when.month, when.day))
        else:
            self.understood.setStyleSheet("color:#888")
            self.understood.setText("无时限")
        self.changed.emit()


def split_units(text: str) -> list[str]:
    return [u for u in UNIT_SEPARATORS.split(text.strip()) if u]


class UnitsEdit(QLineEdit):
    """Several unit names separated by “、”; the name being typed completes from `names`."""

    def __init__(self, names: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("多个单位用“、”分隔，输入时自动提示台账中的单位")
        self._model = QStringListModel(sorted(set(names)), self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setWidget(self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.activated.connect(self.insert_completion)
        self.textEdited.connect(self._complete)

    def set_names(self, names: Sequence[str]) -> None:
        self._model.setStringList(sorted(set(names)))

    def units(self) -> list[str]:
        return split_units(self.text())

    def set_units(self, names: Sequence[str]) -> None:
        self.setText("、".join(names))

    def current_word(self) -> str:
        return UNIT_SEPARATORS.split(self.text()[: self.cursorPosition()])[-1]

    def _complete(self, _text: str) -> None:
        word = self.current_word()
        popup = self.completer_.popup()
        if word:
            self.completer_.setCompletionPrefix(word)
        if not word or self.completer_.completionCount() == 0:
            if popup is not None:
                popup.hide()
            return
        self.completer_.complete()

    def insert_completion(self, name: str) -> None:
        """Replace the name being typed with the chosen one."""
        pos = self.cursorPosition()
        head, tail = self.text()[:pos], self.text()[pos:]
        word = self.current_word()
        head = head[: len(head) - len(word)] + name
        self.setText(head + tail)
        self.setCursorPosition(len(head))
