"""Line normalization on real seed lines: each artifact kind, and exact provenance."""

from __future__ import annotations

import pytest
from seedfiles import seed_path

from core.text.lines import PARA_SEP
from core.text.normalize import join_broken, normalize_line, normalize_lines


def seed_line(prefix: str, contains: str) -> tuple[int, str]:
    """(1-based number, raw text) of the first seed line containing `contains`."""
    for no, line in enumerate(seed_path(prefix).read_text(encoding="utf-8").split("\n"), 1):
        if contains in line:
            return no, line
    pytest.fail(f"{contains!r} not in seed {prefix}")


def test_spaced_out_unit_names_in_a_p_cell_are_rejoined() -> None:
    _, raw = seed_line("000", "县 发 改 局")
    cells = normalize_line(raw).split("\t")
    units = cells[-1]
    assert units.startswith("县发改局、县工信局、县行政审批局、县应急管理局等部门")
    assert " " not in units


def test_p_paragraphs_become_para_sep_inside_their_cell() -> None:
    _, raw = seed_line("000", "5\t做好源头把关\t<p>")
    cells = normalize_line(raw).split("\t")
    assert cells[0] == "5"
    assert cells[1] == "做好源头把关"
    subitems = cells[2].split(PARA_SEP)
    assert len(subitems) == 2
    assert subitems[0].startswith("(1)发展改革")
    assert subitems[1].startswith("(2)严格落实危险化学品")
    assert "<p>" not in cells[2] and "</p>" not in cells[2]


def test_continuation_row_keeps_its_empty_leading_cells() -> None:
    _, raw = seed_line("000", "\t\t<p>(1) 做好煤矿安全生产标准化")
    assert raw.startswith("\t\t")
    assert normalize_line(raw).startswith("\t\t(1)做好煤矿")


def test_latex_fragment_becomes_plain_symbols() -> None:
    _, raw = seed_line("000", r"$\geq 80\%$")
    assert normalize_line(raw).startswith("（1）农业灌溉用水计量率≥80%。（责任单位：县水利局牵头")


def test_latex_fraction_and_text() -> None:
    line = r"漏损率 = $\frac{\text{漏水件数}}{\text{总件数}} \times 100\%$"
    assert normalize_line(line).endswith("漏水件数/总件数×100%")


def test_english_and_between_chinese_becomes_he() -> None:
    _, raw = seed_line("000", "and 市场化")
    out = normalize_line(raw)
    assert "政府投资和市场化投资" in out
    assert " and " not in out


def test_markdown_heading_marks_are_removed() -> None:
    _, raw = seed_line("003", "## 关于印发交城县 2024 年度国有建设用地供应计划的通知")
    assert normalize_line(raw) == "关于印发交城县2024年度国有建设用地供应计划的通知"


def test_pipe_table_becomes_tab_cells_and_separator_rows_vanish() -> None:
    _, sep = seed_line("003", "|-------------------|")
    _, row = seed_line("003", "| 1. 交城县锦源环保科技有限公司")
    assert normalize_line(sep) == ""
    assert normalize_line(row).split("\t") == [
        "1.交城县锦源环保科技有限公司",
        "8.交城县东鑫化工助剂有限公司",
    ]


def test_spaced_toc_heading_and_doc_number() -> None:
    _, raw = seed_line("000", "（兴政发〔2023〕4 号）")
    assert normalize_line(raw) == "（兴政发〔2023〕4号）……………1"
    assert normalize_line("目 录") == "目录"


def test_full_width_alphanumerics_fold_but_chinese_punctuation_stays() -> None:
    assert normalize_line("２０２３年第２期（总第８期），ＡＢｃ") == "2023年第2期（总第8期），ABc"


def test_latin_words_keep_their_spaces() -> None:
    _, raw = seed_line("000", "XING XIAN REN MIN")
    assert normalize_line(raw) == "XING XIAN REN MIN ZHENG FUGONG BAO"


@pytest.mark.parametrize("furniture", ["— 12 —", "- 3 -", "第 5 页", "17"])
def test_page_furniture_is_dropped(furniture: str) -> None:
    lines = normalize_lines(f"正文第一行\n{furniture}\n正文第二行")
    assert [(sl.no, sl.text) for sl in lines] == [(1, "正文第一行"), (3, "正文第二行")]


