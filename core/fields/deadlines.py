"""Completion deadlines in task text and in 完成时限 / 建设工期 table cells.

Clerks chase tasks by their due date, so only a *completion* date counts: a start
(`5月启动`, 开工), a policy's validity window (`2022年至2024年…减按`) or a recurring duty
(`每月`, `每年至少一次`) has no due date. Year-less phrases (`10月底前`, `年底前`) resolve
against the document's year; without one they yield nothing rather than a guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from core.fields.numerals import FULLWIDTH_DIGITS, to_int


@dataclass(frozen=True)
class Deadline:
    """A due date and the phrase it was read from (spaces removed, otherwise as printed)."""

    iso: str  # YYYY-MM-DD
    text: str  # the phrase as printed, e.g. "2024年10月底前"


_Y = r"(\d{4}|[〇零一二三四五六七八九]{4})"
_M = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = (
    r"(3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])"
)
_BEFORE = r"(?:之前|以前|前)"
# Verbs that make a bare month or year a completion target (`2023年11月完工`, `2023年新增`).
_COMPLETE = (
    r"(?:完成|完工|竣工|建成|投用|投运|投产|交付|验收|到位|实现|达到|达|出台|落地|见效|结束)"
)
_TARGET = (
    r"(?:新增|完成|实现|建成|达到|达|力争|确保|争取|全县|全面|基本|新建|改造|培育|创建|打造|"
    r"建设|开展|计划|拟|要|累计|完工|竣工|推进|全年|年内|年底)"
)
# Phrases that make a date a start or a reference rather than a due date.
_START_AFTER = re.compile(r"^(?:起|开始|启动|开工|以来|实施|施行|印发|发布|开展|动工|始)")
# After a whole-year span (`全年实施…`, `年内开展…`) only a real start blocks it.
_YEAR_START_AFTER = re.compile(r"^(?:起|开始|启动|开工|以来|动工|始)")
# A one-off action in the period (`第四季度开展一次专项审计`) is due by the period's end;
# `开展` alone after a date is a start (`5月开展…`).
_ONE_OFF_AFTER = re.compile(r"(?:组织)?(?:开展|举办|召开|进行)(?:一|1)(?:次|轮|场)")
# `明年春节前`, `次年汛期前`: before an event, not a calendar date.
_EVENT_BEFORE_AFTER = re.compile(r"[^\d，。；;,、月年底末内]{1,4}?(?:之前|以前|前)")
_REF_BEFORE = re.compile(r"(?:截至|截止|截止到|自|从|近|展望到?)$")
_RECURRING_BEFORE = re.compile(r"(?:每|定期|次月|次年|当月|逐月|按月|按季)[^，。；;,]{0,6}$")

_FULL_DATE = re.compile(rf"(?:{_Y}年)?{_M}月{_D}(?:[日号]|(?={_BEFORE})){_BEFORE}?")
_YEAR_MONTH = re.compile(
    rf"(?:{_Y}年)?{_M}月份?(?:(底|末|下旬|中旬|上旬)|(?={_BEFORE}|{_COMPLETE}))(?:{_BEFORE})?"
)
_YEAR_END = re.compile(rf"{_Y}年(?:年)?(?:(?:底|末){_BEFORE}?|{_BEFORE})")
_HALF = re.compile(rf"(?:{_Y}年)?(上|下)半年(?:末|底)?{_BEFORE}?")
_QUARTER = re.compile(rf"(?:{_Y}年)?(前三|第?[一二三四1-4])季度(?:末|底)?{_BEFORE}?")
_THIS_YEAR = re.compile(
    rf"(?<![\d〇零一二三四五六七八九十两几多个每当])"
    rf"(?:本?年底{_BEFORE}?|本?年末{_BEFORE}?|本?年内(?!部)|本年度内|全年"
    rf"|今年(?:底{_BEFORE}?)?(?![\d一二三四五六七八九十]+月))"
)
_YEAR_TARGET = re.compile(
    rf"{_Y}年度?(?=[，,]?(?:我县|全县|本县|我市|全市)?{_TARGET}|[^，。；;]{{0,30}}(?:任务|目标)[数是为])"
)
_TARGET_INTRO = re.compile(
    rf"(?:(?:力争|确保|争取){_Y}年(?![底末前度以起至\-—月\d])"
    rf"|(?:到|至){_Y}年(?=[，,]|{_TARGET}))"
)
# The year after the document's: `明年底前`, `明年6月底前`, `次年3月`.
_NEXT_YEAR = re.compile(
    rf"(?:明年|次年)(?:{_M}月份?(?:{_D}[日号]|底|末)?|年?底|年?末|内)?{_BEFORE}?"
)
# 全年/今年/年内 of a year already past (`去年全年`, `上年全年完成`) is a review, not a target.
_PAST_YEAR_BEFORE = re.compile(r"(?:去年|上年|上一年|前年)度?$")
_REVIEW_SENTENCE = re.compile(r"去年|过去一年|过去的一年|一年来|上一年度")
# `全年计划` as a noun (`…出让收入全年计划、分月进度等情况`) only targets after a
# completion verb (`完成全年计划`).
_YEAR_PLAN_NOUN = re.compile(r"(?:计划|预算|情况|数据)")
# `2022年全年完成…`: the whole year is the one just named.
_NAMED_YEAR_BEFORE = re.compile(rf"{_Y}年度?[，,]?(?:全县|我县|本县|全市)?$")
_PLAN_VERB_BEFORE = re.compile(r"(?:完成|实现|达到|超额完成|确保|力争)$")
_DATE_CUE_AFTER = re.compile(rf"(?:止|为止|[上下]午\d+[点时]前|[要须应]?{_COMPLETE})")
_PERIOD_END_BEFORE = re.compile(r"[—\-－~～至到]$")
_YEAR_RANGE = re.compile(rf"{_Y}年?(?:至|到|-|—|－|~|～)+{_Y}年")
# A work period to the month (`2018年4月至2019年10月深化提升`, `3-6月`): the work runs until
# the end of its last month, as a 建设工期 range does, when the work itself follows the span
# (a span set off by a comma frames a policy's window; a span of bare years stays a window).
_MONTH_PERIOD = re.compile(
    rf"(?:{_Y}年)?{_M}月份?(?:初|上旬|中旬)?(?:[至到—\-－~～]+)(?:{_Y}年)?{_M}月份?(?:底|末)?"
)
_QUOTED = re.compile(r"《[^《》]*》|“[^“”]{0,40}”")


def month_end(year: int, month: int) -> date:
    """The last day of a month (calendar knows the leap years)."""
    return date(year, month, calendar.monthrange(year, month)[1])


def normalize(text: str) -> str:
    """Drop spaces (extractors space out CJK) and fold full-width digits."""
    return re.sub(r"\s+", "", text).translate(FULLWIDTH_DIGITS)


@dataclass
class _Hit:
    start: int
    end: int
    day: date
    target: bool = False  # a year-scoped target (`2023年新增…`), weaker than a dated phrase


def _year_of(group: str | None, year: int | None) -> int | None:
    return to_int(group) if group else year


def _safe_date(y: int | None, m: int, d: int | None = None) -> date | None:
    if y is None or not 1 <= m <= 12:
        return None
    if d is None:
        return month_end(y, m)
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _collect(t: str, year: int | None) -> list[_Hit]:
    hits: list[_Hit] = []

    def add(m: re.Match[str], day: date | None, target: bool = False) -> None:
        if day is not None:
            hits.append(_Hit(m.start(), m.end(), day, target))

    for m in _FULL_DATE.finditer(t):
        # A bare full date is a signing, publication or event date unless a completion cue
        # follows (`前`, `完成`, `下午6点前`) or it closes a period (`2023年11月30日—12月15日`).
        cue = m.group(0).endswith("前") or _DATE_CUE_AFTER.match(t, m.end())
        if cue or _PERIOD_END_BEFORE.search(t[max(0, m.start() - 1) : m.start()]):
            add(m, _safe_date(_year_of(m.group(1), year), to_int(m.group(2)), to_int(m.group(3))))
    for m in _YEAR_END.finditer(t):
        add(m, date(to_int(m.group(1)), 12, 31))
    for m in _YEAR_MONTH.finditer(t):
        y, mo, part = _year_of(m.group(1), year), to_int(m.group(2)), m.group(3)
        if y is None or not 1 <= mo <= 12:
            continue
        d = {"上旬": 10, "中旬": 20}.get(part or "")
        add(m, _safe_date(y, mo, d))
    for m in _MONTH_PERIOD.finditer(t):
        y = _year_of(m.group(3), None) or _year_of(m.group(1), year)
        end_month = to_int(m.group(4))
        if m.group(3) is None and end_month < to_int(m.group(2)):
            continue  # `11月至3月` runs into a year that is not printed
        if not re.match(r"[\u4e00-\u9fff]", t[m.end() : m.end() + 1]):
            continue  # `2022年4月至12月，…减按…`: a span framing a state (a policy's window)
        if y is not None and 1 <= end_month <= 12:
            add(m, month_end(y, end_month))
    for m in _HALF.finditer(t):
        y = _year_of(m.group(1), year)
        if y is not None:
            add(m, date(y, 6, 30) if m.group(2) == "上" else date(y, 12, 31))
    for m in _QUARTER.finditer(t):
        y = _year_of(m.group(1), year)
        q = m.group(2).lstrip("第")
        n = 3 if q == "前三" else to_int(q)
        if y is not None and 1 <= n <= 4:
            add(m, month_end(y, n * 3))
    if year is not None:
        for m in _THIS_YEAR.finditer(t):
            if _PAST_YEAR_BEFORE.search(t[max(0, m.start() - 4) : m.start()]):
                continue
            if _REVIEW_SENTENCE.search(_sentence_before(t, m.start())):
                continue  # `过去一年，全年完成…`: a review of the year past
            noun = m.group(0) == "全年" and _YEAR_PLAN_NOUN.match(t, m.end())
            if noun and not _PLAN_VERB_BEFORE.search(t[max(0, m.start() - 4) : m.start()]):
                continue
            named = _NAMED_YEAR_BEFORE.search(t[max(0, m.start() - 10) : m.start()])
            if named and m.group(0) in ("全年", "年内", "年底", "年末"):
                add(m, date(to_int(named.group(1)), 12, 31), target=True)
                continue
            add(m, date(year, 12, 31))
        for m in _NEXT_YEAR.finditer(t):
            if m.group(0).startswith("次年") and "每" in _sentence_before(t, m.start()):
                continue  # `每年…次年3月底前报送`: a yearly duty, not one due date
            month, day = m.group(1), m.group(2)
            if m.group(0) in ("明年", "次年") and _EVENT_BEFORE_AFTER.match(t, m.end()):
                continue  # `明年春节前`: the date of the event is not printed
            if month is None:
                add(m, date(year + 1, 12, 31))
            else:
                add(m, _safe_date(year + 1, to_int(month), to_int(day) if day else None))
    for m in _YEAR_TARGET.finditer(t):
        add(m, date(to_int(m.group(1)), 12, 31), target=True)
    for m in _TARGET_INTRO.finditer(t):
        g = 1 if m.group(1) else 2
        hits.append(_Hit(m.start(g), m.end(), date(to_int(m.group(g)), 12, 31), True))
    return hits


def _sentence_before(t: str, pos: int) -> str:
    """The part of `pos`'s sentence before it."""
    cut = max(t.rfind(c, 0, pos) for c in "。；;")
    return t[cut + 1 : pos]


