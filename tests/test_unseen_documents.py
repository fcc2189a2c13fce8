"""Single notices in the style of other counties, run through the real CLI.

The seeds come from four counties; the application must read task divisions from anywhere.
These fixtures (our own text, tests/fixtures_unseen/) name and order their columns
differently, wrap a header over two lines, print a pipe table, read units by a
first-listed-leads footnote, number sub-items ①②③, and carry inline annotations or a
《政府工作报告》 list with other heading words. Each test asserts every record of the notice
(field values by the rules of DOMAIN.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from seedfiles import ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures_unseen"

# (ref, group, leader, text, lead units, support units, deadline, [(yuan, per)])
Record = tuple[str, str | None, str | None, str, list[str], list[str], str | None, list]


@cache
def _extract(name: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "core", "extract", str(FIXTURES / name), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def _records(data: dict) -> list[Record]:
    return [
        (
            t["ref"],
            t["group"],
            t["leader"],
            t["text"],
            t["lead_units"],
            t["support_units"],
            t["deadline"],
            [(a["yuan"], a["per"]) for a in t["amounts"]],
        )
        for t in data["tasks"]
    ]


def _check(name: str, doc: str, section: str | None, kind: str, expected: list[Record]) -> None:
    """The notice's one document, the section and kind of all its tasks, every record."""
    data = _extract(name)
    assert [d["doc_number"] for d in data["documents"]] == [doc]
    assert {(t["doc_number"], t["kind"]) for t in data["tasks"]} == {(doc, kind)}
    if section is not None:  # inline tasks take the heading they sit under
        assert {t["section"] for t in data["tasks"]} == {section}
    assert _records(data) == expected


def test_key_tasks_with_lead_support_and_deadline_words() -> None:
    """序号 · 重点任务 · 具体措施 · 牵头单位 · 配合单位 · 完成时限; 长期坚持 and 每季度 are no
    deadline, `2024年12月` ends that month."""
    _check(
        "notice_a_key_tasks.txt",
        "临政办发〔2024〕12号",
        "附件 优化营商环境攻坚行动重点任务分工",
        "table",
        [
            (
                "1",
                None,
                None,
                "压缩企业开办时间：推行企业开办“一网通办”，将企业开办时间压缩至1个工作日以内。",
                ["县行政审批局"],
                ["县市场监管局", "县税务局"],
                "2024-06-30",
                [],
            ),
            (
                "2",
                None,
                None,
                "规范涉企收费：全面清理规范涉企收费项目，建立收费目录清单并向社会公开。",
                ["县发改局"],
                ["县财政局"],
                "2024-09-30",
                [],
            ),
            (
                "3",
                None,
                None,
                "落实惠企资金：设立县级中小企业发展专项资金500万元，及时兑现各项奖补政策。",
                ["县财政局"],
                ["县工信局", "县科技局"],
                None,
                [(5000000.0, None)],
            ),
            (
                "4",
                None,
                None,
                "开展政企恳谈：每季度召开一次政企恳谈会，现场协调解决企业诉求。",
                ["县工商联"],
                ["县直各有关部门"],
                None,
                [],
            ),
            (
                "5",
                None,
                None,
                "建设信用体系：完成县级公共信用信息平台升级改造。",
                ["县发改局"],
                ["县大数据中心"],
                "2024-12-31",
                [],
            ),
        ],
    )


def test_single_units_column_with_first_listed_footnote() -> None:
    """序号 · 工作任务 · 责任单位 · 时间节点, `列第一位的为牵头单位` under the table."""
    _check(
        "notice_b_first_listed.txt",
        "平政办发〔2024〕7号",
        "附件 2024年农村人居环境整治任务分工表",
        "table",
        [
            (
                "1",
                None,
                None,
                "完成农村户厕改造2000座，每座补助1500元。",
                ["县农业农村局"],
                ["县财政局", "各乡镇"],
                "2024-10-31",
                [(1500.0, "座")],
            ),
            (
                "2",
                None,
                None,
                "开展村庄清洁行动，集中清理农村生活垃圾和河塘沟渠。",
                ["各乡镇"],
                ["县住建局"],
                None,
                [],
            ),
            (
                "3",
                None,
                None,
                "推进农村生活污水治理，新建污水处理设施15处。",
                ["县生态环境分局"],
                ["县水利局"],
                "2024-11-30",
                [],
            ),
            ("4", None, None, "组织开展人居环境整治考核评比。", ["县委农办"], [], None, []),
        ],
    )


