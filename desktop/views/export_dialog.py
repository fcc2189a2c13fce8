"""导出周报: week and scope, workbook written off the GUI thread, then offer the folder."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.environment import settings as S
from desktop.errors import Notifier, report_failure
from desktop.gateway import LedgerGateway
from desktop.views.nav_panel import NavPanel
from desktop.workers import TaskRunner

log = logging.getLogger(__name__)


class ExportDialog(QDialog):
    """Non-blocking dialog; `export()` starts the job, `last_path` holds the written file."""

    def __init__(
        self,
        gateway: LedgerGateway,
        settings: S.Settings,
        runner: TaskRunner,
        notifier: Notifier,
        parent: QWidget | None = None,
        nav: NavPanel | None = None,
    ) -> None:
        super().__init__(parent)
        self.gateway, self.settings, self.runner, self.notifier = (
            gateway,
            settings,
            runner,
            notifier,
        )
        self.last_path: Path | None = None
        self.setWindowTitle("导出周报")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.week = QDateEdit(QDate(gateway.today()))  # the ledger's today (--today)
        self.week.setCalendarPopup(True)
        self.week.setDisplayFormat("yyyy-MM-dd")
        self.week.dateChanged.connect(self._update_period)
        self.period = QLabel()
        form.addRow("报告周（任选一天）", self.week)
        form.addRow("", self.period)

        self.scope_group = QButtonGroup(self)
        self.scope_all = QRadioButton("全部任务")
        self.scope_unit = QRadioButton("单位")
        self.scope_gazette = QRadioButton("公报")
        self.unit_combo = QComboBox()
        self.gazette_combo = QComboBox()
        snapshot_units, snapshot_gazettes = self._choices(nav)
        self.unit_combo.addItems(snapshot_units)
        for gid, label in snapshot_gazettes:
            self.gazette_combo.addItem(label, gid)
        for i, b in enumerate((self.scope_all, self.scope_unit, self.scope_gazette)):
            self.scope_group.addButton(b, i)
        self.scope_all.setChecked(True)
        self.scope_unit.setEnabled(bool(snapshot_units))
        self.scope_gazette.setEnabled(bool(snapshot_gazettes))
        scope_box = QVBoxLayout()  # one 范围 label over the three choices
        scope_box.addWidget(self.scope_all)
        for button, combo in (
            (self.scope_unit, self.unit_combo),
            (self.scope_gazette, self.gazette_combo),
        ):
            row = QHBoxLayout()
            row.addWidget(button)
            row.addWidget(combo, 1)
            scope_box.addLayout(row)
        form.addRow("范围", scope_box)

        out_row = QHBoxLayout()
        self.out_edit = QLineEdit()
        self.out_edit.setPlaceholderText("默认：“文档”文件夹中的 重点任务推进情况周报_<周一>.xlsx")
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        form.addRow("保存到", out_row)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_period()

    @staticmethod
    def _choices(nav: NavPanel | None) -> tuple[list[str], list[tuple[int, str]]]:
        if nav is None:
            return [], []
        units = [str(nav.units.item(i).data(256)) for i in range(1, nav.units.count())]
        top = nav.tree.topLevelItem(0)
        gazettes = []
        for i in range(top.childCount() if top else 0):
            item = top.child(i)
            gid, _doc = item.data(0, 256)
            gazettes.append((int(gid), item.toolTip(0)))
        return units, gazettes

    def week_day(self) -> date:
        return self.week.date().toPython()  # type: ignore[no-any-return]

    def _update_period(self) -> None:
        from core.report.data import week_bounds

        monday, sunday = week_bounds(self.week_day())
        self.period.setText(f"统计周期：{monday:%Y年%m月%d日} 至 {sunday:%Y年%m月%d日}")

    def _browse(self) -> None:
        start = self.settings.get(S.LAST_EXPORT_DIR)
        path, _ = QFileDialog.getSaveFileName(self, "保存周报", start, "Excel 工作簿 (*.xlsx)")
        if path:
            self.out_edit.setText(path if path.endswith(".xlsx") else path + ".xlsx")

    def scope(self) -> tuple[str | None, int | None]:
        if self.scope_unit.isChecked():
            return self.unit_combo.currentText() or None, None
        if self.scope_gazette.isChecked():
            return None, self.gazette_combo.currentData()
        return None, None

    def export(self) -> None:
        unit, gazette_id = self.scope()
        out = Path(self.out_edit.text()) if self.out_edit.text().strip() else None
        day = self.week_day()
        self.export_button.setEnabled(False)
        self.export_button.setText("正在导出…")
        self.runner.run_task(
            lambda _ctx: self.gateway.export_weekly(day, unit=unit, gazette_id=gazette_id, out=out),
            self._done,
            self._failed,
        )

    def _done(self, path: Path) -> None:
        self.last_path = Path(path)
        self.settings.set(S.LAST_EXPORT_DIR, str(self.last_path.parent))
        self.accept()
        folder = self.last_path.parent
        self.notifier.ask_open_folder(
            "周报已导出",
            f"周报已保存为：\n{self.last_path}",
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))),
        )

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.export_button.setText("导出")
        report_failure(self.notifier, "无法导出周报", exc, self.gateway.ledger.url)
