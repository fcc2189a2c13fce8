"""Money amounts in yuan, rates, header units and bare table cells, on seed phrases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.fields.money import cell_amount, find_amounts, unit_multiplier
from core.model import Amount

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("总投资26034万元", [(260340000, "26034万元", None)]),
        ("全年办理增值税留抵退税 1.6 亿元", [(160000000, "1.6亿元", None)]),
        ("1.5亿元", [(150000000, "1.5亿元", None)]),
        ("计划投资三点五亿元", [(350000000, "三点五亿元", None)]),
        ("奖励五百万元", [(5000000, "五百万元", None)]),
        ("对成功“个转企”企业奖励3000元。", [(3000, "3000元", None)]),
        (
            "县级资金16724万元，县级资金9310万元。",
            [(167240000, "16724万元", None), (93100000, "9310万元", None)],
        ),
        ("总投资300 万元", [(3000000, "300万元", None)]),
        ("年均利润436.0255万元", [(4360255, "436.0255万元", None)]),
        ("新增小额贷款1,200万元", [(12000000, "1,200万元", None)]),
        # rates
        ("补助2000元/户", [(2000, "2000元/户", "户")]),
        ("改造补助5万元/户", [(50000, "5万元/户", "户")]),
        ("作业市场指导价 55 元/亩。", [(55, "55元/亩", "亩")]),
        ("补助标准200元/m ²", [(200, "200元/m²", "m²")]),
        ("1. 未利用地：500 元/亩/年；", [(500, "500元/亩/年", "亩/年")]),
        ("每芽4.5元", [(4.5, "4.5元", "芽")]),
        ("每棒奖励0.06元", [(0.06, "0.06元", "棒")]),
        ("每亩补助200元", [(200, "200元", "亩")]),
        ("00名,每生每年资助3000元", [(3000, "3000元", "生/年")]),
        ("每人 培训费3500元", [(3500, "3500元", "人")]),
        ("林种植,户均增收3300元。", [(3300, "3300元", "户")]),
        ("道路修复标准每公里25万元", [(250000, "25万元", "公里")]),
        ("每家企业每年补助最高不超过5万元", [(50000, "5万元", "家/年")]),
        ("每半天最高不超过3000元标准给予补助", [(3000, "3000元", "半天")]),
        ("就业,人均年增收6000元。", [(6000, "6000元", "人")]),
        ("谷子,实现亩增收200元以上。", [(200, "200元", "亩")]),
        # 万 without 元 after a payment verb
        ("2022年已支付135.8万，", [(1358000, "135.8万", None)]),
        # a range yields both ends
        ("奖励3-5万元", [(30000, "3万元", None), (50000, "5万元", None)]),
    ],
)
def test_amounts(text: str, expected: list[tuple[float, str, str | None]]) -> None:
    got = find_amounts(text)
    assert [(a.yuan, a.text, a.per) for a in got] == [(float(y), t, p) for y, t, p in expected]


@pytest.mark.parametrize(
    "text",
    [
        "力争地下非煤矿山生产规模达到30万吨/年",
        "创建率达50%",
        "发展绿色谷子14.06万亩",
        "带动全县2.2万余农户种植谷子",
        "实施“百项百亿”工程",
        "2023年魏家滩镇九元坪现代设施农业",
        "元旦、春节期间",
        "住宅楼3单元",
        "公元前",
        "元宵节",
        "构建多元化投入机制",
        "自然人高三元持股 30%",
        "山西三元酒业有限公司",
        "要把低碳元素融入",
        "受益人口2.3万人",
    ],
)
def test_not_money(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("header", "multiplier"),
    [
        ("资金规模（万元）", 10000.0),
        ("资金规模 (万元)", 10000.0),
        ("单位：万元", 10000.0),
        ("投资(亿元)", 1e8),
        ("金额（元）", 1.0),
        ("整合资金拟安排金额（万元）", 10000.0),
        ("总投资万元", 10000.0),
        ("资金规模", None),
        ("项目名称", None),
        ("受益对象（人次）", None),
    ],
)
def test_unit_multiplier(header: str, multiplier: float | None) -> None:
    assert unit_multiplier(header) == multiplier


@pytest.mark.parametrize(
    ("cell", "multiplier", "expected"),
    [
        ("24", 10000.0, Amount(240000.0, "24万元")),
        ("247.8", 10000.0, Amount(2478000.0, "247.8万元")),
        ("893.89", 10000.0, Amount(8938900.0, "893.89万元")),
        ("1,200", 10000.0, Amount(12000000.0, "1,200万元")),
        ("1.5", 1e8, Amount(150000000.0, "1.5亿元")),
        ("3000", 1.0, Amount(3000.0, "3000元")),
        ("30万元", 1.0, Amount(300000.0, "30万元")),  # the cell's own unit wins
        ("24", None, None),  # unit unknown: no guess
        ("", 10000.0, None),
        ("—", 10000.0, None),
    ],
)
def test_cell_amount(cell: str, multiplier: float | None, expected: Amount | None) -> None:
    assert cell_amount(cell, multiplier) == expected


def test_project_table_rows_of_seed_002() -> None:
    """Every row of the seed-002 project table: the 资金规模 cell (万元, as the document's
    totals show) plus every amount printed in the other cells, against the answer key."""
    gold = [json.loads(x) for x in (SHARED / "devset/002__project-table.jsonl").open()]
    seed = next((SHARED / "seeds").glob("002_*.txt")).read_text("utf-8").split("\n")
    header = seed[241].split("\t")
    for g in gold:
        cells = seed[g["line"] - 1].split("\t")
        got: list[Amount] = []
        for name, cell in zip(header, cells, strict=False):
            if name == "资金规模":
                a = cell_amount(cell, 10000.0)
                got += [a] if a else []
            else:
                got += find_amounts(cell)
        assert sorted(a.yuan for a in got) == sorted(float(a["yuan"]) for a in g["amounts"]), g[
            "line"
        ]
        assert {a.per for a in got} == {a["per"] for a in g["amounts"]}, g["line"]


def test_devset_task_texts() -> None:
    for name in ("000__safety-attachment.jsonl", "003__law-enforcement-annotations.jsonl"):
        for line in (SHARED / "devset" / name).open():
            g = json.loads(line)
            got = sorted(a.yuan for a in find_amounts(g["text"]))
            assert got == sorted(float(a["yuan"]) for a in g["amounts"]), (name, g["line"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # approximate amounts are printed amounts (seed 000 project table)
        (
            "计划由兴县兴隆药业有限公司承建,总投资500余万元在该公司原有加工基地的基础上",
            [(5000000, "500余万元", None)],
        ),
        ("亩增收300余元,预计可带动农户2747户", [(300, "300余元", "亩")]),
        ("争取资金300多万元", [(3000000, "300多万元", None)]),
    ],
)
def test_approximate_amounts(text: str, expected: list[tuple[float, str, str | None]]) -> None:
    assert [(a.yuan, a.text, a.per) for a in find_amounts(text)] == expected


@pytest.mark.parametrize("text", ["每千元营业收入", "百元以上", "推动多元化发展"])
def test_measure_words_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []
