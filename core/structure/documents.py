"""Split a gazette issue into its documents, and recognise the 目录.

Every document in a gazette is printed the same way: issuer (`兴县人民政府`), title
(`关于…的通知`, possibly wrapped, possibly on the issuer's line), then the 文号 alone on its
line. That 文号 line is the reliable anchor; the header lines above it are the document's
start. The signature date (`2023年3月27日` alone on a line) gives the issue date.

The 目录 lists every document with its 文号 and page, so its lines look like document
headers; it is recognised first (heading 目录, then entries ending in dot leaders or page
numbers) and reported as one document with is_toc=True that never yields tasks.
"""

from __future__ import annotations

import re
from collections import Counter

from core.model import Document
from core.structure.docnumber import (
    DOC_NUMBER,
    STANDALONE_DOC_NUMBER,
    normalize_doc_number,
    parse_date,
)
from core.text.lines import SourceLine

_TOC_HEADING = re.compile(r"^目\s*录$")
# A TOC entry ends in a page number after dot leaders, a tab, or right after the 文号.
_TOC_ENTRY = re.compile(r"(?:[.…·．。\-—_]{3,}|\t|号\s*[）)])\s*[.…·]*\s*\d{1,4}$")
_TOC_GAP = 6  # non-entry lines (wrapped titles, section headings) allowed inside a 目录

