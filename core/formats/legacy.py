"""What to tell a clerk who drops a legacy Word (.doc) or WPS (.wps) file."""

from __future__ import annotations

from pathlib import Path

LEGACY_SUFFIXES = (".doc", ".wps", ".wpt", ".dot")


def legacy_message(path: str | Path) -> str:
    """Why the file is refused and how to convert it (the detail of an UnsupportedFormatError).

    The old binary formats cannot be read reliably without Word itself, and every clerk has
    Word or WPS at hand to save a copy in the modern format.
    """
    suffix = Path(path).suffix.lower() or "旧版"
    app = "WPS 文字" if suffix in (".wps", ".wpt") else "Word 或 WPS 文字"
    return (
        f"不支持旧版 {suffix} 格式。请用{app}打开该文件，"
        "选择“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入另存的 .docx 文件"
        "（也可另存为 PDF）"
    )
