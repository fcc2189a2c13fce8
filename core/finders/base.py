"""The contract between the pipeline and the structure finders."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from core.finders.tabular.table_grid import Table, find_tables
from core.model import Document, Task
from core.text.lines import SourceLine


@dataclass
class DocumentContext:
    """One document's normalized lines plus what field parsers need to resolve them."""

    document: Document
    lines: list[SourceLine]
    year: int | None  # year that bare dates (`10月底前`, `年底前`) resolve against

    @cached_property
    def tables(self) -> list[Table]:
        """The document's header-led tables, read once: both table finders look at them
        (and a task table's promoted prose column is what the projects finder then sees)."""
        return find_tables(self.lines)


@dataclass
class FinderResult:
    """Tasks a finder found, and the source lines it consumed.

    The pipeline runs finders in priority order (tables, projects, lists, inline,
    paragraphs); a later finder's task whose `line` an earlier finder claimed is dropped,
    so one obligation is never reported twice.
    """

    tasks: list[Task] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)


class Finder(Protocol):
    def __call__(self, ctx: DocumentContext) -> FinderResult: ...