def test_repeated_running_header_is_dropped_but_first_cover_lines_kept() -> None:
    text = "\n".join(["某县人民政府公报 2023 年第 2 期", "正文"] * 4)
    lines = normalize_lines(text)
    assert [sl.text for sl in lines] == ["某县人民政府公报2023年第2期"] + ["正文"] * 4
    assert [sl.no for sl in lines] == [1, 2, 4, 6, 8]


def test_table_serial_numbers_alone_on_a_line_are_kept() -> None:
    lines = normalize_lines("序号\t任务\n2\t\t\t\n")
    assert [sl.text for sl in lines] == ["序号\t任务", "2\t\t\t"]


def test_line_numbers_map_one_to_one_on_a_real_seed() -> None:
    raw = seed_path("003").read_text(encoding="utf-8").split("\n")
    lines = normalize_lines("\n".join(raw))
    nonblank = [i + 1 for i, t in enumerate(raw) if t.strip()]
    assert len(lines) <= len(nonblank)
    assert {sl.no for sl in lines} <= set(nonblank)
    # Every kept line still says what the source said, modulo spaces and markup.
    for sl in lines:
        src = raw[sl.no - 1]
        assert sl.text.replace("\t", "")[:1] in src or sl.text[:1] in "≥≤×"
    assert [sl.no for sl in lines] == sorted(sl.no for sl in lines)


def test_pages_are_carried_to_lines() -> None:
    lines = normalize_lines("一\n\n二\n三", pages=[1, 1, 2, 2])
    assert [(sl.no, sl.page) for sl in lines] == [(1, 1), (3, 2), (4, 2)]


def test_join_broken_drops_characters_doubled_across_a_page_break() -> None:
    raw = seed_path("003").read_text(encoding="utf-8").split("\n")
    i = next(i for i, t in enumerate(raw) if t.endswith("社会主义思想"))
    before, after = raw[i], next(t for t in raw[i + 1 :] if t.strip())
    assert after.startswith("思想，尤其是")
    joined = join_broken(normalize_line(before), normalize_line(after))
    assert "社会主义思想，尤其是" in joined
    assert "思想思想" not in joined


@pytest.mark.parametrize(
    ("a", "b", "joined"),
    [
        ("县发改局、县", "县工信局", "县发改局、县工信局"),
        ("各乡镇要切实", "切实加强", "各乡镇要切实加强"),
        ("坚持人人", "人人参与", "坚持人人参与"),  # a doubled run of two is still dropped
        ("做到人", "人有责", "做到人人有责"),  # 人人 is a real word: kept
        ("完成第1", "1项任务", "完成第11项任务"),  # digits are never de-doubled
        ("GB/T", "7119-2018", "GB/T7119-2018"),
        ("use the", "pipeline", "use the pipeline"),
        ("", "下一行", "下一行"),
    ],
)
def test_join_broken_cases(a: str, b: str, joined: str) -> None:
    assert join_broken(a, b) == joined


@pytest.mark.parametrize(
    ("prefix", "raw_part", "expected_part"),
    [
        ("000", r"建成率 \geq 50%", "建成率≥50%。（责任单位："),
        ("002", "PM_{2.5}", "强化PM2.5和臭氧协同控制"),
        ("004", r"\times 12个月", "城市低保标准×12个月×领取年数15年"),
        ("003", r"交城县\_\_", "3.交城县____乡（镇）"),
    ],
)
def test_latex_left_outside_dollars_is_rendered(
    prefix: str, raw_part: str, expected_part: str
) -> None:
    _, raw = seed_line(prefix, raw_part)
    out = normalize_line(raw)
    assert expected_part in out
    assert "\\" not in out


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "（一）用地保障　由县自然资源局负责，县住建局配合。",
            "（一）用地保障\u3000由县自然资源局负责，县住建局配合。",
        ),
        (
            "2. 人才引进   县人社局牵头，落实人才政策。",
            "2.人才引进\u3000县人社局牵头，落实人才政策。",
        ),
        # no sentence after the gap, a table row, or spaced-out letters: no title gap
        ("组 长：张三  县委常委", "组长：张三县委常委"),
        ("序号\t任务  名称\t责任单位", "序号\t任务名称\t责任单位"),
        ("县 财 政 局", "县财政局"),
    ],
)
def test_wide_gap_after_a_short_title_is_kept_as_one_separator(raw: str, expected: str) -> None:
    assert normalize_line(raw) == expected
