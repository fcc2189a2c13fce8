"""Saving never leaves a half-written workbook: failures raise ReportWriteError, in Chinese."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.errors import TaizhangError
from core.report.data import ReportData
from core.report.errors import ReportWriteError
from core.report.workbook import write_report


def test_overwrites_an_existing_report_completely(tmp_path: Path, sample_data: ReportData) -> None:
    target = tmp_path / "周报.xlsx"
    target.write_bytes(b"old contents")
    write_report(sample_data, target)
    assert load_workbook(target).sheetnames[0] == "汇总"
    assert os.listdir(tmp_path) == ["周报.xlsx"]


def test_creates_a_missing_folder(tmp_path: Path, sample_data: ReportData) -> None:
    target = tmp_path / "报表" / "2026" / "周报.xlsx"
    assert write_report(sample_data, target) == target
    assert load_workbook(target).sheetnames


def test_file_locked_by_excel_keeps_the_old_file(
    tmp_path: Path, sample_data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a workbook open in Excel with PermissionError."""
    target = tmp_path / "周报.xlsx"
    target.write_bytes(b"last week's report")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ReportWriteError) as info:
        write_report(sample_data, target)
    assert isinstance(info.value, TaizhangError)
    assert "周报.xlsx" in str(info.value) and "Excel" in str(info.value)
    assert target.read_bytes() == b"last week's report"
    assert os.listdir(tmp_path) == ["周报.xlsx"]  # no temp file left behind


def test_target_that_is_a_folder(tmp_path: Path, sample_data: ReportData) -> None:
    target = tmp_path / "周报.xlsx"
    target.mkdir()
    with pytest.raises(ReportWriteError, match="文件夹"):
        write_report(sample_data, target)
    assert list(target.iterdir()) == []
    assert os.listdir(tmp_path) == ["周报.xlsx"]


def test_folder_that_cannot_exist(tmp_path: Path, sample_data: ReportData) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    with pytest.raises(ReportWriteError, match=r"周报\.xlsx"):
        write_report(sample_data, blocker / "周报.xlsx")
    assert sorted(os.listdir(tmp_path)) == ["not_a_folder"]


def _refuse_new_files_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the kernel's answer for a read-only folder hold for root too.

    Root ignores folder permission bits (and CI runs as root), so there `chmod` alone
    would let the save through; refusing O_CREAT in that folder the way the kernel does
    for everyone else keeps the test meaningful on both.
    """
    real_open = os.open

    def guarded(path: str | os.PathLike[str], flags: int, *args: object, **kw: object) -> int:
        if flags & os.O_CREAT and Path(path).parent == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded)


def test_read_only_folder(
    tmp_path: Path, sample_data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        _refuse_new_files_in(folder, monkeypatch)
    try:
        with pytest.raises(ReportWriteError, match="没有写入该文件夹的权限") as info:
            write_report(sample_data, folder / "周报.xlsx")
        assert "周报.xlsx" in str(info.value)
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


def test_failure_while_writing_removes_the_temp_file(
    tmp_path: Path, sample_data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk surfaces mid-save; the partial temp file must not linger."""
    from openpyxl import Workbook

    def disk_full(self: Workbook, filename: object) -> None:
        filename.write(b"PK partial")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", disk_full)
    with pytest.raises(ReportWriteError, match="磁盘空间不足"):
        write_report(sample_data, tmp_path / "周报.xlsx")
    assert os.listdir(tmp_path) == []


def test_a_special_file_is_never_replaced(tmp_path: Path) -> None:
    """`--out /dev/full` (or a FIFO) must not be replaced by the workbook via the rename."""
    import os

    from openpyxl import Workbook

    from core.report.atomic import save_atomically
    from core.report.errors import ReportWriteError

    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(ReportWriteError) as info:
        save_atomically(Workbook(), fifo)
    assert "不是普通文件" in str(info.value)
    assert fifo.exists() and not fifo.is_file()  # still the FIFO
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.xlsx"]  # no temp file left


def test_out_with_a_trailing_slash_is_a_folder(tmp_path: Path) -> None:
    """`export --out 周报/`: a new folder holds the default file; a file of that name is
    refused, never overwritten."""
    from datetime import date

    from core.ledger import Ledger
    from core.report import export_weekly_report

    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite3'}") as ledger:
        made = export_weekly_report(ledger, date(2026, 11, 18), out=f"{tmp_path / '周报'}/")
        assert made.parent == tmp_path / "周报" and made.name.endswith("2026-11-16.xlsx")
        (tmp_path / "文件").write_text("保留")
        with pytest.raises(ReportWriteError):
            export_weekly_report(ledger, date(2026, 11, 18), out=f"{tmp_path / '文件'}/")
    assert (tmp_path / "文件").read_text() == "保留"
