"""Builders for the ledger tests: a settable clock and ExtractionResult objects (the
ledger's input contract), independent of the extractor."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from core.model import Amount, Document, ExtractionResult, Gazette, Task


@dataclass
class Clock:
    """A settable UTC clock: `clock.advance(days=3)` moves the ledger's 'now'."""

    now: datetime = field(default_factory=lambda: datetime(2024, 6, 10, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def make_task(text: str, ref: str | None = None, **kw: Any) -> Task:
    base: dict[str, Any] = dict(
        doc_number="兴政发〔2024〕4号",
        doc_title="关于印发重点任务分工的通知",
        section="附件 重点任务分工",
        kind="table",
        ref=ref,
        group=None,
        leader=None,
        text=text,
        lead_units=["县发改局"],
        support_units=[],
        line=10,
    )
    base.update(kw)
    return Task(**base)


def make_result(
    tasks: list[Task],
    *,
    source: str = "/data/兴县政府公报2024第1期.txt",
    county: str | None = "兴县",
    year: int | None = 2024,
    issue: int | None = 1,
    text: str | None = None,
    doc_number: str | None = None,
) -> ExtractionResult:
    """A gazette holding one document. Each issue prints its own document (issue 1:
    兴政发〔2024〕4号), as real issues do: one 文号 in two files is the same document."""
    body = text if text is not None else "\n".join(t.text for t in tasks) + source
    return ExtractionResult(
        source=source,
        gazette=Gazette(title="兴县人民政府公报", county=county, year=year, issue=issue),
        documents=[
            Document(
                title="关于印发重点任务分工的通知",
                doc_number=doc_number or f"兴政发〔{year or 2024}〕{3 + (issue or 1)}号",
                issuer="兴县人民政府",
                issue_date="2024-03-27",
                first_line=1,
                last_line=10_000,
            )
        ],
        tasks=tasks,
        text_sha256=hashlib.sha256(body.encode()).hexdigest(),
        encoding="utf-8",
        text=body,
    )


def sample_tasks() -> list[Task]:
    return [
        make_task(
            "完成老旧小区改造12个。",
            "1",
            lead_units=["县住建局"],
            support_units=["县发改局", "县财政局"],
            deadline="2024-06-15",
            amounts=[Amount(yuan=1.5e8, text="1.5亿元")],
        ),
        make_task("年底前建成污水处理厂。", "2", lead_units=["县水利局"], deadline="2024-12-31"),
        make_task("开展安全生产大检查。", "3", lead_units=["县应急管理局"], deadline="2024-05-31"),
        make_task("每月报送进展。", "4", lead_units=["县发改局"], line=40),
    ]
