"""The finders the pipeline runs, in priority order (earlier finders claim lines first)."""

from __future__ import annotations

# Module names; each module defines `find(ctx: DocumentContext) -> FinderResult`.
FINDERS: list[str] = [
    "core.finders.tabular.tables",  # 任务分工 tables (序号 · 任务 · 责任单位 …)
    "core.finders.tabular.projects",  # project tables (项目名称 · 建设工期 · 资金规模 …)
    "core.finders.tabular.allocations",  # quota tables (乡镇 · 新种任务(亩) · 备注)
    "core.finders.prose.lists",  # 《政府工作报告》 hierarchical division lists
    "core.finders.prose.inline",  # （责任单位：…） annotations
    "core.finders.prose.unit_headings",  # `一、区财政局` headings over that unit's duties
    "core.finders.prose.paragraphs",  # lead/support paragraphs, member-unit duty lists
]
