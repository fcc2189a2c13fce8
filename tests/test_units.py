"""Lead/support units, on units cells and annotations copied from the seeds."""

from __future__ import annotations

import re

import pytest

from core.fields.units import (
    first_listed_leads,
    is_unit_name,
    lead_mark,
    looks_like_unit,
    parse_units,
)
from core.finders.prose.text_annotations import Segment, segments, split_annotation
from core.finders.prose.text_outline import build_outline
from core.text.lines import PARA_SEP, SourceLine


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        # lead / support markers
        (
            "（责任单位：县水利局牵头，县发改局、县工信局、县能源局等部门配合）",
            ["县水利局"],
            ["县发改局", "县工信局", "县能源局"],
        ),
        (
            "(责任单位:县委宣传部、县水利局、县融媒体中心牵头,县教科局、县机关事务服务中心等部门配合)",
            ["县委宣传部", "县水利局", "县融媒体中心"],
            ["县教科局", "县机关事务服务中心"],
        ),
        (
            "县住建局牵头，县公安局、县自然资源规划局、县农业农村局等部门分工负责",
            ["县住建局"],
            ["县公安局", "县自然资源规划局", "县农业农村局"],
        ),
        ("县应急管理局牵头，相关部门按照职责做好配合", ["县应急管理局"], ["相关部门"]),
        (
            "（责任部门：县司法局牵头，各行政执法机关、各乡（镇）人民政府落实）",
            ["县司法局"],
            ["各行政执法机关", "各乡（镇）人民政府"],
        ),
        (
            "由市生态环境局兴县分局指导，县水利局、兴县水务投资建设有限公司配合",
            ["市生态环境局兴县分局"],
            ["县水利局", "兴县水务投资建设有限公司"],
        ),
        ("县发改局、县财政局分别牵头", ["县发改局", "县财政局"], []),
        # no marker: everyone leads
        ("（县工科局、县文旅局负责）", ["县工科局", "县文旅局"], []),
        ("县直各部门，各乡镇", ["县直各部门", "各乡镇"], []),
        (
            "(责任单位：县小企业发展促进中心、县市场监督管理局、县财政局，稷山经开区管委会)",
            ["县小企业发展促进中心", "县市场监督管理局", "县财政局", "稷山经开区管委会"],
            [],
        ),
        (
            "（责任部门：各行政执法机关、各乡（镇）人民政府和县司法局按职责落实；2024年12月底前完成）",
            ["各行政执法机关", "各乡（镇）人民政府", "县司法局"],
            [],
        ),
        (
            "（责任部门：县财政局、县司法局及其他行政执法机关，各乡镇（镇）人民政府）",
            ["县财政局", "县司法局", "其他行政执法机关", "各乡镇（镇）人民政府"],
            [],
        ),
        (
            "（责任单位：县市场监管局、县工信局、县委宣传部等）",
            ["县市场监管局", "县工信局", "县委宣传部"],
            [],
        ),
        ("县安委办及安委会相关成员单位", ["县安委办", "安委会相关成员单位"], []),
        ("<p>县委办及有关各部门,各乡(镇)</p>", ["县委办", "有关各部门", "各乡(镇)"], []),
        ("县人力资源和社会保障局", ["县人力资源和社会保障局"], []),
        ("县应急管理局、县规划和自然资源局", ["县应急管理局", "县规划和自然资源局"], []),
        # action phrases glued to the last name
        (
            "各行业主管部门、负有安全监管职责的部门督促企业落实并纳入检查内容开展检查",
            ["各行业主管部门", "负有安全监管职责的部门"],
            [],
        ),
        (
            "各行业主管部门、负有安全监管职责的部门组织开展,督促企业落实“五到位”并对企业隐患排查治理情况开展检查",
            ["各行业主管部门", "负有安全监管职责的部门"],
            [],
        ),
        (
            "各负有安全监管职责的部门 各负有安全监管职责的部门 "
            "各行业主管部门、负有安全监管职责的部门",
            ["各负有安全监管职责的部门", "各行业主管部门", "负有安全监管职责的部门"],
            [],
        ),
        # extraction damage
        (
            "县 发 改 局、 县 工 信 局、 县 行 政 审 批 局、 县 应 急 管 理 局 等 部 门",
            ["县发改局", "县工信局", "县行政审批局", "县应急管理局"],
            [],
        ),
        ("县 直 有 关 部 门, 各 乡 (镇)", ["县直有关部门", "各乡(镇)"], []),
        ("乡村 振兴局", ["乡村振兴局"], []),
        (
            "县工信局、县公安局、市生态环境局、局兴县分局、县住建局",
            ["县工信局", "县公安局", "市生态环境局兴县分局", "县住建局"],
            [],
        ),
        (
            "县应急管理局、县财政局、县自然资源源局、县发改局",
            ["县应急管理局", "县财政局", "县自然资源局", "县发改局"],
            [],
        ),
        (
            "县应急管理局、县自然资源局、县气象局的、县水利局",
            ["县应急管理局", "县自然资源局", "县气象局", "县水利局"],
            [],
        ),
        ("（责任部门：县水利局、县\n林业局、县文旅局）", ["县水利局", "县林业局", "县文旅局"], []),
        ("县水利局 县发改局", ["县水利局", "县发改局"], []),
        ("责任单位：住建局、公用事业发\n\n展服务中心", ["住建局", "公用事业发展服务中心"], []),
        # names kept as printed
        ("县气象", ["县气象"], []),
        ("兴县县委办、市市场监督管理局兴县分局", ["兴县县委办", "市市场监督管理局兴县分局"], []),
        ("", [], []),
    ],
)
def test_parse_units(text: str, lead: list[str], support: list[str]) -> None:
    u = parse_units(text)
    assert (u.lead, u.support) == (lead, support)