def _blocked(t: str, hit: _Hit, year: int | None, shields: list[tuple[int, int]]) -> bool:
    before, after = t[max(0, hit.start - 9) : hit.start], t[hit.end : hit.end + 3]
    whole_year = hit.target or bool(_THIS_YEAR.fullmatch(t[hit.start : hit.end]))
    starts = _YEAR_START_AFTER if whole_year else _START_AFTER
    if _RECURRING_BEFORE.search(before):
        return True
    # `2016年10月底前实施…`: what is to be done *before* a date is due by it, not started
    # (a start by a date stays a start: `10月底前开工建设`)
    by_then = t[hit.start : hit.end].endswith(("前", "以前", "之前"))
    by_then = by_then and not _YEAR_START_AFTER.search(after)
    if starts.search(after) and not by_then and not _ONE_OFF_AFTER.match(t, hit.end):
        return True
    # `截至2020年底` reports the past; `截至2024年底，力争…` in a 2023 document is a target.
    ref = _REF_BEFORE.search(before)
    if ref and not t[hit.start : hit.end].endswith("前"):
        as_of = ref.group(0).startswith("截")
        if not as_of or year is None or hit.day.year < year:
            return True
    if hit.target and before.endswith(("预计", "预测", "预报")):
        return True  # a forecast (`预计2023年全县降水量…`), not a target
    if any(a <= hit.start < b for a, b in shields):
        return True
    # A year-only target in the past is background (`2022年完成…`), not a due date.
    return hit.target and year is not None and hit.day.year < year


