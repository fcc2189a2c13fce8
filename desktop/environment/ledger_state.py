"""What the clerk must know about the ledger right after it opens: damaged, or new.

A ledger that failed its integrity check is not loaded into the table (reading it may fail
half-way) and nothing is written to it; the clerk is told once, with the way out
(文件 → 恢复台账…). A ledger file that did not exist is named in the status bar, so a
mistyped `--db` path or a moved data folder does not pass for an empty ledger.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from core.ledger import Ledger
from desktop.errors import Notifier


def announce_ledger_state(ledger: Ledger, notifier: Notifier, window: QMainWindow) -> bool:
    """Tell the clerk; return False when the table should not be loaded."""
    if ledger.integrity_problem is not None:
        notifier.warning(
            "台账已损坏",
            f"{ledger.corrupt_error()}\n\n在恢复之前，本程序只显示、不保存任何修改。",
        )
        window.statusBar().addPermanentWidget(QLabel("台账已损坏：请用 文件 → 恢复台账…"))
        return False
    if ledger.created and ledger.file is not None:
        label = QLabel(f"已新建空台账：{ledger.file}")
        label.setObjectName("newLedgerNotice")
        label.setToolTip("此前这里没有台账文件；如路径有误，请在 设置 中改正台账位置")
        window.statusBar().addPermanentWidget(label)
    return True