def test_para_sep_separates_groups() -> None:
    u = parse_units(f"县应急管理局、县工信局{PARA_SEP}县应急管理局、县人社局")
    assert u.lead == ["县应急管理局", "县工信局", "县人社局"]


def test_first_is_lead() -> None:
    u = parse_units("县水利局、县发改局、县财政局", first_is_lead=True)
    assert (u.lead, u.support) == (["县水利局"], ["县发改局", "县财政局"])
    # an explicit marker wins over the document-wide rule
    u = parse_units("县发改局、县财政局牵头，县水利局配合", first_is_lead=True)
    assert (u.lead, u.support) == (["县发改局", "县财政局"], ["县水利局"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各项任务责任单位中，列第一位的为牵头单位，其他为配合单位。", True),
        ("责任单位排在第一位的为牵头单位", True),
        ("排名第一的为牵头单位", True),
        ("第一个单位为牵头单位", True),
        ("涉及多个部门的，列首位的部门为牵头部门", True),
        ("涉及多个部门的，第一个部门为牵头部门", True),
        ("县水利局牵头，县发改局配合", False),
        ("第一位的是关键", False),
    ],
)
def test_first_listed_leads(text: str, expected: bool) -> None:
    assert first_listed_leads(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "县水利局",
        "县委办",
        "县安委办",
        "各乡镇",
        "各乡（镇）人民政府",
        "县直各部门",
        "县消防救援大队",
        "稷山经开区管委会",
        "县机关事务服务中心",
        "兴县水务投资建设有限公司",
        "公路段",
        "县人民法院",
        "有关各部门",
        "国家金融监督管理总局交城监管支局",
    ],
)
def test_looks_like_unit(text: str) -> None:
    assert looks_like_unit(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "县",
        "完成全县农村冬季清洁取暖改造",
        "督促企业落实",
        "2023年底前",
        "加强组织领导。",
        "严格规划水资源论证和建设项目水资源论证管理，依法实行取水许可制度。",
    ],
)
def test_not_unit(text: str) -> None:
    assert not looks_like_unit(text)


