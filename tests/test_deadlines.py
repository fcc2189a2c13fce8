"""Deadline rules of DOMAIN.md, on phrases copied from the seed gazettes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from core.fields.deadlines import Deadline, deadline_from_cell, find_deadline, month_end

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.mark.parametrize(
    ("text", "year", "iso", "printed"),
    [
        # dated completion phrases
        ("确保2023年10月底前完成全县农村冬季清洁取暖改造", 2023, "2023-10-31", "2023年10月底前"),
        ("2024年10月底前，化工园区评级达到C级", 2023, "2024-10-31", "2024年10月底前"),
        ("（12月31日前完成）", 2023, "2023-12-31", "12月31日前"),
        ("强化质量管理。(8月31日前完成)", 2023, "2023-08-31", "8月31日前"),
        ("并于2023年10月31日前将建议、提案办理落实情况", 2022, "2023-10-31", "2023年10月31日前"),
        ("10月31日前改造工程全部完成", 2023, "2023-10-31", "10月31日前"),
        ("县川片供水工程：12月底前完成批复立项。", 2023, "2023-12-31", "12月底前"),
        ("验收阶段。(2025年4月底前)", 2024, "2025-04-30", "2025年4月底前"),
        ("2024 年 6 月底前各行政执法机关要完成全员轮训", 2024, "2024-06-30", "2024年6月底前"),
        ("到2023年底之前，全县节水型企业建成率提高", 2023, "2023-12-31", "2023年底之前"),
        ("2023年2月底前完成", 2023, "2023-02-28", "2023年2月底前"),
        ("2024年2月底前完成", 2024, "2024-02-29", "2024年2月底前"),
        ("十月底前完成", 2023, "2023-10-31", "十月底前"),
        (
            "于今年10月31日前将10号文件出台前获批征地项目的养老保险补贴资金全部落实到位",
            2022,
            "2022-10-31",
            "10月31日前",
        ),
        ("“非农化”问题12月30前完成整改", 2023, "2023-12-30", "12月30前"),
        ("务于6月9日下午6点前将名单报送", 2023, "2023-06-09", "6月9日"),
        ("(三)分类处置阶段(2024年1月1日—2024年12月30日)", 2023, "2024-12-30", "2024年12月30日"),
        ("截至2024年底，力争累计建成5G基站300个", 2023, "2024-12-31", "2024年底"),
        ("二〇二三年十月底前完成", 2023, "2023-10-31", "二〇二三年十月底前"),
        ("9月中旬前完成", 2023, "2023-09-20", "9月中旬前"),
        ("今年底前完成", 2023, "2023-12-31", "今年底前"),
        # year-relative phrases
        ("推进综合减灾示范区创建，年内完成1个综合减灾示范区创建", 2023, "2023-12-31", "年内"),
        ("审批和政务服务效能督查，年底投用便民服务中心", 2023, "2023-12-31", "年底"),
        ("年底前完成整改", 2022, "2022-12-31", "年底前"),
        ("上半年完成项目招标", 2023, "2023-06-30", "上半年"),
        ("2023年上半年完成", 2022, "2023-06-30", "2023年上半年"),
        ("三季度末全部完工", 2023, "2023-09-30", "三季度末"),
        ("第一季度完成", 2023, "2023-03-31", "第一季度"),
        ("全年实施“户厕改造”1500座", 2023, "2023-12-31", "全年"),
        # year-scoped targets
        ("力争2023年行业企业标准化创建率达50%。", 2023, "2023-12-31", "2023年"),
        ("2023年新增规上工业企业5户", 2023, "2023-12-31", "2023年"),
        ("到2025年，县域公立医疗卫生机构床位达到", 2023, "2025-12-31", "2025年"),
        ("2023年我县计划打造统仓共配一体化示范县", 2023, "2023-12-31", "2023年"),
        ("上级部门下达我县2023年度免费送戏下乡演出任务数为102场", 2023, "2023-12-31", "2023年度"),
        ("2022年拟新创建2个3A级景区", 2022, "2022-12-31", "2022年"),
        # several completion dates -> the latest
        ("(2023年8月底前)调查阶段；(2024年2月底前)编报阶段", 2023, "2024-02-29", "2024年2月底前"),
        (
            "“非粮化”问题要求2024年6月30日前完成整改,“非农化”问题2024年12月30日前完成整改",
            2023,
            "2024-12-30",
            "2024年12月30日前",
        ),
        # a dated build-up inside a recurring duty keeps its date
        (
            "2024年底前每年至少开展一次“自选动作”执法监督，基本建成…工作体系",
            2024,
            "2024-12-31",
            "2024年底前",
        ),
    ],
)
def test_completion_deadlines(text: str, year: int, iso: str, printed: str) -> None:
    assert find_deadline(text, year) == Deadline(iso, printed)


@pytest.mark.parametrize(
    "text",
    [
        # starts are not deadlines
        "3. 5月启动中阳三中新校区建设",
        "支持厚通公司4月开工建设扩繁二场",
        "王家峁调蓄水库：10月底前开工建设。",
        "力促东山过境公路年内开工",
        "推动 2023 年开工建设中钢热轧项目",
        # a policy's validity window
        "四、2022 年至 2024 年将减按 50% 征收“六税两费”",
        # recurring duties
        "县安委会每月至少召开一次会议，分析安全形势，解决重大问题。",
        "不断完善应急预案体系，每年至少组织开展一次综合性演练。",
        "每年11月底前，各乡镇人民政府、县直有关部门报送",
        "县直各相关单位要在每月10日前对上月工作任务完成情况进行报送",
        "项目管理平台工作人员在次月2日前录入全国防返贫监测系统",
        "天气工作高质量发展，每年年底前将年度工作落实情况报送",
        # references to the past and durations
        "截止 2020 年底，兴县登记有效探矿权 12 个",
        "对近3年发生过较大事故的企业开展重点巡查。",
        "两年内未受到浪费用水处罚得2分",
        "自登记完成之日起一年内完成建设",
        "负有安全生产监管职责的部门要编制并落实年度执法计划",
        # signing, publication and event dates are not due dates
        "2023年3月27日",
        "项目于2021年8月30日取得《国家发展和改革委员会关于神木-安平煤层气管道工程项目核准的批复》",
        "接兴组干字〔2023〕61号文件通知,按照2023年10月12日中共兴县县委常委会议精神",
        # plan horizons, forecasts, a both-halves-of-every-year duty
        "统筹纳入正在编制的规划期至2035年国土空间规划及“一张图”",
        "预计2023年全县降水量375~602毫米,与历年同期比较,大部分地区接近常年",
        "在每年的上半年及下半年，要分别开展一次组织相关专业专家检查",
        "完成当年内部节水指标得2分",
        # a year named in passing is not a target
        "县级配套资金已列入2023年县级财政预算。",
        "2022年，对小微企业和个体工商户承租全县行政事业单位房屋的，免除租金",
        "标准由50元/人/月提高到70元/人/月，该标准从2023年1月1日起执行。",
        # titles are not targets
        "深入贯彻落实《全面提升医疗质量行动计划(2023-2025年)》",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert find_deadline(text, 2023) is None


def test_year_less_phrase_needs_a_year() -> None:
    assert find_deadline("10月31日前完成", None) is None
    assert find_deadline("年底前完成", None) is None
    # a phrase carrying its own year resolves without one
    assert find_deadline("2024年10月底前完成", None) == Deadline("2024-10-31", "2024年10月底前")


def test_past_year_target_is_background() -> None:
    # `2022年完成…` in a 2023 document reports what was done, it is not due.
    assert find_deadline("2022年完成造林5万亩", 2023) is None


@pytest.mark.parametrize(
    ("cell", "iso"),
    [
        ("2023.4-2023.11", "2023-11-30"),
        ("2023.4- 2023.12", "2023-12-31"),
        ("2022.11-2023.11", "2023-11-30"),
        ("2023.6-2024.8", "2024-08-31"),
        ("2023.1-2023.4", "2023-04-30"),
        ("2023/10/31", "2023-10-31"),
        ("2023-10-31", "2023-10-31"),
        ("2023年6月底", "2023-06-30"),
        ("6月底前", "2023-06-30"),
        ("2021年底", "2021-12-31"),
        ("2023年", "2023-12-31"),
        ("2023年12月", "2023-12-31"),
        ("2023.4-11", "2023-11-30"),
        ("2023.10-3", "2024-03-31"),
        ("2023年上半年", "2023-06-30"),
        ("<p>2023年6月30日</p>", "2023-06-30"),
        # a 建设起止年限 column: the end of its last year
        ("2022—2024", "2024-12-31"),
        ("2023", "2023-12-31"),
        ("2023年以前", "2023-12-31"),
    ],
)
def test_cells(cell: str, iso: str) -> None:
    d = deadline_from_cell(cell, 2023)
    assert d is not None and d.iso == iso
    assert " " not in d.text


@pytest.mark.parametrize(
    # before an event (`汛期前`, `春节前`) names no calendar date
    "cell",
    ["长期", "持续推进", "长期坚持", "每季度", "", "  ", "2023年汛期前", "2022年-2023年春节前"],
)
def test_cells_without_due_date(cell: str) -> None:
    assert deadline_from_cell(cell, 2023) is None


def test_month_end_knows_leap_years() -> None:
    assert month_end(2024, 2).day == 29 and month_end(2023, 2).day == 28


def test_project_table_build_periods_of_seed_002() -> None:
    """Every 建设工期 cell of the seed-002 project table against the hand-checked key."""
    gold = [json.loads(x) for x in (SHARED / "devset/002__project-table.jsonl").open()]
    seed = next((SHARED / "seeds").glob("002_*.txt")).read_text("utf-8").split("\n")
    header = seed[241].split("\t")
    col = header.index("建设工期")
    for g in gold:
        d = deadline_from_cell(seed[g["line"] - 1].split("\t")[col], g["doc_year"])
        assert d is not None and (d.iso, d.text) == (g["deadline"], g["deadline_text"]), g["line"]


def test_devset_task_texts() -> None:
    """Deadlines of the hand-checked task texts (000 table, 003 annotations) where the
    deadline is printed in the text itself."""
    for name in ("000__safety-attachment.jsonl", "003__law-enforcement-annotations.jsonl"):
        for line in (SHARED / "devset" / name).open():
            g = json.loads(line)
            if g["deadline_text"] and not re.sub(r"\s", "", g["text"]).count(g["deadline_text"]):
                continue  # printed inside the removed annotation; see test_annotation_deadline
            d = find_deadline(g["text"], g["doc_year"])
            assert (d.iso if d else None) == g["deadline"], (name, g["line"])


def test_annotation_deadline() -> None:
    ann = "（责任部门：各行政执法机关、各乡（镇）人民政府和县司法局按职责落实；2024年12月底前完成）"
    assert find_deadline(ann, 2024) == Deadline("2024-12-31", "2024年12月底前")


@pytest.mark.parametrize(
    ("text", "year", "iso", "printed"),
    [
        # the year after the document's
        ("明年底前完成改造", 2023, "2024-12-31", "明年底前"),
        ("明年6月底前建成投用", 2023, "2024-06-30", "明年6月底前"),
        ("次年3月底前完成验收", 2023, "2024-03-31", "次年3月底前"),
        # a whole-year target after a completion verb (seed 000 duty list)
        (
            "协调相关部门配合税务部门做好欠税管理工作，努力完成全年收入目标",
            2023,
            "2023-12-31",
            "全年",
        ),
        ("努力完成全年计划", 2023, "2023-12-31", "全年"),
        # the year named before 全年 is the year meant
        ("2023年全年新增就业1000人", 2023, "2023-12-31", "2023年"),
        # a year's assigned quota stated further on in the clause (seed 000 report list)
        (
            "上级部门下达我县2023年在人流密集公共场所配置自动体外除颤器（AED）任务数为6台",
            2023,
            "2023-12-31",
            "2023年",
        ),
    ],
)
def test_deadline_wordings_found_in_the_audit(text: str, year: int, iso: str, printed: str) -> None:
    assert find_deadline(text, year) == Deadline(iso, printed)


@pytest.mark.parametrize(
    "text",
    [
        # 全年计划 as a noun: data to provide, not a target (seed 000 duty list)
        "负责提供全县重点收入项目相关数据，县本级国有土地使用权出让收入全年计划、分月进度等情况",
        # a whole year already past is a review
        "去年全年完成投资5亿元",
        "2022年全年完成造林5万亩",
        "过去一年，全年完成固定资产投资30亿元",
        # a year introduced by what it is, not by a target
        "2023年是全面贯彻落实党的二十大精神的开局之年，做好财政经济工作意义重大",
        # a yearly duty with a next-year step, and a start
        "每年12月底前报送，次年3月底前公布",
        "明年起实施",
    ],
)
def test_not_deadlines_found_in_the_audit(text: str) -> None:
    assert find_deadline(text, 2023) is None


@pytest.mark.parametrize(("cell", "iso"), [("6月30日", "2024-06-30"), ("9月", "2024-09-30")])
def test_bare_month_cells_take_the_document_year(cell: str, iso: str) -> None:
    assert deadline_from_cell(cell, 2024) == Deadline(iso, cell)


@pytest.mark.parametrize(
    ("text", "iso", "printed"),
    [
        ("负责资金监管，第三季度开展一次专项检查。", "2024-09-30", "第三季度"),
        ("上半年开展一次应急演练。", "2024-06-30", "上半年"),
    ],
)
def test_one_off_action_in_a_named_period_is_due_by_its_end(
    text: str, iso: str, printed: str
) -> None:
    assert find_deadline(text, 2024) == Deadline(iso, printed)


@pytest.mark.parametrize(
    "text",
    [
        "每季度开展一次专项检查。",  # recurring
        "5月开展专项整治，持续巩固成效。",  # a start
        "明年春节前实现欠薪动态清零。",  # before an event whose date is not printed
        "次年汛期前完成隐患整治。",
    ],
)
def test_recurring_starts_and_event_anchored_phrases_have_no_deadline(text: str) -> None:
    assert find_deadline(text, 2024) is None


@pytest.mark.parametrize(
    ("notice", "iso"),
    [
        # the window under a 整治时间 heading; the 赛事期间 inside it closes earlier
        (
            "二、整治时间及范围\n时间安排：5月20日至11月1日，特别是（10月18日—27日赛事期间）",
            "2015-11-01",
        ),
        ("四、整治时间\n专项整治工作在3个月内完成，自2021年3月25日至6月20日。", "2021-06-20"),
        ("开展安全隐患大排查，时间为2023年4月至6月。", "2023-06-30"),
        ("二、行动时间\n自发文之日起至11月30日。", "2015-11-30"),
        # a service's window, a policy's years, a phase and a past inspection set no close
        ("二、供应时间\n2023 年度冬季清洁煤取暖集中供应时间为：10 月 1 日-10 月 30 日。", None),
        ("2022年至2024年，减按50%征收", None),
        ("（二）整治阶段（2017年3月至2018年3月开展深入整治；2018年4月至2019年10月深化提升）", None),
        (
            "2020年5月25日至6月24日，第二巡察组对区办公室开展了巡察。现将巡察整改情况予以公布。",
            None,
        ),
    ],
)
def test_campaign_window_closes_every_task(notice: str, iso: str | None) -> None:
    from core.fields.deadlines import campaign_deadline

    dl = campaign_deadline(notice, 2015)
    assert (dl.iso if dl else None) == iso


def test_campaign_window_reaches_only_tasks_without_their_own_date(tmp_path: Path) -> None:
    from core.pipeline import extract_file

    text = (
        "关于开展城乡环境综合整治的实施意见\n"
        "一、整治时间\n"
        "时间安排：2023年5月20日至11月1日。\n"
        "二、整治任务\n"
        "1.老城区环境卫生整治。集中清理卫生死角。（责任单位：县城管局）\n"
        "2.交通秩序整治。2023年8月31日前完成标线施划。（责任单位：县公安局）\n"
    )
    path = tmp_path / "campaign.txt"
    path.write_text(text, encoding="utf-8")
    tasks = extract_file(path).tasks
    assert [(t.lead_units, t.deadline) for t in tasks] == [
        (["县城管局"], "2023-11-01"),
        (["县公安局"], "2023-08-31"),
    ]
