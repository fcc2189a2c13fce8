"""A notice repeated word for word in one file is one notice (issue 17: 43,788 duplicates)."""

from __future__ import annotations

from pathlib import Path

from seedfiles import ROOT, seed_path

from core import extract

NOTICE = ROOT / "tests" / "fixtures_unseen" / "notice_h_inline_annotations.txt"


def test_a_notice_repeated_is_extracted_once_with_a_warning(tmp_path: Path) -> None:
    text = NOTICE.read_text(encoding="utf-8")
    repeated = tmp_path / "重复.txt"
    repeated.write_text((text + "\n") * 30, encoding="utf-8")
    once, many = extract(NOTICE), extract(repeated)
    assert [(t.text, t.lead_units, t.line) for t in many.tasks] == [
        (t.text, t.lead_units, t.line) for t in once.tasks
    ]
    assert len([d for d in many.documents if not d.is_toc]) == 1
    assert any("重复出现 29 次" in w for w in many.warnings)


def test_an_issue_printed_twice_gives_each_document_once(tmp_path: Path) -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    twice = tmp_path / "两遍.txt"
    twice.write_text(text + "\n" + text, encoding="utf-8")
    once = extract(seed_path("004"))
    result = extract(twice)
    assert sorted(t.text for t in result.tasks) == sorted(t.text for t in once.tasks)


def test_similar_documents_that_differ_are_all_kept(tmp_path: Path) -> None:
    text = NOTICE.read_text(encoding="utf-8")
    changed = text.replace("40个", "45个")
    assert changed != text
    both = tmp_path / "两份.txt"
    both.write_text(text + "\n" + changed, encoding="utf-8")
    assert len(extract(both).tasks) == 2 * len(extract(NOTICE).tasks)
