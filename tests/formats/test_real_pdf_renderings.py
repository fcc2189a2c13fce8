"""Real documents from another province, printed to PDF, give the tasks of their text.

A clerk drags the gazette's PDF onto the window, not a text rendering of it. So each
document here is laid out as its office would have printed it (a Word table, row-spanning
cells merged), printed to PDF by LibreOffice, and read back: its tasks (text, units,
deadline, amounts) must equal those read from the same document's text. The documents are
real (`../shared/devset2`, `../shared/corpus`), read in place.

Their text renders a row-spanning cell only on the first row it spans (see devset2's
SOURCES.md); `_SPANNED` says which columns of each table span rows, so the Word table puts
every cell of a continuation row in its own column.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import core
from core.fields.units import parse_units
from core.formats.pdf_tables import _cell_lines
from core.formats.rebuild import starts_with_label
from tests.formats.builders import build_docx, libreoffice_pdf, word_table_rows
from tests.formats.equivalence import differences
from tests.real_documents import corpus_text, devset2_text

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)

# document -> how many leading columns of its table span rows (the rest that a short row
# lacks are trailing ones: 任务来源 in pt_shengtai_2016)
_SPANNED = {"pt_shengtai_2016": 2, "pt_ligua_2016": 1, "pt_4814_2016": 1, "pt_taiwan_2019": 0}


@needs_soffice
@pytest.mark.parametrize(
    "source",
    [
        devset2_text("pt_shengtai_2016"),
        devset2_text("pt_ligua_2016"),
        corpus_text("pt_4814_2016"),
        # labelled lines under each item: `责任单位：区两岸发展公司`, printed again and again,
        # opens or closes a few pages and must not pass for a running head
        devset2_text("pt_taiwan_2019"),
    ],
    ids=lambda p: p.stem,
)
def test_real_document_printed_to_pdf_gives_the_tasks_of_its_text(
    source: Path, tmp_path: Path
) -> None:
    lines = word_table_rows(source.read_text(encoding="utf-8"), _SPANNED[source.stem])
    pdf = libreoffice_pdf(build_docx(lines, tmp_path / f"{source.stem}.docx"), tmp_path)
    expected = core.extract(source).tasks
    assert len(expected) >= 30
    report = differences(expected, core.extract(pdf).tasks)
    assert not report, report


def _char(text: str, x0: float, top: float, bottom: float, size: float = 11.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": bottom, "size": size}


def test_a_mark_boxed_by_its_ink_stays_in_its_line() -> None:
    # pdfium boxes the `、` of some CJK fonts by its ink: a third as tall, same baseline.
    chars = [
        _char("1", 0, 199.3, 209.5, 11.0),
        _char("、", 7, 206.5, 209.5),
        _char("建", 18, 199.3, 209.2),
        _char("立", 29, 199.3, 209.2),
        _char("态", 0, 212.1, 221.8),
    ]
    chars[0]["x1"] = 7.0
    lines = _cell_lines(chars)
    assert [line.text for line in lines] == ["1、建立", "态"]


def test_a_typed_space_between_two_names_is_kept() -> None:
    # `区农发局 三十六` : a gap of a third of an em (pdfium leaves the space out)
    names = [_char(c, 11.0 * i, 0, 10) for i, c in enumerate("区农发局")]
    rest = [_char(c, 44 + 3.5 + 11.0 * i, 0, 10) for i, c in enumerate("三十六")]
    (line,) = _cell_lines(names + rest)
    assert line.text == "区农发局 三十六"
    (tight,) = _cell_lines([_char(c, 11.0 * i, 0, 10) for i, c in enumerate("区农发局三十六")])
    assert tight.text == "区农发局三十六"


def test_a_number_a_separator_follows_opens_no_paragraph() -> None:
    # a units cell wrapped after `区行政审批局`: `（5）、区卫生…` goes on with the list
    assert not starts_with_label("（5）、区卫生和计划生育局（6-7）")
    assert starts_with_label("（5）区卫生和计划生育局负责整改")


def test_a_collective_glued_to_the_unit_before_it_is_parted() -> None:
    units = parse_units("区环土局 区经发局 区交建局相关乡镇人民政府")
    assert units.lead == ["区环土局", "区经发局", "区交建局", "相关乡镇人民政府"]
    assert parse_units("县水利局各乡镇人民政府").lead == ["县水利局", "各乡镇人民政府"]
    # a collective of departments after a unit is that unit's own
    assert parse_units("市人民政府各相关部门").lead == ["市人民政府各相关部门"]
