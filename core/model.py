"""Typed results of extraction: the contract between the extractor, the ledger and the GUI.

Everything downstream (ledger import, reports, the desktop app, `python -m core extract
--json`) reads these dataclasses, so field names follow the JSON interface documented in
the README and must stay stable.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

TaskKind = Literal["table", "list", "inline", "paragraph"]


@dataclass(frozen=True)
class Amount:
    """A money amount in yuan; `per` names the unit of a rate (`2000元/户` -> per="户")."""

    yuan: float
    text: str
    per: str | None = None


@dataclass
class Task:
    """One obligation assigned to county units, with its provenance in the source."""

    doc_number: str | None
    doc_title: str | None
    section: str | None
    kind: TaskKind
    ref: str | None
    group: str | None
    leader: str | None
    text: str
    lead_units: list[str] = field(default_factory=list)
    support_units: list[str] = field(default_factory=list)
    other_units: dict[str, list[str]] = field(default_factory=dict)
    deadline: str | None = None  # ISO date (YYYY-MM-DD) of completion, or None
    deadline_text: str | None = None
    amounts: list[Amount] = field(default_factory=list)
    line: int = 0  # 1-based line in the source text where the task's text starts
    page: int | None = None  # page number when the source was a PDF
    person: str | None = None  # 责任人 column of a project table, when present

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class MissedCue:
    """A responsibility cue that no task took: the clerk must see it, never lose it silently.

    `line` is the 1-based source line, `text` the line as printed (trimmed), `reason` a short
    Chinese explanation shown under 可能遗漏 (e.g. "有责任单位标注，未对应到任务").
    """

    line: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    """One document of a gazette issue (通知, 方案, 批复 …) and where it lies in the source."""

    title: str
    doc_number: str | None
    issuer: str | None
    issue_date: str | None  # ISO date
    first_line: int
    last_line: int
    is_toc: bool = False  # the issue's 目录: recognised, never yields tasks
    # Filled by the pipeline after the finders ran (see core.cues):
    missed: list[MissedCue] = field(default_factory=list)  # cues no task took
    flagged: bool = False  # divides work among units, yet most of it yielded no task

    @property
    def year(self) -> int | None:
        """The year deadlines resolve against: the issue date's, else the 文号's, else the
        one year the title names (`2025年开发区重点工作及责任清单`: its `全年` is 2025's)."""
        if self.issue_date:
            return int(self.issue_date[:4])
        if self.doc_number:
            m = _NUMBER_YEAR.search(self.doc_number)
            if m:
                return int(m.group(1))
        title = self.title or ""
        if _PERIOD.search(title):
            return None  # a plan's period (`2021-2025年`) is no one year
        years = {int(y) for y in _TITLE_YEAR.findall(title)}
        return years.pop() if len(years) == 1 else None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["year"] = self.year
        return d


# The year of a 文号 (`兴政发〔2023〕4号`), a title's years, and a plan's period in a title.
_NUMBER_YEAR = re.compile(r"[〔\[(（](\d{4})[〕\])）]")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD = re.compile(r"\d{4}\s*年?\s*[-—–~～至到]\s*\d{4}")


@dataclass
class Gazette:
    """Issue-level metadata read from the cover and masthead."""

    title: str | None = None
    county: str | None = None
    year: int | None = None
    issue: int | None = None  # 第N期
    total_issue: int | None = None  # 总第N期
    publication_date: str | None = None  # ISO date

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ExtractionResult:
    """What `core.extract(path)` returns."""

    source: str
    gazette: Gazette
    documents: list[Document]
    tasks: list[Task]
    text_sha256: str = ""  # SHA-256 of the decoded text: the same issue in any encoding matches
    encoding: str = ""
    source_format: str = "text"  # text | pdf | docx
    warnings: list[str] = field(default_factory=list)
    text: str = field(default="", repr=False)  # decoded source text, for provenance excerpts
    # PDF only: pages[i] is the page of line i+1, so the ledger can show a line's page.
    pages: list[int] | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "gazette": self.gazette.to_dict(),
            "documents": [d.to_dict() for d in self.documents],
            "tasks": [t.to_dict() for t in self.tasks],
            "text_sha256": self.text_sha256,
            "encoding": self.encoding,
            "source_format": self.source_format,
            "warnings": list(self.warnings),
        }
