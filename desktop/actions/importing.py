"""Importing several files: the loop that runs off the GUI thread, and its summary.

Pure Python (no Qt): `import_files` is what the worker runs, so it is tested directly. Each
file is extracted and stored on its own; a file the clerk can fix (TaizhangError) is
reported by name and the loop goes on with the others.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from core.error_messages import describe
from core.errors import TaizhangError
from core.formats import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES
from desktop.workers import Cancelled, JobContext

log = logging.getLogger(__name__)

IMPORTABLE_SUFFIXES = SUPPORTED_SUFFIXES + LEGACY_SUFFIXES  # legacy ones get their message
UNCHANGED = frozenset({"partial_copy", "declined"})
REPLACE_LABEL = "按新版替换此期"
KIND_LABELS = {"table": "分工表", "list": "分工清单", "inline": "括注", "paragraph": "段落"}


@dataclass(frozen=True)
class FileOutcome:
    """What importing one file did (built by the gateway from extraction + ledger reports)."""

    file_name: str
    # imported | already_imported | reissue_updated | documents_updated | partial_copy
    # (a part of an imported issue: nothing changed) | declined (the clerk kept the tasks
    # a re-issue would have retired: nothing changed)
    outcome: str
    documents: int = 0  # documents new to the ledger
    tasks_by_kind: dict[str, int] = field(default_factory=dict)  # tasks added or re-issued
    warnings: tuple[str, ...] = ()
    message: str = ""
    # Documents the ledger already held from another file (文号 or 《title》): updated in place.
    known_documents: tuple[str, ...] = ()
    # Documents that may hide a task extraction missed (`<文号>：可能遗漏 3 处`).
    review: tuple[str, ...] = ()
    # A part of an imported issue (not a 目录 alone): the file the clerk may take as the
    # issue's new version (按新版替换此期), which retires the tasks it no longer prints.
    replace_path: Path | None = None


# Asked before an import that would retire tasks; gets the `core.ledger.ImportPlan`.
ConfirmRetire = Callable[[Any], bool]


class FileImporter(Protocol):
    def import_path(
        self,
        path: Path,
        progress: Callable[[int, int], None] | None = None,
        confirm: ConfirmRetire | None = None,
    ) -> FileOutcome: ...

    def replace_issue(
        self,
        path: Path,
        progress: Callable[[int, int], None] | None = None,
        confirm: ConfirmRetire | None = None,
    ) -> FileOutcome: ...


@dataclass
class ImportSummary:
    """Everything the end-of-import dialog reports."""

    imported: list[FileOutcome] = field(default_factory=list)
    skipped: list[FileOutcome] = field(default_factory=list)  # already imported
    # Nothing changed, for a reason the clerk must read: part of an imported issue, or a
    # re-issue whose retirements the clerk declined.
    unchanged: list[FileOutcome] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # Chinese messages naming the file
    cancelled: bool = False

    @property
    def replaceable(self) -> list[FileOutcome]:
        """Parts of imported issues the clerk may take as the issue's new version."""
        return [o for o in self.unchanged if o.replace_path is not None]

    @property
    def documents(self) -> int:
        return sum(o.documents for o in self.imported)

    @property
    def tasks_by_kind(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for o in self.imported:
            total.update(o.tasks_by_kind)
        return total

    @property
    def warnings(self) -> list[str]:
        return [f"{o.file_name}：{w}" for o in self.imported for w in o.warnings]

    def text(self) -> str:
        """The summary as the clerk reads it."""
        kinds = self.tasks_by_kind
        # A file whose documents were all in the ledger already added nothing: it is reported
        # by the "已存在的公文" line below, not counted as an import of 0 documents.
        added = [o for o in self.imported if o.outcome != "documents_updated"]
        lines = []
        if added:
            lines.append(
                f"已导入 {len(added)} 个文件，共 {self.documents} 份公文，"
                f"{sum(kinds.values())} 项任务。"
            )
        elif not self.imported:
            lines.append("没有导入新的公报。")
        if kinds:
            lines.append(
                "任务来源："
                + "，".join(f"{KIND_LABELS.get(k, k)} {n} 项" for k, n in kinds.most_common())
            )
        known = [d for o in self.imported for d in o.known_documents]
        if known:
            lines.append(
                f"已存在的公文：{'、'.join(dict.fromkeys(known))}，已按更新处理"
                "（未重复添加任务，状态、进展和人工更正均保留）"
            )
        review = [(o.file_name, note) for o in self.imported for note in o.review]
        if review:
            lines.append(
                f"请核对 {len(review)} 份公文（在左侧以“可能遗漏”标出，可查看原文后补录）："
            )
            by_file: dict[str, list[str]] = {}
            for name, note in review:
                by_file.setdefault(name, []).append(note)
            for name, notes in by_file.items():
                lines.append(f"  · {name}：{'；'.join(notes)}")
        if self.skipped:
            names = "、".join(o.file_name for o in self.skipped)
            lines.append(f"台账中已有、未重复导入 {len(self.skipped)} 个文件：{names}")
        if self.unchanged:
            lines.append(f"未作改动 {len(self.unchanged)} 个文件：")
            lines.extend(f"  · {o.message}" for o in self.unchanged)
            if self.replaceable:
                lines.append(
                    f"  如该文件是这期公报的新版本（删去了部分公文），可点“{REPLACE_LABEL}”："
                    "先列出将停用的任务，确认后才替换。"
                )
        if self.failed:
            lines.append(f"未能导入 {len(self.failed)} 个文件：")
            lines.extend(f"  · {m}" for m in self.failed)
        if self.cancelled:
            lines.append("导入已取消，其余文件未处理。")
        return "\n".join(lines)


def replace_issue(importer: FileImporter, path: Path, ctx: JobContext) -> ImportSummary:
    """按新版替换此期 for one file; runs on a worker thread like `import_files`."""
    summary = ImportSummary()
    ctx.progress(0, 1, path.name)
    try:
        outcome = importer.replace_issue(path, confirm=ctx.ask)
    except TaizhangError as exc:  # e.g. the file was moved or changed since
        log.info("replace refused: %s", exc)
        summary.failed.append(str(exc))
        return summary
    _file(summary, outcome)
    ctx.progress(1, 1, "")
    return summary


def _file(summary: ImportSummary, outcome: FileOutcome) -> None:
    if outcome.outcome == "already_imported":
        summary.skipped.append(outcome)
    elif outcome.outcome in UNCHANGED:
        summary.unchanged.append(outcome)
    else:
        summary.imported.append(outcome)


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a folder contributes the importable files directly inside it."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(c for c in p.iterdir() if c.suffix.lower() in IMPORTABLE_SUFFIXES))
        else:
            out.append(p)
    return out


def import_files(
    importer: FileImporter, paths: Sequence[Path], ctx: JobContext, where: str | None = None
) -> ImportSummary:
    """Import each file in turn; runs on a worker thread. `where` names the ledger."""
    summary = ImportSummary()
    files = expand_paths(paths)
    for i, path in enumerate(files):
        if ctx.cancelled:
            summary.cancelled = True
            break
        ctx.progress(i, len(files), path.name)
        try:
            outcome = importer.import_path(path, confirm=ctx.ask)
        except Cancelled:
            summary.cancelled = True
            break
        except TaizhangError as exc:
            log.info("import refused: %s", exc)
            summary.failed.append(str(exc))
            continue
        except Exception as exc:
            message = describe(exc, where)
            if message is not None:  # e.g. the server went away: the file is not imported
                log.warning("import of %s failed: %s", path, message.line)
                summary.failed.append(f"{path.name}：{message.line}")
                continue
            log.exception("import of %s failed unexpectedly", path)  # a bug: keep going
            summary.failed.append(
                f"{path.name}：导入时发生内部错误（{type(exc).__name__}），详见日志"
            )
            continue
        _file(summary, outcome)
    else:
        ctx.progress(len(files), len(files), "")
    return summary