def test_every_seed_annotation_yields_units(all_seeds: list) -> None:
    """Every complete （责任单位：…）/（责任部门：…） annotation in the seeds parses to units
    that each read as a unit name (or a short name kept as printed, like 县气象)."""
    ann = re.compile(
        r"[（(]\s*责任(?:单位|部门)\s*[:：][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]"
    )
    seen = 0
    for path in all_seeds:
        for m in ann.finditer(path.read_text("utf-8")):
            u = parse_units(m.group(0))
            assert u.lead, m.group(0)
            for name in u.lead + u.support:
                assert looks_like_unit(name) or len(name) <= 4, (m.group(0), name)
                assert not re.search(r"[，,；;：:（(]$|^[）)]", name), (m.group(0), name)
            seen += 1
    assert seen >= 50


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        # 组织 opens 县委组织部's own name (seed 003 annotation), it is no action phrase
        ("（责任单位：县委组织部、县发改局等）", ["县委组织部", "县发改局"], []),
        ("县委宣传部牵头，县委组织部配合", ["县委宣传部"], ["县委组织部"]),
        # `相关部门、单位` is one collective; the bare 单位 is no unit (seed 000 table)
        (
            "县应急局、县发改局、县能源局、地电兴县分公司，事发地乡（镇）政府及相关部门、单位",
            [
                "县应急局",
                "县发改局",
                "县能源局",
                "地电兴县分公司",
                "事发地乡（镇）政府",
                "相关部门",
            ],
            [],
        ),
        # a short whole unit followed by a fresh name is two units; a spaced name is one
        ("县委 县政府", ["县委", "县政府"], []),
        ("县委 宣传部", ["县委宣传部"], []),
        ("乡村 振兴局", ["乡村振兴局"], []),
        # a role printed in brackets after the name
        ("县人社局（牵头）、县财政局", ["县人社局"], ["县财政局"]),
        ("县住建局、县自然资源局（按职责分工负责）", ["县住建局", "县自然资源局"], []),
        # names that must stay apart (seed 004 annotation)
        (
            "人行稷山支行、运城银保监分局稷山监管组负责",
            ["人行稷山支行", "运城银保监分局稷山监管组"],
            [],
        ),
        ("生态环境保护委员会(生态环境分局)", ["生态环境保护委员会(生态环境分局)"], []),
    ],
)
def test_unit_wordings_found_in_the_audit(text: str, lead: list[str], support: list[str]) -> None:
    u = parse_units(text)
    assert (u.lead, u.support) == (lead, support)


def _segments(texts: list[str]) -> list[Segment]:
    """The segments of the first outline item of these lines (numbered from 1)."""
    lines = [SourceLine(i + 1, t, None) for i, t in enumerate(texts)]
    return segments(build_outline(lines)[0])


def test_labelled_units_line_cut_inside_a_name_is_rejoined() -> None:
    """Seed 000 report list: `责任单位：住建局、公用事业发` / `展服务中心` (page break)."""
    texts = [
        "19. 建设环卫工人爱心驿站20个。",
        "分管领导：马兴勇",
        "责任单位：住建局、公用事业发",
        "展服务中心",
    ]
    [seg] = _segments(texts)
    units_text, _ = split_annotation(seg.annotation)
    assert parse_units(units_text).lead == ["住建局", "公用事业发展服务中心"]
    assert seg.text == "建设环卫工人爱心驿站20个。" and seg.claimed == {1, 3, 4}


def test_labelled_units_line_wrapped_after_a_separator_goes_on() -> None:
    """devset2 pt_haiyang_2016 as text copied from its PDF (pdftotext): every line breaks at
    the page's width, so a long units list goes on over the next line after its `、`."""
    texts = [
        "（三）打造特色海洋产业园区，继续推进平潭国际海洋产业园等园区建设，加强项目引",
        "进，加快培育特色优势海洋产业链。",
        "责任单位：经济发展局牵头，各片区项目建设指挥部、环境与国土资源局、财政金融局、",
        "交通与建设局、社会事业局、农村发展局、旅游发展局配合",
        "（四）重点发展海洋生物医药产业，推进海洋生物医药与制品的开发。",
    ]
    [seg] = _segments(texts)
    units = parse_units(split_annotation(seg.annotation)[0])
    assert units.lead == ["经济发展局"]
    assert units.support[-4:] == ["交通与建设局", "社会事业局", "农村发展局", "旅游发展局"]
    assert seg.claimed == {1, 2, 3, 4}


def test_a_sentence_after_a_units_line_is_no_part_of_it() -> None:
    texts = [
        "1.加强海洋环境监测。",
        "责任单位：农村发展局、",
        "加强监测站点建设，提升预警能力。",
    ]
    segs = _segments(texts)
    assert parse_units(split_annotation(segs[0].annotation)[0]).lead == ["农村发展局"]


