"""Read a source file into text: encoding detection for text files, dispatch by format.

Clerks receive gazette text from many tools: UTF-8 (with or without BOM), UTF-16 saved by
Windows Notepad (sometimes without a BOM), GB18030/GBK from older systems. A silently
mis-decoded file would produce plausible-looking garbage tasks, so every decode is strict and
the result must look like text; otherwise a typed error tells the clerk what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.errors import (
    BinaryFileError,
    EmptyFileError,
    FileMissingError,
    FileTooLargeError,
    MixedEncodingError,
    UndecodableError,
    UnsupportedFormatError,
)
from core.text.source import LoadedSource

# A quarterly gazette of 300 pages is about 1 MB of text; 64 MB is far beyond any real issue
# and still small enough to hold in memory without trouble.
MAX_TEXT_BYTES = 64 * 1024 * 1024

# Controls that legitimately occur in extracted text (tab, newline, CR, form feed, VT).
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def load_source(path: str | Path) -> LoadedSource:
    """Load any supported file; the suffix decides the loader."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        from core.formats.pdf import load_pdf

        return load_pdf(p)
    if suffix == ".docx":
        from core.formats.docx import load_docx

        return load_docx(p)
    if suffix in (".doc", ".wps"):
        raise UnsupportedFormatError(
            p,
            f"不支持旧版 {suffix} 格式，请用 WPS 或 Word 打开后“另存为” .docx 文件再导入",
        )
    return read_text_file(p)


def read_text_file(path: str | Path) -> LoadedSource:
    """Decode a text file strictly, detecting UTF-8/UTF-16/GB18030; newlines become `\\n`."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise FileMissingError(p)
        if size > MAX_TEXT_BYTES:
            cap = MAX_TEXT_BYTES // 1024 // 1024
            raise FileTooLargeError(p, f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {cap} MB）")
        data = p.read_bytes()
    except OSError as exc:
        raise FileMissingError(p) from exc
    if not data:
        raise EmptyFileError(p)
    text, encoding = decode_bytes(data, p)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyFileError(p, "文件为空（只有空白字符）")
    return LoadedSource(path=str(p), text=text, encoding=encoding, source_format="text")


def decode_bytes(data: bytes, path: str | Path) -> tuple[str, str]:
    """Return (text, encoding name); raise a typed error when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return _strict(data[2:], enc, path), "utf-16"
    if b"\x00" in data:
        return _decode_bomless_utf16(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(text, path)
        return text, "utf-8"
    if _mixes_utf8_and_gbk(data):
        raise MixedEncodingError(path)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _plausible(text):
        return text, "gb18030"
    # A BOM-less UTF-16 file of pure CJK text has no NUL bytes; give it a last chance.
    for enc in ("utf-16-le", "utf-16-be"):
        if len(data) % 2 == 0:
            try:
                cand = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(cand, strict=True):
                return cand, "utf-16"
    if _control_ratio(data.decode("latin-1")) > 0.01:
        raise BinaryFileError(path)
    raise UndecodableError(path)


def _mixes_utf8_and_gbk(data: bytes) -> bool:
    """Is this text whose lines are each UTF-8 or GBK, both kinds present?

    Happens when a clerk pastes from one editor into a file saved by another. Decoding it
    whole as either encoding turns the other part into garbage (or calls the file binary),
    so it is refused by name. A real GBK file has no Chinese line that also reads as UTF-8
    beyond the odd short coincidence, hence the share below.
    """
    utf8_lines = utf8_chars = gbk_lines = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            utf8_lines += 1
            utf8_chars += sum(1 for ch in decoded if ord(ch) > 0x7F)
            continue
        try:
            decoded = line.decode("gb18030")
        except UnicodeDecodeError:
            return False
        if not _plausible(decoded):
            return False
        gbk_lines += 1
    if not utf8_lines or not gbk_lines:
        return False
    return utf8_chars >= 8 and utf8_lines * 10 >= gbk_lines


def _strict(data: bytes, encoding: str, path: str | Path) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableError(path, f"文件声明为 {encoding} 编码，但内容无法按该编码解码") from exc
    _check_not_binary(text, path)
    return text


def _decode_bomless_utf16(data: bytes, path: str | Path) -> tuple[str, str]:
    """NUL bytes mean UTF-16 (ASCII/newlines have a zero high byte) or a binary file.

    UTF-16-LE text puts the zeros at odd offsets, BE at even offsets; a binary file has them
    scattered, so the side holding nearly all the zeros decides.
    """
    if len(data) % 2 == 0:
        even = data[0::2].count(0)
        odd = data[1::2].count(0)
        total = even + odd
        for enc, share in (("utf-16-le", odd), ("utf-16-be", even)):
            if share >= 0.9 * total:
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                if _plausible(text, strict=True):
                    return text, "utf-16"
    raise BinaryFileError(path)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_BAD_CONTROL.findall(text)) / len(text)


def _check_not_binary(text: str, path: str | Path) -> None:
    if "\x00" in text or _control_ratio(text) > 0.001:
        raise BinaryFileError(path)


def _plausible(text: str, strict: bool = False) -> bool:
    """Does decoded text look like Chinese/ASCII prose rather than mojibake?

    GB18030 maps almost any byte sequence to *some* character, so a strict decode alone is
    not proof. Real text is dominated by ASCII, common CJK ideographs (U+4E00–U+9FFF) and
    CJK/full-width punctuation; mojibake lands in rare blocks, private use and controls.
    """
    sample = text[:200_000]
    if not sample:
        return False
    good = 0
    for ch in sample:
        o = ord(ch)
        if (
            (0x20 <= o < 0x7F)
            or ch in _ALLOWED_CONTROLS
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F  # general punctuation: “ ” — …
            or 0x00A0 <= o <= 0x00FF
            or 0x2100 <= o <= 0x22FF  # letterlike, arrows, math (≥ ≤ ×)
            or 0x2460 <= o <= 0x24FF  # circled numbers ①
            or 0x2500 <= o <= 0x25FF  # box drawing, shapes ★ ■
            or 0x2600 <= o <= 0x26FF
        ):
            good += 1
    ratio = good / len(sample)
    return ratio >= (0.97 if strict else 0.95) and _control_ratio(sample) <= 0.001
