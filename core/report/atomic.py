"""Save a workbook so the target is either the complete new file or untouched.

Excel on Windows locks an open workbook, and a folder may be read-only or full; writing in
place would then leave a truncated file the clerk might send upward. Instead the workbook
goes to a temporary file beside the target and replaces it in one rename.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import tempfile
from pathlib import Path

from openpyxl import Workbook

from core.report.errors import ReportWriteError


def _reason(exc: OSError, replacing: bool) -> str:
    if isinstance(exc, IsADirectoryError):
        return "目标是一个文件夹，无法保存为报表文件"
    if isinstance(exc, NotADirectoryError | FileExistsError):
        # mkdir met a file where the path needs a folder: name that file.
        from core.error_messages import describe

        message = describe(exc)
        return message.line if message else "保存位置不是文件夹"
    if isinstance(exc, FileNotFoundError):
        return "保存位置不存在或不是文件夹"
    if isinstance(exc, PermissionError):
        if replacing:
            return "文件被占用或只读（可能正在 Excel 中打开），请关闭后重试"
        return "没有写入该文件夹的权限，请换一个保存位置"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足，无法保存"
    return f"无法保存（{exc.strerror or exc}）"


def save_atomically(workbook: Workbook, target: Path) -> Path:
    """Write `workbook` to `target` via a sibling temp file; raise ReportWriteError on failure."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportWriteError(target, _reason(exc, replacing=False)) from exc
    if target.is_dir():
        raise ReportWriteError(target, "目标是一个文件夹，无法保存为报表文件")
    if target.exists() and not target.is_file():
        # A device, pipe or socket (/dev/full, a FIFO): the rename below would replace the
        # special file itself with the workbook.
        raise ReportWriteError(target, "目标不是普通文件，无法保存为报表文件，请换一个文件名")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~", suffix=".xlsx.tmp", dir=target.parent)
    except OSError as exc:
        raise ReportWriteError(target, _reason(exc, replacing=False)) from exc
    tmp = Path(tmp_name)
    replacing = False
    try:
        # Built in memory first: openpyxl leaves its ZipFile open when a write fails, and
        # that ZipFile's finalizer later prints "Exception ignored … seek of closed file"
        # over the clerk's one-line message. A full disk now fails in the plain write below.
        buffer = io.BytesIO()
        workbook.save(buffer)
        with os.fdopen(fd, "wb") as fh:
            fh.write(buffer.getbuffer())
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(0o644)  # mkstemp makes it owner-only; a report is an ordinary document
        replacing = True
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ReportWriteError(target, _reason(exc, replacing)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target