@pytest.mark.parametrize(
    ("footnote", "mark"),
    [
        ("注：带*号的为牵头单位，其他为配合单位。", "*"),
        ("说明：标注“★”的单位为牵头单位", "★"),
        ("注：责任单位中加粗的为牵头单位。", None),  # no font survives extraction
        ("注：责任单位中排在第一位的为牵头单位。", None),
        ("各单位要于每季度末报送进展情况。", None),
    ],
)
def test_lead_mark_footnotes(footnote: str, mark: str | None) -> None:
    assert lead_mark(footnote) == mark


@pytest.mark.parametrize(
    ("cell", "lead", "support"),
    [
        ("县农业农村局*、县市场监管局", ["县农业农村局"], ["县市场监管局"]),
        ("县市场监管局、县农业农村局＊", ["县市场监管局", "县农业农村局"], []),
        ("县市场监管局", ["县市场监管局"], []),  # no mark in the cell: it leads
        ("县公安局牵头，县法院*配合", ["县公安局"], ["县法院"]),  # role words win
    ],
)
def test_marked_lead_units(cell: str, lead: list[str], support: list[str]) -> None:
    u = parse_units(cell, lead_mark="*")
    assert (u.lead, u.support) == (lead, support)


def test_with_makes_the_first_unit_lead() -> None:
    """`X会同Y` (DOMAIN.md): X leads, Y supports."""
    u = parse_units("县发改局会同县财政局、县税务局")
    assert (u.lead, u.support) == (["县发改局"], ["县财政局", "县税务局"])


@pytest.mark.parametrize(
    "sentence",
    ["注：责任单位中第一个单位为牵头单位。", "排在首位的为牵头单位", "列第一位的为牵头单位"],
)
def test_wordings_of_first_listed_lead(sentence: str) -> None:
    assert first_listed_leads(sentence)


def test_label_without_its_colon() -> None:
    from core.finders.prose.text_annotations import _with_colon

    assert _with_colon("牵头单位区交建局、区规划局") == "牵头单位：区交建局、区规划局"
    assert _with_colon("责任单位要加强组织领导") == "责任单位要加强组织领导"


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # a cell's spaces squeezed away: names run together, each still a unit of its own
        (
            "区农业农村委区林业局区供销联社区畜牧业发展中心",
            ["区农业农村委", "区林业局", "区供销联社", "区畜牧业发展中心"],
        ),
        ("市发展改革委市财政局", ["市发展改革委", "市财政局"]),
        # one joint office, and a unit with its brigade: not split
        ("县委县政府督查室", ["县委县政府督查室"]),
        ("县公安局交警大队", ["县公安局交警大队"]),
    ],
)
def test_names_run_together_are_split_only_into_whole_units(text: str, lead: list[str]) -> None:
    assert parse_units(text).lead == lead


@pytest.mark.parametrize("name", ["区属国有企业", "县属国企", "人行某县支行", "农发行某县支行"])
def test_collective_enterprises_and_bank_branches_are_units(name: str) -> None:
    assert is_unit_name(name)
    assert parse_units(f"区公安局牵头，{name}配合").support == [name]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("县农业农村局、县环保局，各乡镇按属地负责", ["县农业农村局", "县环保局", "各乡镇"]),
        ("县应急管理局、各乡镇按照属地原则落实", ["县应急管理局", "各乡镇"]),
        ("县直各部门按职责负责", ["县直各部门"]),
    ],
)
def test_territorial_and_duty_wrappers_are_no_part_of_a_name(text: str, lead: list[str]) -> None:
    assert parse_units(text).lead == lead


def test_a_whole_name_starting_like_a_tail_is_not_glued_to_the_one_before() -> None:
    """`委属部门单位` starts with 委 as a cut-off tail would, but is a name of its own; the
    doubled 局 of a page break (`市生态环境局、局兴县分局`) is still one name."""
    assert parse_units("各股室、委属部门单位").lead == ["各股室", "委属部门单位"]
    assert parse_units("市生态环境局、局兴县分局").lead == ["市生态环境局兴县分局"]


def test_no_unit_name_keeps_a_role_label_printed_inside_a_list() -> None:
    """`省牵头单位：省农业农村厅` inside a units cell: the unit is the name after the label."""
    from core.fields.units import parse_units

    assert parse_units("省牵头单位:省农业农村厅").lead == ["省农业农村厅"]
