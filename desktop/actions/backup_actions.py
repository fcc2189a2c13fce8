"""文件 → 备份台账… / 恢复台账…: the menu actions over `core.ledger.storage.backup`.

Installed by the main window with one call:

    self.backup_actions = install_backup_actions(self, file_menu)

The copy itself runs on the window's task runner (a large ledger on a network drive takes
seconds), and both actions are disabled meanwhile so a second click cannot start a restore
over a running backup. A restore asks first, naming the automatic copy of the current ledger
it will keep, and afterwards drops the undo stack (its commands refer to the old contents)
and reloads the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from platformdirs import user_documents_dir
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from core.errors import TaizhangError
from core.ledger import Ledger
from core.ledger.storage.backup import (
    backup_ledger,
    default_backup_name,
    ledger_path,
    restore_ledger,
    safety_copy_path,
    validate_backup,
)
from desktop.errors import Notifier, report_failure
from desktop.workers import SyncTaskRunner, TaskRunner

log = logging.getLogger(__name__)

BACKUP_FILTER = "台账备份 (*.sqlite3 *.db *.bak);;所有文件 (*)"


def documents_dir() -> Path:
    """The clerk's 文档 folder (where Windows users look first), else the home folder."""
    try:
        path = Path(user_documents_dir())
    except Exception:  # platformdirs can fail on stripped-down service accounts
        return Path.home()
    return path if path.is_dir() else Path.home()


class BackupActions(QObject):
    """The two actions and what they do; owned by the window it was installed on."""

    def __init__(
        self,
        window: QMainWindow,
        ledger_provider: Callable[[], Ledger],
        runner: TaskRunner | None = None,
        notifier: Notifier | None = None,
        on_restored: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ledger_provider = ledger_provider
        self.runner = runner or getattr(window, "runner", None) or SyncTaskRunner()
        self.notifier = notifier or getattr(window, "notifier", None) or Notifier(window)
        self.on_restored = on_restored or (lambda: reload_window(window))
        self.clock = clock
        self.backup_action = QAction("备份台账…", self)
        self.backup_action.setStatusTip("把当前台账完整复制到一个备份文件")
        self.backup_action.triggered.connect(self.choose_backup)
        self.restore_action = QAction("恢复台账…", self)
        self.restore_action.setStatusTip("用备份文件替换当前台账（先自动备份当前台账）")
        self.restore_action.triggered.connect(self.choose_restore)
        self.busy = False

    @property
    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action]

    def _db_url(self) -> str:
        return self.ledger_provider().engine.url.render_as_string(hide_password=False)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self.busy = busy
        for action in self.actions:
            action.setEnabled(not busy)
        bar = self.window.statusBar()
        bar.showMessage(message) if busy else bar.clearMessage()

    # --- backup ------------------------------------------------------------------------
    def choose_backup(self) -> None:
        try:
            ledger_path(self._db_url())
        except TaizhangError as exc:
            self.notifier.warning("无法备份台账", str(exc))
            return
        start = str(documents_dir() / default_backup_name(self.clock()))
        name, _ = QFileDialog.getSaveFileName(self.window, "备份台账", start, BACKUP_FILTER)
        if name:
            self.backup_to(Path(name))

    def backup_to(self, dest: Path) -> None:
        url = self._db_url()
        self._set_busy(True, "正在备份台账…")
        self.runner.run_task(
            lambda _ctx: backup_ledger(url, dest), self._backup_done, self._backup_failed
        )

    def _backup_done(self, dest: Path) -> None:
        self._set_busy(False)
        self.notifier.info("备份完成", f"台账已备份到：\n{dest}")

    def _backup_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._report("备份失败", exc)

    # --- restore -----------------------------------------------------------------------
    def choose_restore(self) -> None:
        try:
            ledger_path(self._db_url())
        except TaizhangError as exc:
            self.notifier.warning("无法恢复台账", str(exc))
            return
        name, _ = QFileDialog.getOpenFileName(
            self.window, "选择要恢复的台账备份", str(documents_dir()), BACKUP_FILTER
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, backup: Path) -> None:
        """Validate, confirm (naming the automatic copy), then restore off the GUI thread."""
        url = self._db_url()
        try:
            validate_backup(backup)  # a bad file is refused before the clerk is asked
        except TaizhangError as exc:
            self.notifier.warning("无法恢复台账", str(exc))
            return
        copy = safety_copy_path(url, self.clock())
        question = (
            f"将用备份文件\n{backup}\n替换当前台账，当前台账中的全部内容将被备份内容取代。\n\n"
            f"恢复前会自动把当前台账另存为：\n{copy}\n\n确定要恢复吗？"
        )
        if not self.notifier.confirm("恢复台账", question):
            return
        self._set_busy(True, "正在恢复台账…")
        ledger = self.ledger_provider()
        self.runner.run_task(
            lambda _ctx: restore_and_reopen(ledger, backup, url, copy),
            self._restore_done,
            self._restore_failed,
        )

    def _restore_done(self, copy: Path | None) -> None:
        self._set_busy(False)
        self.on_restored()
        kept = f"\n恢复前的台账已自动保存为：\n{copy}" if copy else ""
        self.notifier.info("恢复完成", f"台账已从备份恢复。{kept}")

    def _restore_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._report("恢复失败", exc)

    def _report(self, title: str, exc: BaseException) -> None:
        report_failure(self.notifier, title, exc)


def restore_and_reopen(ledger: Ledger, backup: Path, url: str, copy: Path) -> Path | None:
    """Restore (on a worker). A damaged ledger is replaced by a new file, so the app's
    connections to it are closed first and the ledger is checked and opened again after."""
    damaged = getattr(ledger, "integrity_problem", None) is not None
    if damaged:
        ledger.engine.dispose()
    result = restore_ledger(backup, url, safety_copy=copy)
    if damaged:
        ledger.reopen()
    return result


def reload_window(window: Any) -> None:
    """After a restore: forget state that points into the old ledger, then re-read it."""
    undo = getattr(window, "undo_stack", None)
    if undo is not None:
        undo.clear()
    gateway = getattr(window, "gateway", None)
    for cache in ("_source_cache", "source_paths"):  # keyed by ids of the old contents
        held = getattr(gateway, cache, None)
        if isinstance(held, dict):
            held.clear()
    if hasattr(window, "reload"):
        window.reload()


def install_backup_actions(
    window: QMainWindow,
    file_menu: QMenu,
    ledger_provider: Callable[[], Ledger] | None = None,
    **kwargs: Any,
) -> BackupActions:
    """Create the actions and put them in `file_menu` before its last separator (退出).

    `ledger_provider` defaults to `window.gateway.ledger`; other keyword arguments go to
    `BackupActions` (runner, notifier, on_restored, clock).
    """
    provider = ledger_provider or (lambda: window.gateway.ledger)  # type: ignore[attr-defined]
    actions = BackupActions(window, provider, **kwargs)
    separators = [a for a in file_menu.actions() if a.isSeparator()]
    if separators:
        anchor = separators[-1]
        file_menu.insertSeparator(anchor)
        file_menu.insertActions(anchor, actions.actions)
    else:
        file_menu.addSeparator()
        file_menu.addActions(actions.actions)
    return actions