def _choose(t: str, year: int | None) -> Deadline | None:
    shields = [(m.start(), m.end()) for m in _QUOTED.finditer(t)]
    # A span of years is a policy window, not a due date (only the year-target forms).
    windows = [(m.start(), m.end()) for m in _YEAR_RANGE.finditer(t)]
    kept: list[_Hit] = []
    # Longest phrase wins where matches overlap (`2024年10月底前` over `2024年`).
    for hit in sorted(_collect(t, year), key=lambda h: (h.start, -(h.end - h.start))):
        if any(k.start <= hit.start < k.end or hit.start <= k.start < hit.end for k in kept):
            continue
        if hit.target and any(a <= hit.start < b for a, b in windows):
            continue
        if _blocked(t, hit, year, shields):
            continue
        kept.append(hit)
    if not kept:
        return None
    best = max(kept, key=lambda h: (h.day, not h.target))
    return Deadline(best.day.isoformat(), t[best.start : best.end])


def find_deadline(text: str, year: int | None) -> Deadline | None:
    """The completion deadline of a task text: the latest due date it states, else None."""
    if not text:
        return None
    return _choose(normalize(text), year)


_CELL_NONE = re.compile(r"长期|持续|常态|每[年月季周天日]|随时|定期|按要求|按计划")
# One dated point of a cell: 2023, 2023年6月, 2023.11, 2023/10/31, 2023-10-31, 2023年6月30日.
_CELL_POINT = re.compile(
    r"(?P<y>\d{4})(?:(?P<s>[.．/\-])(?P<m>\d{1,2})(?!\d)(?:(?P=s)(?P<d>\d{1,2})(?!\d))?"
    r"|年(?:(?P<m2>\d{1,2})月(?:(?P<d2>\d{1,2})[日号])?)?)?"
)
# A year-less end after the last point: `2023.4-11`, `2023年4月-11月底`.
_CELL_TAIL = re.compile(r"[-—－~～至到]+(\d{1,2})月?(?:底|末)?(?:前|之前|以前)?$")
_CELL_BARE_DATE = re.compile(rf"{_M}月份?(?:{_D}[日号]?)?")
_CELL_PHRASE = re.compile(r"半年|季度|旬|[日号](?:前|之前|以前)")


