"""Fixture files for the format loaders, built from the seeds at test time.

Nothing binary is committed: each session writes a DOCX and a PDF of the 重点任务分工 of
seed 000 (兴政发〔2023〕4号, a table with sub-item cells) and a PDF of the 重点工作任务分工
list of seed 002 (中政办发〔2023〕4号), each holding its whole document as printed in the
seed, located by the pipeline's own document split.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from seedfiles import seed_path

import core
from core.model import ExtractionResult
from tests.formats.builders import build_docx, build_pdf

TABLE_DOC = ("000", "兴政发〔2023〕4号")
LIST_DOC = ("002", "中政办发〔2023〕4号")


@dataclass
class SeedDocument:
    """One document of a seed: its lines as printed and the seed extraction to compare to."""

    seed: Path
    doc_number: str
    lines: list[str]
    result: ExtractionResult

    @property
    def tasks(self) -> list[core.Task]:
        return [t for t in self.result.tasks if t.doc_number == self.doc_number]


def seed_document(prefix: str, doc_number: str) -> SeedDocument:
    seed = seed_path(prefix)
    result = core.extract(seed)
    docs = [d for d in result.documents if d.doc_number == doc_number]
    assert docs, f"{doc_number} not found in seed {prefix}"
    doc = docs[0]
    lines = seed.read_text(encoding="utf-8").splitlines()[doc.first_line - 1 : doc.last_line]
    return SeedDocument(seed, doc_number, lines, result)


@pytest.fixture(scope="session")
def table_doc() -> SeedDocument:
    return seed_document(*TABLE_DOC)


@pytest.fixture(scope="session")
def list_doc() -> SeedDocument:
    return seed_document(*LIST_DOC)


@pytest.fixture(scope="session")
def formats_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("formats")


@pytest.fixture(scope="session")
def table_docx(table_doc: SeedDocument, formats_dir: Path) -> Path:
    return build_docx(table_doc.lines, formats_dir / "兴政发2023-4.docx")


@pytest.fixture(scope="session")
def table_pdf(table_doc: SeedDocument, formats_dir: Path) -> Path:
    return build_pdf(
        table_doc.lines,
        formats_dir / "兴政发2023-4.pdf",
        running_head="兴县人民政府公报  2023年第2期",
    )


@pytest.fixture(scope="session")
def list_pdf(list_doc: SeedDocument, formats_dir: Path) -> Path:
    return build_pdf(
        list_doc.lines, formats_dir / "中政办发2023-4.pdf", running_head="中阳县人民政府公报"
    )
