"""Reading text files: every supported encoding decodes to the same text; bad input is typed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from seedfiles import seed_path

from core.errors import (
    BinaryFileError,
    EmptyFileError,
    FileMissingError,
    InputError,
    UndecodableError,
    UnsupportedFormatError,
)
from core.text.reading import decode_bytes, load_source, read_text_file

SAMPLE = "兴县人民政府\n关于做好2023年安全生产工作的通知\n兴政发〔2023〕4号\n县发改局、县工信局\n"


@pytest.mark.parametrize(
    ("encoding", "data_encoding", "prefix"),
    [
        ("utf-8", "utf-8", b""),
        ("utf-8-sig", "utf-8", b"\xef\xbb\xbf"),
        ("utf-16", "utf-16-le", b"\xff\xfe"),
        ("utf-16", "utf-16-be", b"\xfe\xff"),
        ("utf-16", "utf-16-le", b""),  # Notepad-style without BOM
        ("utf-16", "utf-16-be", b""),
        ("gb18030", "gb18030", b""),
        ("gb18030", "gbk", b""),
    ],
)
def test_encodings_decode_to_the_same_text(
    tmp_path: Path, encoding: str, data_encoding: str, prefix: bytes
) -> None:
    f = tmp_path / "issue.txt"
    f.write_bytes(prefix + SAMPLE.encode(data_encoding))
    src = read_text_file(f)
    assert src.text == SAMPLE
    assert src.encoding == encoding
    assert src.source_format == "text"


def test_crlf_becomes_lf(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert read_text_file(f).text == SAMPLE


def test_real_seed_as_gb18030_is_not_mistaken_for_anything_else(tmp_path: Path) -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    f = tmp_path / "gb.txt"
    f.write_bytes(text.encode("gb18030"))
    src = read_text_file(f)
    assert src.encoding == "gb18030"
    assert src.text == text


def test_utf8_seed_is_not_taken_for_gb18030() -> None:
    src = read_text_file(seed_path("003"))
    assert src.encoding == "utf-8"
    assert "交城县人民政府公报" in src.text


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", EmptyFileError),
        (b"   \n\t\r\n  ", EmptyFileError),
        (b"\x00\x01\x02\x03\xff\xfe\x00\x10" * 64, BinaryFileError),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryFileError),
    ],
)
def test_bad_input_raises_typed_error_naming_the_file(
    tmp_path: Path, content: bytes, error: type[InputError]
) -> None:
    f = tmp_path / "坏文件.txt"
    f.write_bytes(content)
    with pytest.raises(error) as exc:
        read_text_file(f)
    assert "坏文件.txt" in str(exc.value)


def test_random_bytes_are_rejected(tmp_path: Path) -> None:
    f = tmp_path / "noise.txt"
    f.write_bytes(os.urandom(4096))
    with pytest.raises((BinaryFileError, UndecodableError)):
        read_text_file(f)


def test_mojibake_is_not_accepted_as_gb18030() -> None:
    # Latin-1 high bytes form valid GB18030 pairs but decode to rare characters.
    data = ("Ünïcödé façade naïve résumé " * 40).encode("latin-1")
    with pytest.raises(UndecodableError):
        decode_bytes(data, "x.txt")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError) as exc:
        read_text_file(tmp_path / "不存在.txt")
    assert "不存在.txt" in str(exc.value)


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".DOC"])
def test_legacy_word_formats_tell_how_to_convert(tmp_path: Path, suffix: str) -> None:
    f = tmp_path / f"通知{suffix}"
    f.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(UnsupportedFormatError) as exc:
        load_source(f)
    assert ".docx" in str(exc.value)
    assert f.name in str(exc.value)


def test_unknown_suffix_is_read_as_text(tmp_path: Path) -> None:
    f = tmp_path / "issue.md"
    f.write_text(SAMPLE, encoding="utf-8")
    assert load_source(f).text == SAMPLE