def test_task_name_beside_work_content_and_responsible_department() -> None:
    """序号 · 任务名称 · 工作内容 · 责任部门 · 完成时间: no lead marker, every unit leads."""
    _check(
        "notice_c_task_name_content.txt",
        "东政发〔2024〕3号",
        "附件 2024年安全生产工作任务分解表",
        "table",
        [
            (
                "1",
                None,
                None,
                "隐患排查：组织开展危险化学品、燃气、建筑施工等重点行业领域安全隐患大排查。",
                ["县应急管理局"],
                [],
                "2024-06-30",
                [],
            ),
            (
                "2",
                None,
                None,
                "宣传教育：开展“安全生产月”活动，组织企业主要负责人集中培训。",
                ["县应急管理局", "县委宣传部"],
                [],
                "2024-06-30",
                [],
            ),
            (
                "3",
                None,
                None,
                "道路交通：整治农村道路交通安全隐患路段30处。",
                ["县交通运输局", "县公安局交警大队"],
                [],
                "2024-12-31",
                [],
            ),
            (
                "4",
                None,
                None,
                "消防安全：完成九小场所消防安全专项检查。",
                ["县消防救援大队"],
                [],
                "2024-06-30",
                [],
            ),
        ],
    )


def test_leader_column_and_unfamiliar_task_header() -> None:
    """民生实事 · 分管县领导 · 牵头单位 · 协办单位 · 完成时限; an empty 协办单位 cell."""
    _check(
        "notice_d_leader_column.txt",
        "青政办发〔2024〕21号",
        "附件 2024年重点民生实事任务分解表",
        "table",
        [
            (
                "1",
                None,
                "赵六副县长",
                "新建城区幼儿园2所，新增学位540个。",
                ["县教育局"],
                ["县住建局", "县自然资源局"],
                "2024-08-31",
                [],
            ),
            (
                "2",
                None,
                "赵六副县长",
                "为城乡居民免费开展“两癌”筛查5000人。",
                ["县卫健局"],
                ["县妇联"],
                "2024-11-30",
                [],
            ),
            (
                "3",
                None,
                "孙七副县长",
                "改造城镇老旧小区12个，总投资3200万元。",
                ["县住建局"],
                ["县财政局", "各社区"],
                "2024-12-31",
                [(32000000.0, None)],
            ),
            (
                "4",
                None,
                "孙七副县长",
                "新增城镇就业岗位1500个。",
                ["县人社局"],
                [],
                "2024-12-31",
                [],
            ),
        ],
    )


def test_markdown_pipe_table_with_lead_marker_in_cell() -> None:
    _check(
        "notice_e_pipe_table.txt",
        "南政办函〔2024〕15号",
        "附件 南湖县2024年河湖长制工作任务清单",
        "table",
        [
            (
                "1",
                None,
                None,
                "河湖“四乱”整治：开展河湖“清四乱”常态化行动，清理整治问题点位。",
                ["县水利局"],
                ["各乡镇"],
                "2024-10-31",
                [],
            ),
            (
                "2",
                None,
                None,
                "水质监测：每月对重点河段开展水质监测并通报结果。",
                ["县生态环境分局"],
                [],
                None,
                [],
            ),
            (
                "3",
                None,
                None,
                "岸线管理：完成主要河道管理范围划定复核工作。",
                ["县水利局", "县自然资源局"],
                [],
                "2024-06-30",
                [],
            ),
        ],
    )