ISSUER_ONLY = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:人民政府办公室|人民政府|政府办公室|办公室|委员会|管委会|"
    r"管理委员会|指挥部|领导小组|政府|局|厅|委|办)(?:文件)?$"
)
_ISSUER_PREFIX = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff]{2,20}?(?:人民政府办公室|人民政府|政府办公室|委员会|办公室))"
    r"(?P<title>关于.+)$"
)
_STOP_END = re.compile(r"[。；;：:！!？?]$")
_LIST_ITEM = re.compile(
    r"^(?:\d{1,3}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)
_DATE_LINE = re.compile(
    r"^\D{0,30}?\d{4}年\d{1,2}月\d{1,2}日$|^[〇零○一二三四五六七八九十]{4}年.{1,3}月.{1,4}日$"
)
_PUBLISH_NOTE = re.compile(r"^[（(]此件|^附件")
_HEADER_MAX_LINES = 6
_TITLE_MAX_CHARS = 80


def find_toc(lines: list[SourceLine]) -> tuple[int, int] | None:
    """Index range [start, end] (into `lines`) of the issue's 目录, or None."""
    first_doc = next(
        (i for i, sl in enumerate(lines) if STANDALONE_DOC_NUMBER.match(sl.text)), len(lines)
    )
    start = next(
        (
            i
            for i, sl in enumerate(lines[: min(first_doc, len(lines))])
            if _TOC_HEADING.match(sl.text)
        ),
        None,
    )
    if start is None:
        return None
    end = start
    gap = 0
    for i in range(start + 1, len(lines)):
        text = lines[i].text
        if _TOC_ENTRY.search(text) and (DOC_NUMBER.search(text) or gap <= 2 or "关于" in text):
            end = i
            gap = 0
            continue
        if STANDALONE_DOC_NUMBER.match(text):
            # A bare （文号） entry whose page number sits on the next line still belongs here.
            if i + 1 < len(lines) and re.fullmatch(r"[.…·\s]*\d{1,4}", lines[i + 1].text):
                continue
            break
        gap += 1
        if gap > _TOC_GAP:
            break
    if end == start:
        return None
    return start, end


def split_documents(lines: list[SourceLine]) -> list[Document]:
    """The documents of an issue (目录 first when present), in source order."""
    if not lines:
        return []
    toc = find_toc(lines)
    docs: list[Document] = []
    body_from = 0
    toc_numbers: list[str] = []  # in 目录 order
    if toc is not None:
        s, e = toc
        docs.append(
            Document(
                title="目录",
                doc_number=None,
                issuer=None,
                issue_date=None,
                first_line=lines[s].no,
                last_line=lines[e].no,
                is_toc=True,
            )
        )
        body_from = e + 1
        toc_text = "".join(sl.text for sl in lines[s : e + 1])
        toc_numbers = [
            n for m in DOC_NUMBER.finditer(toc_text) if (n := normalize_doc_number(m.group(0)))
        ]

    anchors = _doc_number_lines(lines, body_from, toc_numbers)
    starts: list[int] = []
    prev_limit = body_from
    for a in anchors:
        starts.append(_header_start(lines, a, prev_limit))
        prev_limit = a + 1

    if not anchors:
        if body_from < len(lines):
            docs.append(_single_document(lines[body_from:]))
        return docs

    for k, a in enumerate(anchors):
        s = starts[k]
        e = starts[k + 1] - 1 if k + 1 < len(anchors) else len(lines) - 1
        docs.append(_document(lines, s, a, e))
    return docs


def _doc_number_lines(lines: list[SourceLine], start: int, toc_numbers: list[str]) -> list[int]:
    """Indices of 文号 lines that open a document of this issue.

    A document may quote another body's letter with its own 文号 line (an enterprise's
    承诺 attached to a 函). Only 文号 whose issuer code shares the issue's county prefix (the
    commonest first character among the 目录's, else the body's, numbers) count, so such
    quoted letters stay inside their parent. A tie (a district notice forwarding two city
    documents: two numbers of each) goes to the prefix printed first, which is the issue's
    own document opening the body or the 目录 — never to whatever a set's hash order yields.
    """
    cands = [i for i in range(start, len(lines)) if STANDALONE_DOC_NUMBER.match(lines[i].text)]
    known = toc_numbers or [n for i in cands if (n := normalize_doc_number(lines[i].text))]
    distinct = list(dict.fromkeys(known))  # source order, each number once
    if len(distinct) < 3:
        return cands
    main_prefix = _main_county_prefix(distinct)
    listed = set(toc_numbers)
    out = []
    for i in cands:
        n = normalize_doc_number(lines[i].text)
        if n and (n in listed or n[0] == main_prefix):
            out.append(i)
    return out


def _main_county_prefix(numbers: list[str]) -> str:
    """The commonest first character of `numbers` (in source order); a tie goes to the one
    printed first."""
    counts = Counter(n[0] for n in numbers)
    first_seen = {p: k for k, p in reversed(list(enumerate(n[0] for n in numbers)))}
    return min(counts, key=lambda p: (-counts[p], first_seen[p]))


def _is_stop(text: str) -> bool:
    return bool(
        "\t" in text
        or _STOP_END.search(text)
        or _DATE_LINE.match(text)
        or _PUBLISH_NOTE.match(text)
        or len(text) > _TITLE_MAX_CHARS
        or STANDALONE_DOC_NUMBER.match(text)
    )


def _header_start(lines: list[SourceLine], anchor: int, limit: int) -> int:
    """Index of the first header line (issuer/title) above the 文号 line at `anchor`."""
    start = anchor
    seen_guanyu = False
    i = anchor - 1
    while i >= limit and anchor - i <= _HEADER_MAX_LINES:
        text = lines[i].text
        if _is_stop(text):
            break
        if ISSUER_ONLY.match(text) and "关于" not in text:
            start = i
            break
        if "关于" in text:
            start = i
            seen_guanyu = True
            i -= 1
            continue
        if seen_guanyu or _LIST_ITEM.match(text):
            break
        # A wrapped title's tail (…的通知) or a title without 关于.
        start = i
        i -= 1
    if start == anchor:
        return anchor
    # Without 关于 or an issuer line the header is at most the one line above the 文号.
    block = [lines[j].text for j in range(start, anchor)]
    if not seen_guanyu and not any(ISSUER_ONLY.match(t) for t in block):
        return anchor - 1
    return start


def _split_header(texts: list[str]) -> tuple[str | None, str]:
    issuer = None
    if texts and ISSUER_ONLY.match(texts[0]) and "关于" not in texts[0] and len(texts) > 1:
        issuer = texts[0]
        texts = texts[1:]
    title = "".join(t.replace("\t", "") for t in texts)
    m = _ISSUER_PREFIX.match(title)
    if m and issuer is None:
        issuer = m.group("issuer")
        title = m.group("title")
    elif issuer is None and len(texts) == 1 and ISSUER_ONLY.match(title):
        issuer, title = title, ""
    return issuer, title


def _document(lines: list[SourceLine], s: int, anchor: int, e: int) -> Document:
    issuer, title = _split_header([lines[j].text for j in range(s, anchor)])
    number = normalize_doc_number(lines[anchor].text)
    if not title:
        # Red-header documents (and letters quoted inside a document) print the 文号 above
        # the title: 兴县人民政府文件 / 兴政发〔2023〕4号 / 兴县人民政府 / 关于…的通知.
        issuer2, title = _title_below(lines, anchor, e)
        issuer = issuer or issuer2
    if issuer and issuer.endswith("文件"):
        issuer = issuer[: -len("文件")]
    issue_date = None
    for j in range(anchor + 1, e + 1):
        text = lines[j].text.replace("\t", "")
        if _DATE_LINE.match(text):
            issue_date = parse_date(text)
            if issue_date:
                break
    return Document(
        title=title or (number or ""),
        doc_number=number,
        issuer=issuer,
        issue_date=issue_date,
        first_line=lines[s].no,
        last_line=lines[e].no,
    )


def _title_below(lines: list[SourceLine], anchor: int, e: int) -> tuple[str | None, str]:
    """(issuer, title) printed under the 文号 line, or (None, "") when none is."""
    issuer = None
    parts: list[str] = []
    for j in range(anchor + 1, min(e, anchor + 1 + _HEADER_MAX_LINES) + 1):
        text = lines[j].text
        if _is_stop(text):
            break
        if not parts and ISSUER_ONLY.match(text) and "关于" not in text:
            issuer = text
            continue
        if not parts and "关于" not in text:
            break
        parts.append(text)
    if not parts:
        return issuer, ""
    issuer2, title = _split_header(parts)
    return issuer or issuer2, title


def _single_document(lines: list[SourceLine]) -> Document:
    """A file without 文号 lines (a single notice or plan): one document, titled by its top."""
    title = ""
    issuer = None
    for sl in lines[:6]:
        text = sl.text.replace("\t", " ").strip()
        if ISSUER_ONLY.match(text) and issuer is None:
            issuer = text
            continue
        if text and len(text) <= _TITLE_MAX_CHARS:
            title = text
            break
    number = None
    for sl in lines[:15]:
        number = normalize_doc_number(sl.text)
        if number:
            break
    issue_date = None
    for sl in lines:
        if _DATE_LINE.match(sl.text.replace("\t", "")):
            issue_date = parse_date(sl.text)
            if issue_date:
                break
    return Document(
        title=title,
        doc_number=number,
        issuer=issuer,
        issue_date=issue_date,
        first_line=lines[0].no,
        last_line=lines[-1].no,
    )