def deadline_from_cell(cell: str, year: int | None) -> Deadline | None:
    """The due date in a 完成时限 / 完成时间 / 建设工期 cell: the end of the period it names.

    `2023.4-2023.11` -> 2023-11-30; `2023年6月底` -> 2023-06-30; `2023年` -> 2023-12-31;
    `2023/10/31` -> that day; `长期` / `持续推进` -> None. Year-less cells (`6月底前`) and
    phrases (`上半年`) follow the text rules against `year`.
    """
    t = normalize(cell or "")
    t = re.sub(r"</?p>", "", t).replace("\u2029", "")
    if not t or _CELL_NONE.search(t):
        return None
    points = [m for m in _CELL_POINT.finditer(t) if 1900 < int(m.group(1)) < 2200]
    if not points or _CELL_PHRASE.search(t):
        found = find_deadline(t, year)
        bare = _CELL_BARE_DATE.fullmatch(t) if found is None and year is not None else None
        if bare:  # a 完成时限 cell holding only `6月30日` / `6月`: that date is the deadline
            mo, d = to_int(bare.group(1)), bare.group(2)
            day = _safe_date(year, mo, to_int(d) if d else None)
            return Deadline(day.isoformat(), t) if day else None
        return found
    last = points[-1]
    event = _EVENT_BEFORE_AFTER.match(t, last.end())
    # `2024年汛期前`, `2025年春节前`: before an event, no calendar date (`2024年以前` is one)
    if (
        not (last.group("m") or last.group("m2"))
        and event
        and not re.fullmatch(r"(?:之|以)?前", event.group())
    ):
        return None
    ends: list[date] = []
    for m in points:
        y, mon, d = int(m.group("y")), m.group("m") or m.group("m2"), m.group("d") or m.group("d2")
        end = date(y, 12, 31) if mon is None else _safe_date(y, int(mon), int(d) if d else None)
        if end is not None:
            ends.append(end)
    tail = _CELL_TAIL.search(t, points[-1].end())
    if tail and ends:
        latest = ends[-1]
        mo = int(tail.group(1))
        end = _safe_date(latest.year + (1 if mo < latest.month else 0), mo)
        if end is not None:
            ends.append(end)
    if not ends:
        return None
    return Deadline(max(ends).isoformat(), t)