def test_header_wrapped_over_two_lines() -> None:
    """`重点 / 任务`, `牵头 / 单位`, `完成 / 时限`: the header cells wrapped onto a second line."""
    _check(
        "notice_f_split_header.txt",
        "石政办发〔2024〕9号",
        "附件 森林防灭火重点工作任务分工",
        "table",
        [
            (
                "1",
                None,
                None,
                "火源管控：清明节期间在重点林区入口设立检查站，严查野外违规用火。",
                ["县林业局"],
                ["县公安局", "各乡镇"],
                "2024-04-30",
                [],
            ),
            (
                "2",
                None,
                None,
                "队伍建设：组建乡镇半专业扑火队，每队不少于20人，配发扑火机具。",
                ["县应急管理局"],
                ["各乡镇"],
                "2024-03-31",
                [],
            ),
            (
                "3",
                None,
                None,
                "物资储备：县级储备风力灭火机100台，购置资金40万元由县财政保障。",
                ["县财政局"],
                ["县林业局"],
                "2024-03-31",
                [(400000.0, None)],
            ),
        ],
    )


def test_circled_sub_items_take_units_paragraph_by_paragraph() -> None:
    """①②③ in one cell, one `<p>` units paragraph each; 排在第一位的为牵头单位."""
    _check(
        "notice_g_circled_subitems.txt",
        "云政办发〔2024〕33号",
        "附件 2024年食品安全工作重点任务分工",
        "table",
        [
            (
                "1/(1)",
                None,
                None,
                "开展校园食品安全守护行动，实现学校食堂“明厨亮灶”全覆盖。",
                ["县教育局"],
                ["县市场监管局"],
                "2024-12-31",
                [],
            ),
            ("1/(2)", None, None, "加强农村集体聚餐备案管理。", ["各乡镇"], [], "2024-12-31", []),
            (
                "1/(3)",
                None,
                None,
                "开展农贸市场快检，全年完成快检5000批次。",
                ["县市场监管局"],
                [],
                "2024-12-31",
                [],
            ),
            ("2/(1)", None, None, "严厉打击食品安全违法犯罪。", ["县公安局"], [], None, []),
            (
                "2/(2)",
                None,
                None,
                "建立食品安全有奖举报制度，单次奖励最高5000元。",
                ["县市场监管局"],
                ["县财政局"],
                None,
                [(5000.0, None)],
            ),
        ],
    )


def test_inline_lead_and_support_annotations() -> None:
    """`（牵头单位：县发改局；配合单位：县财政局、县统计局）` after each measure."""
    _check(
        "notice_h_inline_annotations.txt",
        "安政办发〔2024〕18号",
        None,  # 一、扩大有效投资 / 二、促进消费回暖
        "inline",
        [
            (
                "一/1",
                "扩大有效投资",
                None,
                "加快重点项目建设。全年实施亿元以上重点项目40个，完成固定资产投资50亿元。",
                ["县发改局"],
                ["县财政局", "县统计局"],
                "2024-12-31",
                [(5000000000.0, None)],
            ),
            (
                "一/2",
                "扩大有效投资",
                None,
                "强化项目要素保障。优先保障重点项目用地指标，2024年9月底前完成土地报批。",
                ["县自然资源局"],
                ["县住建局"],
                "2024-09-30",
                [],
            ),
            (
                "二/3",
                "促进消费回暖",
                None,
                "开展促消费活动。安排消费券资金300万元，分批次发放。",
                ["县商务局"],
                ["县财政局", "县市场监管局"],
                None,
                [(3000000.0, None)],
            ),
            (
                "二/4",
                "促进消费回暖",
                None,
                "培育夜间经济。年底前打造夜间消费街区2条。",
                ["县商务局", "各乡镇"],
                [],
                "2024-12-31",
                [],
            ),
        ],
    )


