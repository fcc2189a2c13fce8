"""The extraction pipeline: file -> normalized lines -> gazette/documents -> finders -> tasks.

Finders run per document, in the registry's priority order; a line claimed by an earlier
finder is not reported again by a later one, so one obligation never appears twice. A
finder that crashes on one odd document must not cost the clerk the rest of the issue: the
error is logged and reported as a warning naming the document.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import re
from pathlib import Path
from types import ModuleType

from core.cues import divides_unread, find_cues, is_flagged, missed_cues
from core.errors import NotGazetteError
from core.fields.deadlines import campaign_deadline, common_deadline
from core.finders.base import DocumentContext
from core.finders.registry import FINDERS
from core.formats.cell_lines import rebuild_cell_tables
from core.formats.item_cells import rebuild_item_tables
from core.formats.label_lines import rebuild_label_lines
from core.model import Document, ExtractionResult, Gazette, Task
from core.structure.docnumber import DOC_NUMBER
from core.structure.documents import split_documents
from core.structure.gazette import read_gazette
from core.structure.repeats import drop_repeated_documents
from core.text.lines import SourceLine
from core.text.normalize import normalize_lines
from core.text.reading import load_source

log = logging.getLogger(__name__)

# Words that only appear where work is divided among units: a file with none of them, no
# 文号 and no gazette masthead is not something this application can read.
_TASK_MARKERS = re.compile(
    r"责任单位|责任部门|牵头单位|配合单位|牵头|分工|责任分工|主办单位|协办单位|"
    r"县直各|各乡镇|各乡（镇）|人民政府|"
    # the same salutations of districts and cities (`区直各单位`, `区安委会各成员单位：`)
    r"区直各|市直各|各成员单位|各有关单位|各街道|各镇"
)


_DUTY_WORD = re.compile(r"负责|配合|协办|主办|会同|实施|落实|推进|責任|負責|牽頭")
# (unit names, how many distinct ones, a word putting them to work): enough to call a text
# without 文号 or salutation a government text.
_NAMES_AT_WORK: tuple[tuple[re.Pattern[str], int, re.Pattern[str]], ...] = (
    # `（市教育局）`, `由市卫生局负责`: names with a level prefix
    (
        re.compile(
            r"[县区市省州旗镇乡][\u4e00-\u9fff]{1,10}?"
            r"(?:局|厅|委员会|委|办公室|办|中心|政府|管委会|公司)"
        ),
        2,
        _DUTY_WORD,
    ),
    # `教育部门`, `市场监管局`, `城投公司`: three names without one
    (
        re.compile(
            r"[\u4e00-\u9fff]{2,8}?(?:局|厅|委员会|办公室|中心|政府|管委会|公司|部门|街道|乡镇)"
        ),
        3,
        _DUTY_WORD,
    ),
    # a work plan's table (`重点工作 · 责任领导 · 责任科室`): its own offices
    (
        re.compile(r"[\u4e00-\u9fff]{2,12}?(?:办|股|科|室|所|站|小组)(?![\u4e00-\u9fff])"),
        2,
        re.compile(r"重点工作|工作任务|工作计划|责任(?:单位|科室|领导|股室)|完成情况"),
    ),
    # `由镇公路站负责的…项目`, `由农业农村办负责…`: offices handed their work one by one
    (
        re.compile(r"由[\u4e00-\u9fff]{2,12}?(?:局|委|办|股|科|站|所|队|中心|公司|政府|街道)负责"),
        2,
        _DUTY_WORD,
    ),
)


def _finder_modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in FINDERS]


def extract_file(path: str | Path) -> ExtractionResult:
    """Extract every task of a gazette issue or single notice (see `core.extract`)."""
    source = load_source(path)
    # Tables printed one cell per line (pdftotext, web exports) become tab rows first, and
    # forms of label and value lines labelled lines.
    rebuilt = rebuild_label_lines(rebuild_item_tables(rebuild_cell_tables(source.text)))
    lines = normalize_lines(rebuilt, source.pages)
    gazette = read_gazette(lines)
    documents = split_documents(lines)
    _require_gazette(path, lines, gazette, documents)
    documents, repeat_warnings = drop_repeated_documents(documents, lines)

    result = ExtractionResult(
        source=str(path),
        gazette=gazette,
        documents=documents,
        tasks=[],
        text_sha256=hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
        encoding=source.encoding,
        source_format=source.source_format,
        text=source.text,
        pages=source.pages,
    )
    result.warnings.extend(repeat_warnings)
    finders = _finder_modules()
    line_index = {sl.no: i for i, sl in enumerate(lines)}
    for doc in documents:
        if doc.is_toc:
            continue
        doc_lines = _lines_of(lines, line_index, doc)
        ctx = DocumentContext(document=doc, lines=doc_lines, year=doc.year or gazette.year)
        tasks, taken = _run_finders(finders, ctx, result.warnings)
        _apply_common_deadline(ctx, tasks)
        result.tasks.extend(tasks)
        _report_missed(doc, doc_lines, len(tasks), taken)
    _set_pages(result.tasks, source.pages)
    result.tasks.sort(key=lambda t: t.line)
    return result


def _apply_common_deadline(ctx: DocumentContext, tasks: list[Task]) -> None:
    """A covering notice's one date for all its work (`整改落实…情况于2016年5月20日前反馈`),
    or the close of a campaign's window (`时间安排：5月20日至11月1日`), is the deadline of
    every task that states none of its own. Only the text before the
    first task is read: a date inside the division belongs to its own item."""
    if not tasks:
        return
    first = min(t.line for t in tasks)
    notice = "\n".join(sl.text for sl in ctx.lines if sl.no < first)
    dl = common_deadline(notice, ctx.year) or campaign_deadline(notice, ctx.year)
    if dl is None:
        return
    for t in tasks:
        if t.deadline is None:
            t.deadline, t.deadline_text = dl.iso, dl.text


def _require_gazette(
    path: str | Path, lines: list[SourceLine], gazette: Gazette, documents: list[Document]
) -> None:
    """Refuse input that is plainly not a government document (a README, a novel …)."""
    if gazette.title is not None:
        return
    if any(d.doc_number for d in documents):
        return
    head = "\n".join(sl.text for sl in lines[:400])
    if DOC_NUMBER.search(head):
        return
    body = "\n".join(sl.text for sl in lines)
    if len(_TASK_MARKERS.findall(body)) >= 1 and re.search(r"[\u4e00-\u9fff]{4}", body):
        return
    # A page of another place's site with no 文号, salutation or label still names units at
    # work: see `_NAMES_AT_WORK`.
    for names, least, word in _NAMES_AT_WORK:
        if len(set(names.findall(body))) >= least and word.search(body):
            return
    raise NotGazetteError(path)


def _lines_of(lines: list[SourceLine], index: dict[int, int], doc: Document) -> list[SourceLine]:
    start = index.get(doc.first_line)
    if start is None:
        return [sl for sl in lines if doc.first_line <= sl.no <= doc.last_line]
    out = []
    for sl in lines[start:]:
        if sl.no > doc.last_line:
            break
        out.append(sl)
    return out


def _report_missed(
    doc: Document, lines: list[SourceLine], task_count: int, taken: set[int]
) -> None:
    """What was not assigned: the document's responsibility cues that no task took, and
    whether it divides work among units yet yielded (almost) no task (see `core.cues`)."""
    cues = find_cues(lines)
    doc.missed = missed_cues(lines, taken, cues)
    doc.flagged = is_flagged(cues, doc.missed, task_count) or (
        task_count == 0 and not doc.is_toc and divides_unread(lines)
    )


def _run_finders(
    finders: list[ModuleType], ctx: DocumentContext, warnings: list[str]
) -> tuple[list[Task], set[int]]:
    """The document's tasks, and the source lines they took: every line a finder claimed
    plus every task's first line (what `core.cues` checks the cues against)."""
    claimed: set[int] = set()
    tasks: list[Task] = []
    doc = ctx.document
    for module in finders:
        try:
            found = module.find(ctx)
        except Exception as exc:  # a finder bug must not lose the rest of the issue
            label = doc.doc_number or doc.title or f"第{doc.first_line}行起的文件"
            log.warning("finder %s failed on %s: %r", module.__name__, label, exc)
            log.debug("finder traceback", exc_info=True)
            finder = module.__name__.rsplit(".", 1)[-1]
            warnings.append(f"{label}：部分内容未能解析（{finder}：{type(exc).__name__}）")
            continue
        for task in found.tasks:
            if task.line in claimed:
                continue
            if task.doc_number is None:
                task.doc_number = doc.doc_number
            if task.doc_title is None:
                task.doc_title = doc.title
            tasks.append(task)
        claimed |= set(found.claimed)
        claimed |= {t.line for t in found.tasks}
    return tasks, claimed


def _set_pages(tasks: list[Task], pages: list[int] | None) -> None:
    if not pages:
        return
    for task in tasks:
        if task.page is None and 1 <= task.line <= len(pages):
            task.page = pages[task.line - 1]