def deadline_as_written(text: str, year: int | None) -> Deadline | None:
    """A deadline the clerk typed, read by the rules extraction reads a 完成时限 cell with.

    `2025年12月底前` -> 2025-12-31; `年底前` / `10月31日` -> in `year` (the document's);
    `2025-12-31`, `2025/12/31`, `2025.12.31` as they are. None when no date can be read
    (or a year-less phrase has no year to resolve against): the editor says so.
    """
    t = (text or "").strip()
    if not t:
        return None
    try:
        return Deadline(date.fromisoformat(t).isoformat(), t)
    except ValueError:
        return deadline_from_cell(t, year)


def deadline_of_cell(cell: str, year: int | None) -> Deadline | None:
    """The deadline a 完成时限 cell or label states.

    A bare value (`2024年6月底前`, `2019年10月`, `2023.4-2023.11`) is read as a cell; one
    worded as a sentence (`6月底前启动，12月底前完成`, `立法工作于2019年底前完成，其他工作于
    2020年4月前完成`) is read as prose, where a start is no deadline and the latest
    completion wins."""
    c = normalize(cell)
    if not c:
        return None
    dl = deadline_from_cell(cell, year)
    if dl is None or re.search(r"[，,；;]", c):
        prose = find_deadline(cell, year)
        if prose is not None:
            return prose
    return dl


# A covering notice that sets one date for the whole division of work: the rectification
# (or the work) is to be done, or its outcome reported, by then (`整改落实…情况于2016年5月20日前
# 反馈`, `请于6月30日前完成整改`). A report of mere progress (`贯彻落实情况…前报送`) is no
# completion date, so the sentence must speak of rectification or of all the tasks at once
# (`上述任务于…前完成`); one target's date (`12月底前完成批复立项`) is not such a date.
_COMMON_DATE = re.compile(
    rf"(?:于|在)?((?:{_Y}年)?{_M}月(?:{_D}[日号]|底|末))(?:之前|以前|前)"
    r"(?:将[^，。；;]{0,20})?(?:书面)?(?:反馈|报送|上报|报|完成|办结|整改到位)"
)
_COMMON_SUBJECT = re.compile(
    r"整改|(?:上述|以上|各项|所列|全部|附件)[^，。；;]{0,6}(?:任务|工作|问题|事项)"
)