def test_work_report_list_with_other_heading_words() -> None:
    """`一、王五副县长分管的工作` → `（一）县发展和改革局牵头` → numbered items running on."""
    data = _extract("notice_i_report_list.txt")
    assert {t["kind"] for t in data["tasks"]} == {"list"}
    assert _records(data) == [
        (
            "一/(一)/1",
            "县发展和改革局牵头",
            "王五副县长",
            "全年地区生产总值增长6%以上。",
            ["县发展和改革局"],
            [],
            "2024-12-31",
            [],
        ),
        (
            "一/(一)/2",
            "县发展和改革局牵头",
            "王五副县长",
            "争取中央预算内投资2亿元以上。",
            ["县发展和改革局"],
            [],
            None,
            [(200000000.0, None)],
        ),
        (
            "一/(二)/3",
            "县统计局牵头",
            "王五副县长",
            "完成第五次全国经济普查入户登记工作。",
            ["县统计局"],
            [],
            None,
            [],
        ),
        (
            "二/(一)/4",
            "县教育局牵头",
            "李四副县长",
            "新建改扩建中小学校3所，2024年8月底前投入使用。",
            ["县教育局"],
            [],
            "2024-08-31",
            [],
        ),
        (
            "二/(二)/5",
            "县卫生健康局牵头",
            "李四副县长",
            "推进紧密型县域医共体建设，年底前实现乡镇卫生院全覆盖。",
            ["县卫生健康局"],
            [],
            "2024-12-31",
            [],
        ),
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_every_fixture_line_with_a_unit_is_found(name: str) -> None:
    """No fixture is silently dropped: each yields tasks from its one document."""
    data = _extract(name)
    assert len(data["documents"]) == 1
    assert data["tasks"] and all(t["lead_units"] for t in data["tasks"])


def test_category_rows_page_break_and_second_table_of_names() -> None:
    """`一、…` rows group nothing but are no task; sub-item (3) continues on the next page
    under a repeated header; the 联络员 name list of 附件2 yields no task."""
    _check(
        "notice_j_categories_page_break.txt",
        "北政办发〔2024〕26号",
        "附件 北川县2024年乡村振兴重点工作任务清单",
        "table",
        [
            (
                "1",
                "一、巩固拓展脱贫攻坚成果",
                "周八副县长",
                "防返贫监测：健全防止返贫动态监测和帮扶机制，每月开展一次集中排查，做到应纳尽纳。",
                ["县乡村振兴局"],
                [],
                None,
                [],
            ),
            (
                "2/(1)",
                "产业帮扶",
                "周八副县长",
                "扶持发展食用菌、中药材等特色产业基地10个；",
                ["县农业农村局"],
                [],
                "2024-11-30",
                [],
            ),
            (
                "2/(2)",
                "产业帮扶",
                "周八副县长",
                "培育带贫龙头企业5家。",
                ["县工信局"],
                [],
                "2024-11-30",
                [],
            ),
            (
                "2/(3)",
                "产业帮扶",
                "周八副县长",
                "新建冷链仓储设施3处，补助资金120万元。",
                ["县商务局"],
                [],
                "2024-11-30",
                [(1200000.0, None)],
            ),
            (
                "3",
                "二、推进乡村建设",
                "吴九副县长",
                "道路建设：新改建农村公路50公里，完成危桥改造8座。",
                ["县交通运输局"],
                [],
                "2024-10-31",
                [],
            ),
            (
                "4",
                "二、推进乡村建设",
                "吴九副县长",
                "供水保障：实施农村供水保障工程12处，提升农村自来水普及率至95%。",
                ["县水利局"],
                [],
                "2024-09-30",
                [],
            ),
        ],
    )


def test_lead_beside_responsible_column_with_numbered_unit_groups() -> None:
    """`牵头单位 · 责任单位`: the second lists who shares the work, numbered `①…②…` /
    `（1）…（2）…` like the sub-items beside it."""
    _check(
        "notice_k_numbered_unit_groups.txt",
        "西政办发〔2024〕40号",
        "附件 重点任务分工表",
        "table",
        [
            (
                "1/(1)",
                "招商引资",
                None,
                "全年引进亿元以上项目10个。",
                ["县商务局"],
                ["县发改局", "县工信局"],
                "2024-12-31",
                [],
            ),
            (
                "1/(2)",
                "招商引资",
                None,
                "举办招商推介会3场。",
                ["县商务局"],
                ["县文旅局"],
                "2024-12-31",
                [],
            ),
            (
                "2/(1)",
                "人才引进",
                None,
                "引进高层次人才20名；",
                ["县人才办"],
                ["县人社局"],
                "2024-11-30",
                [],
            ),
            (
                "2/(2)",
                "人才引进",
                None,
                "建设人才公寓100套，总投资2000万元。",
                ["县人才办"],
                ["县住建局"],
                "2024-11-30",
                [(20000000.0, None)],
            ),
        ],
    )


def test_unit_wording_of_other_counties() -> None:
    _check(
        "notice_l_unit_wording.txt",
        "北岸政办发〔2024〕8号",
        "附件 2024年人才工作任务分工",
        "table",
        [
            (
                "1",
                None,
                None,
                "开展“引才回乡”活动，全年引进急需紧缺人才30名。",
                ["县委组织部", "县人社局"],
                [],
                "2024-12-31",
                [],
            ),
            (
                "2",
                None,
                None,
                "建设县级人才服务中心。",
                ["县人社局"],
                ["县财政局"],
                "2024-09-30",
                [],
            ),
            (
                "3",
                None,
                None,
                "落实人才住房保障政策。",
                ["县住建局", "县自然资源局"],
                [],
                "2024-10-31",
                [],
            ),
        ],
    )


def test_labelled_unit_paragraphs_and_numbering_restarting_per_category() -> None:
    """`牵头单位：…<p>配合单位：…</p>` in one cell; 序号 restarts at 1 under `二、…`."""
    _check(
        "notice_m_labelled_units_categories.txt",
        "松政办发〔2024〕14号",
        "附件 持续优化营商环境若干措施任务分工表",
        "table",
        [
            (
                "1",
                "一、优化政务服务",
                None,
                "推行“一件事一次办”改革，公布首批集成办理事项清单。",
                ["县行政审批局"],
                ["县直各有关部门"],
                "2024-06-30",
                [],
            ),
            (
                "1",
                "二、强化要素保障",
                None,
                "建立重点项目用地保障清单，实行动态管理。",
                ["县自然资源局"],
                ["县发改局"],
                "2024-05-31",
                [],
            ),
            (
                "2",
                "二、强化要素保障",
                None,
                "设立企业应急转贷资金2000万元。",
                ["县财政局"],
                [],
                "2024-08-31",
                [(20000000.0, None)],
            ),
        ],
    )


def test_table_without_seq_column_and_a_person_per_sub_item() -> None:
    """No 序号: a printed task name starts a row; `1.…<p>2.…</p>` items take the units and
    the 责任人 of their own paragraph; 排名第一的为牵头单位 under the table."""
    _check(
        "notice_n_no_seq_column.txt",
        "清政办发〔2024〕19号",
        "附件 大气污染防治工作任务分解表",
        "table",
        [
            (
                "(1)",
                "扬尘治理",
                None,
                "建筑工地全面落实“六个百分之百”。",
                ["县住建局"],
                [],
                "2024-12-31",
                [],
            ),
            (
                "(2)",
                "扬尘治理",
                None,
                "城区主次干道每日机械化清扫两次。",
                ["县城管局"],
                [],
                "2024-12-31",
                [],
            ),
            ("(3)", "扬尘治理", None, "加强渣土运输车辆管理。", ["县公安局交警大队"], [], None, []),
            (
                None,
                None,
                None,
                "工业治理：完成钢铁企业超低排放改造。",
                ["县工信局"],
                ["县生态环境分局"],
                "2024-10-31",
                [],
            ),
        ],
    )
    persons = [t["person"] for t in _extract("notice_n_no_seq_column.txt")["tasks"]]
    assert persons == ["张某", "李某", "王某", "赵某"]


def test_table_whose_units_are_annotations_in_the_details_cell() -> None:
    """No units column: each 工作内容 cell closes with `（责任单位：…）` / `（…负责）`."""
    _check(
        "notice_o_annotations_in_cells.txt",
        "长政办发〔2024〕23号",
        "附件 2024年农村基础设施提升重点工作清单",
        "table",
        [
            (
                "1",
                None,
                None,
                "农村供水：完成农村供水管网改造100公里，总投资1500万元。",
                ["县水利局"],
                [],
                "2024-10-31",
                [(15000000.0, None)],
            ),
            (
                "2",
                None,
                None,
                "农村电网：推进农村电网巩固提升工程。",
                ["县能源局"],
                ["国网长宁县供电公司"],
                "2024-12-31",
                [],
            ),
            (
                "3",
                None,
                None,
                "农村物流：建设村级寄递物流综合服务站50个。",
                ["县商务局", "县邮政分公司"],
                [],
                "2024-09-30",
                [],
            ),
        ],
    )


def test_deadline_cells_worded_as_sentences() -> None:
    """`6月底前启动，12月底前完成` ends in December (a start is no deadline);
    `持续推进，2024年底前…` and `…6月底前完成，长期坚持` keep their completion date."""
    data = _extract("notice_p_deadline_wording.txt")
    assert _records(data)[:3] == [
        (
            "1",
            None,
            None,
            "完成城区背街小巷改造20条。",
            ["县住建局"],
            ["县城管局"],
            "2024-12-31",
            [],
        ),
        (
            "2",
            None,
            None,
            "建成新时代文明实践站全覆盖。",
            ["县委宣传部"],
            ["各乡镇"],
            "2024-12-31",
            [],
        ),
        ("3", None, None, "规范城区占道经营。", ["县城管局"], ["县市场监管局"], "2024-06-30", []),
    ]


def test_bare_month_day_deadline_cell() -> None:
    [*_, last] = _records(_extract("notice_p_deadline_wording.txt"))
    assert last == (
        "4",
        None,
        None,
        "完成公益广告集中投放。",
        ["县委宣传部"],
        ["县住建局"],
        "2024-06-30",
        [],
    )


def test_project_table_with_a_year_in_a_money_header() -> None:
    """`2024年计划投资` is a column name, not a figure: the header is read, and bare money
    cells take the `单位：万元` printed on its own line above the table."""
    _check(
        "notice_q_year_labelled_money.txt",
        "清政办发〔2024〕9号",
        "附件 清河县2024年为民办实事项目表",
        "table",
        [
            (
                "1",
                "一、文化类",
                None,
                "乡镇综合文化站提升：改造乡镇综合文化站6个。",
                ["县文旅局"],
                [],
                "2024-10-31",
                [(6000000.0, None), (3000000.0, None)],
            ),
            (
                "2",
                "一、文化类",
                None,
                "农家书屋更新：为120个农家书屋补充图书。",
                ["县委宣传部", "各乡镇"],
                [],
                "2024-12-31",
                [(3000000.0, None), (2000000.0, None)],
            ),
        ],
    )


def test_goal_requirement_column_and_marked_lead_units() -> None:
    """`工作事项 · 目标要求`: the requirement is the text, the short matter its group; the
    footnote `标▲的为牵头单位` makes the marked units lead and the rest support (a mark after
    a pair of local governments covers the pair); the mark never stays in a name."""
    _check(
        "notice_r_marked_leads.txt",
        "柳政办发〔2024〕15号",
        "附件 柳溪县2024年河湖长制工作任务清单",
        "table",
        [
            (
                "1",
                None,
                None,
                "河道清障：清理河道违建和堆积物，年内完成清障30处。",
                ["县水利局"],
                ["县自然资源局"],
                "2024-11-30",
                [],
            ),
            (
                "2",
                None,
                None,
                "巡河履职：各级河长按规定频次巡河，问题整改率达到95%以上。",
                ["各乡镇人民政府", "街道办事处"],
                ["县水利局"],
                None,
                [],
            ),
            (
                "3",
                None,
                None,
                "水质监测：加密国省控断面水质监测，每月通报一次。",
                ["县生态环境分局"],
                [],
                None,
                [],
            ),
        ],
    )


def test_unit_pair_heading_leads_its_items_and_closing_paragraph_is_no_task() -> None:
    """`（一）X牵头，Y配合` heads the numbered items below it (their units, not a task of its
    own); the paragraph after the last item, addressed to every lead unit, is no item."""
    data = _extract("notice_s_unit_pair_headings.txt")
    assert {t["kind"] for t in data["tasks"]} == {"list"}
    assert [(t["ref"], t["leader"]) for t in data["tasks"]] == [
        ("一/(一)/1", "张华副县长"),
        ("一/(一)/2", "张华副县长"),
        ("二/(一)/1", "李明副县长"),
    ]
    assert [(t["lead_units"], t["support_units"], t["deadline"]) for t in data["tasks"]] == [
        (["县交通运输局"], ["县财政局"], None),
        (["县交通运输局"], ["县财政局"], "2024-09-30"),
        (["县商务局"], [], None),
    ]


def test_deadline_cell_with_a_paragraph_per_sub_item() -> None:
    """A 完成时间 cell printing one `<p>` per sub-item gives each sub-item its own deadline
    (`每月` is recurring: none); a single-paragraph cell is shared by every sub-item."""
    data = _extract("notice_t_subitem_deadlines.txt")
    assert [(t["ref"], t["lead_units"], t["deadline"]) for t in data["tasks"]] == [
        ("1/(1)", ["县城管局"], "2024-08-31"),
        ("1/(2)", ["县城管局", "各乡镇"], None),
        ("2/(1)", ["县住建局"], "2024-11-30"),
        ("2/(2)", ["县生态环境分局"], "2024-11-30"),
    ]


def test_lead_support_paragraphs_with_a_title_and_supporting_clauses() -> None:
    """`（一）标题　由X负责，Y做好…` and `标题　X牵头，…；Y、Z配合做好…`: the unit put in
    charge leads (a title run into its name is cut off), the units opening a `配合做好` clause,
    or a `做好` clause in the lead's sentence, support; the closing exhortation is no task."""
    data = _extract("notice_u_lead_support_paragraphs.txt")
    assert {t["kind"] for t in data["tasks"]} == {"paragraph"}
    assert [
        (t["ref"], t["lead_units"], t["support_units"], t["deadline"]) for t in data["tasks"]
    ] == [
        ("一/(一)", ["县自然资源局"], ["县文旅局"], "2024-09-30"),
        ("一/(二)", ["县财政局"], ["县文旅局", "县发改局"], None),
        ("一/(三)", ["县委宣传部"], ["各乡镇"], None),
    ]


def test_list_with_part_headings_and_support_only_annotations() -> None:
    """`第二部分 X副县长分管的工作` heads a leader's part like `二、`; the unit heading
    (`X牵头的工作`, `由X牵头落实的工作`) leads every item beneath, with or without its own
    `（配合单位：…）`, which adds support only; the 保障措施 part holds no task."""
    data = _extract("notice_v_part_headings_list.txt")
    assert {t["kind"] for t in data["tasks"]} == {"list"}
    assert [
        (t["ref"], t["leader"], t["lead_units"], t["support_units"], t["deadline"])
        for t in data["tasks"]
    ] == [
        ("二/(一)/1", "赵六副县长", ["县交通运输局"], [], None),
        ("二/(一)/2", "赵六副县长", ["县交通运输局"], ["县住建局"], "2024-10-31"),
        ("二/(二)/3", "赵六副县长", ["县商务局"], ["县市场监管局", "各乡镇"], None),
        ("三/(一)/4", "钱七副县长", ["县卫生健康局"], [], None),
    ]
    assert data["tasks"][2]["text"] == "新增限额以上商贸企业15家。"


def test_paragraphs_that_open_by_putting_units_in_charge() -> None:
    """`由X牵头，Y具体负责` (Y supports), `由X负责…，Y参与…` (Y supports), `由X、Y共同负责`
    (both lead, none supports) and a closing `由督查室负责…督查` paragraph are tasks; so is a
    measure closed by a bare `（各镇（街道）负责）`. A step left to the villages is none."""
    data = _extract("notice_w_assigning_paragraphs.txt")
    assert [
        (t["kind"], t["ref"], t["lead_units"], t["support_units"], t["deadline"])
        for t in data["tasks"]
    ] == [
        ("paragraph", "一/(一)", ["县水务局"], ["各乡镇人民政府"], "2024-12-31"),
        ("paragraph", "一/(二)", ["县疾控中心"], ["县卫生健康局"], None),
        ("paragraph", "一/(三)", ["县水务局", "县供水公司"], [], None),
        ("inline", "一/(四)/1", ["各镇（街道）"], [], "2024-09-30"),
        ("paragraph", "二/(一)", ["县人民政府督查室"], [], None),
    ]
    assert data["tasks"][4]["text"] == (
        "强化督查。由县人民政府督查室负责对各项任务落实情况开展督查，结果纳入年度考核。"
    )


def test_project_years_column_and_money_unit_in_a_footnote() -> None:
    """A 起止年限 column (`2023—2025`, `2024`) is due at the end of its last year; the money
    unit stated only in the footnote under the table (`表中投资额单位均为亿元`) applies to
    the bare figures of both funding columns; the 合计 row is no project."""
    data = _extract("notice_x_year_range_footnote_unit.txt")
    assert [
        (t["kind"], t["ref"], t["lead_units"], t["deadline"], [a["yuan"] for a in t["amounts"]])
        for t in data["tasks"]
    ] == [
        ("table", "1", ["县住建局"], "2025-12-31", [120_000_000.0, 50_000_000.0]),
        ("table", "2", ["县卫健局", "县中医院"], "2024-12-31", [80_000_000.0, 80_000_000.0]),
    ]


def test_row_text_cut_before_its_units_is_continued() -> None:
    """A row whose text stops mid-sentence before its units cells is finished by the next
    tab line: the rest printed after a page break and a repeated header (empty 序号), or a
    cell wrapped onto the next line; units, deadline and money come from that rest. Each row
    names its own task beside the details, so the text is `<name>：<details>`."""
    data = _extract("notice_y_row_cut_before_units.txt")
    assert [
        (
            t["ref"],
            t["text"],
            t["lead_units"],
            t["support_units"],
            t["deadline"],
            [a["yuan"] for a in t["amounts"]],
        )
        for t in data["tasks"]
    ] == [
        (
            "1",
            "汽车消费：开展汽车促销活动4场，对购买新能源汽车的个人每台补贴3000元，"
            "补贴资金总额不超过300万元。",
            ["县商务局"],
            ["县财政局"],
            "2024-10-31",
            [3000.0, 3_000_000.0],
        ),
        (
            "2",
            "家电以旧换新：组织家电以旧换新活动，覆盖全县各乡镇，每户最高补贴500元。",
            ["县商务局"],
            ["各乡镇"],
            "2024-12-31",
            [500.0],
        ),
        ("3", "餐饮消费：举办美食节1次。", ["县文旅局"], ["县市场监管局"], "2024-09-30", []),
    ]


def test_title_gap_splits_a_heading_title_from_its_sentence() -> None:
    """`（一）规划选址　由X负责…`: the wide space after the short title is a separator, so the
    title is the task's group and the sentence after it is the task's text."""
    data = _extract("notice_u_lead_support_paragraphs.txt")
    assert [(t["group"], t["text"][:12]) for t in data["tasks"]] == [
        ("规划选址", "由县自然资源局负责，县文"),
        ("资金筹措", "县财政局牵头，统筹各类资"),
        ("宣传推介", "由县委宣传部牵头，各乡镇"),
    ]


def test_unit_headings_lead_the_items_beneath_them() -> None:
    """`一、区发展和改革局` over numbered duties: the heading unit leads each item; a unit
    heading with a paragraph instead of items leads that paragraph; `四、保障措施` names no
    unit and yields nothing."""
    data = _extract("notice_z_unit_headings.txt")
    assert [
        (t["ref"], t["lead_units"], t["support_units"], t["deadline"], t["text"][:12])
        for t in data["tasks"]
    ] == [
        ("一/1", ["区发展和改革局"], [], "2024-06-30", "牵头编制优化营商环境年度"),
        ("一/2", ["区发展和改革局"], [], None, "完善社会信用体系，推进信"),
        ("二/1", ["区市场监管局"], [], None, "压缩企业开办时间至1个工"),
        ("二/2", ["区市场监管局"], [], "2024-12-31", "开展涉企收费专项检查，年"),
        ("三", ["区行政审批局"], [], "2024-12-31", "推行“一件事一次办”，年"),
    ]


def test_table_printed_one_cell_per_line() -> None:
    """A ruled table a PDF extractor printed one cell per line (序号 / 重点任务 / 责任单位 /
    完成时限 on lines of their own, then each row's cells; a long cell wrapped over two
    lines; the bare 序号 lines dropped as page numbers) is read like a tab table; the
    signature after it is no row."""
    data = _extract("notice_za_one_cell_per_line.txt")
    assert [
        (t["kind"], t["text"], t["lead_units"], t["support_units"], t["deadline"])
        for t in data["tasks"]
    ] == [
        (
            "table",
            "推进老旧小区改造，完成改造12个，惠及居民2300户。",
            ["县住建局"],
            [],
            "2024-10-31",
        ),
        ("table", "新建城市口袋公园5处。", ["县自然资源局", "县住建局"], [], "2024-12-31"),
        (
            "table",
            "实施雨污分流改造工程，改造管网15公里。",
            ["县住建局"],
            ["县财政局"],
            "2024-11-30",
        ),
    ]
