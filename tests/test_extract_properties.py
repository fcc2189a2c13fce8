"""Property: extraction on arbitrary text never raises anything but an InputError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import InputError
from core.pipeline import extract_file
from core.text.normalize import join_broken, normalize_line, normalize_lines

# Text built from the pieces gazettes are made of, so the structure code paths are reached.
FRAGMENTS = st.sampled_from(
    [
        "兴县人民政府",
        "关于做好工作的通知",
        "兴政发〔2023〕4号",
        "目 录",
        "……… 12",
        "\t",
        "\n",
        "（责任单位：县发改局牵头，县财政局配合）",
        "<p>(1) 任务</p>",
        "| a | b |",
        "|---|",
        "## ",
        "$\\geq 80\\%$",
        " and ",
        "2023年3月27日",
        "序号\t任务\t责任单位",
        "一、",
        "(一)",
        "1. ",
        "县 发 改 局",
        "2023 年第 2 期（总第 8 期）",
        "兴县人民政府公报",
        "— 3 —",
        "$",
        "<p>",
        "</p>",
        "\u2029",
        "\r",
        "\x00",
        "\ufeff",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400), st.lists(FRAGMENTS | st.text(max_size=8), max_size=60).map("".join)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract_never_raises_anything_but_input_errors(text: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "x.txt"
        f.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            res = extract_file(f)
        except InputError:
            return
        for doc in res.documents:
            assert doc.first_line <= doc.last_line
        assert all(t.line >= 1 for t in res.tasks)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_normalization_is_one_to_one(text: str) -> None:
    raw = text.replace("\r", "").split("\n")
    lines = normalize_lines("\n".join(raw))
    assert all(1 <= sl.no <= len(raw) and raw[sl.no - 1].strip() for sl in lines)
    assert [sl.no for sl in lines] == sorted({sl.no for sl in lines})
    assert all("\n" not in sl.text and sl.text.strip() for sl in lines)
    for sl in lines:
        assert sl.text == normalize_line(raw[sl.no - 1])


@given(st.text(max_size=30), st.text(max_size=30))
def test_join_broken_keeps_both_ends(a: str, b: str) -> None:
    out = join_broken(a, b)
    assert out.startswith(a.rstrip())
    assert out.endswith(b.lstrip()) or len(out) >= len(a.rstrip())