def common_deadline(text: str, year: int | None) -> Deadline | None:
    """The one deadline a covering notice sets for every task it hands out, if it sets one
    (see `_COMMON_DATE`); None when it sets none or several."""
    found: list[Deadline] = []
    for sentence in re.split(r"[。！!？?\n]", normalize(text)):
        for m in _COMMON_DATE.finditer(sentence):
            if not _COMMON_SUBJECT.search(sentence[: m.start()]):
                continue
            dl = find_deadline(m.group(0), year)
            if dl is not None:
                found.append(dl)
    return found[0] if len({d.iso for d in found}) == 1 else None


# A campaign's window set before its tasks (`时间安排：5月20日至11月1日` under `整治时间及范围`,
# `专项整治工作…自2021年3月25日至6月20日`): every task of the campaign is due when the window
# closes. Only a span to the day or month counts (a span of bare years frames a policy,
# DOMAIN.md), and only where a campaign is framed — in the span's line or the short heading
# above it. A service's window (`集中供应时间为：10月1日-10月30日`) frames no campaign, and
# one 阶段 of a phased plan is not the campaign's close.
_WINDOW = re.compile(
    rf"(?P<start>(?:{_Y}年)?{_M}月(?:{_D}[日号])?|(?:本方案)?(?:发文|印发|下发)之日)(?:起)?"
    rf"(?:至|到|—|－|-|~|～)+"
    rf"(?P<end>(?:{_Y}年)?{_M}月(?:{_D}[日号]|底|末)?|{_D}[日号])"
)
_CAMPAIGN = re.compile(
    r"整治|专项行动|集中行动|行动时间|活动时间|攻坚|治理|清理|排查|整改|会战|百日|大检查"
)
# `…至6月24日，巡察组对…开展了巡察`: a window already past reports, it sets no due date.
_PAST = re.compile(r"了|已经|业已")
_WINDOW_NOT = re.compile(r"有效期|施行|执行期|减按|补贴|申报|受理|报名|公示|供应|开放")


def campaign_deadline(text: str, year: int | None) -> Deadline | None:
    """The close of the time window a campaign's preamble sets for all its work, or None.

    Read from the text before the first task only (the caller's job), so the dates of one
    task or of a later 步骤 section never leak into others. Several windows (the campaign
    and its 赛事期间) give the latest close, as several completion dates do.
    """
    best: tuple[date, str] | None = None
    previous = ""
    for raw in text.splitlines():
        line = normalize(raw)
        heading = previous if len(previous) <= 20 else ""
        previous = line
        if (not _CAMPAIGN.search(line) and not _CAMPAIGN.search(heading)) or "阶段" in line:
            continue
        for sentence in re.split(r"[。！!？?；;]", line):
            if _WINDOW_NOT.search(sentence) or _PAST.search(sentence):
                continue
            for m in _WINDOW.finditer(sentence):
                dl = _window_close(m.group("start"), m.group("end"), year)
                if dl is not None and (best is None or dl > best[0]):
                    best = (dl, m.group(0))
    return Deadline(best[0].isoformat(), best[1]) if best else None


def _window_close(start: str, end: str, year: int | None) -> date | None:
    """The last day of a window `start…end`; the end borrows the start's year and month."""
    if re.fullmatch(rf"{_D}[日号]", end):
        month = re.search(rf"{_M}月", start)
        end = (month.group(0) if month else "") + end
    start_year = re.match(rf"{_Y}年", start)
    if start_year and not re.match(rf"{_Y}年", end):
        end = start_year.group(0) + end
    if end.endswith("月"):
        end += "底"
    dl = find_deadline(end + "前", year)
    return date.fromisoformat(dl.iso) if dl else None
