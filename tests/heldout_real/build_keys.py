#!/usr/bin/env python3
# ruff: noqa: E501  (hand-entered annotation data: long Chinese literals read best on one line)
"""Write the answer keys in this folder from hand-entered annotations.

Why a script: the keys quote long task texts, and typing them by hand invites slips. Each
record below names its source line; the script reads that line of the corpus file in place
(../shared/corpus, never copied into the repo), cuts off exactly the numbering prefix and the
trailing unit annotation that the annotator wrote down, and asserts that what it cut matches.
Everything that is a judgement (units and their roles, deadline, amounts, ref, group, notes)
is entered by hand here, record by record.

Run from the project root:  python3 tests/heldout_real/build_keys.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / ".." / "shared" / "corpus"


def src(seed: str) -> list[str]:
    return (CORPUS / seed).read_text(encoding="utf-8").split("\n")


def cut(line: str, prefix: str, suffix: str = "") -> str:
    """The line without its printed numbering `prefix` and trailing annotation `suffix`."""
    assert line.startswith(prefix), (prefix, line[:40])
    assert line.endswith(suffix), (suffix, line[-60:])
    body = line[len(prefix) : len(line) - len(suffix)]
    return body.strip()


def tail_paren(line: str) -> str:
    """The last top-level bracket group of the line, brackets included (（…） or mixed ）/)."""
    s = line.rstrip()
    assert s[-1] in "）)", s[-30:]
    depth = 0
    for i in range(len(s) - 1, -1, -1):
        ch = s[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return s[i:]
    raise AssertionError(s[-40:])


def rec(
    seed,
    doc,
    year,
    section,
    kind,
    ref,
    group,
    text,
    line,
    lead,
    support=(),
    *,
    deadline=None,
    deadline_text=None,
    amounts=(),
    leader=None,
    other=None,
    note=None,
):
    # a space next to a CJK character or full-width punctuation is a rendering artifact
    text = re.sub(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])", "", text)
    r = {
        "seed": seed,
        "doc": doc,
        "doc_year": year,
        "section": section,
        "kind": kind,
        "ref": ref,
        "group": group,
        "leader": leader,
        "text": text,
        "lead_units": list(lead),
        "support_units": list(support),
    }
    if other:
        r["other_units"] = other
    r.update(
        {
            "deadline": deadline,
            "deadline_text": deadline_text,
            "amounts": list(amounts),
            "line": line,
        }
    )
    if note:
        r["note"] = note
    return r


def yuan_yi(text: str) -> dict:
    """An amount printed in 亿元, e.g. '10.86亿元' -> 1086000000."""
    num = text[: -len("亿元")]
    whole, _, frac = num.partition(".")
    value = int(whole) * 10**8 + (int(frac.ljust(8, "0")) if frac else 0)
    return {"yuan": value, "text": text, "per": None}


def write(name: str, records: list[dict]) -> None:
    with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{name}: {len(records)} records")


# --------------------------------------------------------------------------- pt_7058_2017
def pt_7058() -> list[dict]:
    seed = "pt_7058_2017.txt"
    L = src(seed)
    doc, year, sec = "岚综管办〔2017〕37号", 2017, "平潭综合实验区危险化学品安全综合治理实施方案"
    groups = {}
    for i, s in enumerate(L, 1):
        m = re.match(r"^(（[一二三四五六七八九十]+）)(.*)$", s)
        if m and 23 <= i <= 62:
            groups[i] = (m.group(1), m.group(2))
    ALL = ["区直各有关部门"]
    D1 = ("2018-03-31", "2018年3月底前完成")
    D2 = ("2019-10-31", "2018年3月底前取得阶段性成果，2018年4月至2019年10月深化提升")
    NONE = (None, None)
    NS = "'按职责分工负责' units are support because a lead is named ('X牵头')"
    NA = "no lead marker: every listed unit is a lead ('按职责分工负责' stripped)"
    # item: (line, lead, support, deadline, note)
    items = {
        1: (24, ALL, [], D1, None),
        2: (25, ALL, [], D1, None),
        3: (27, ALL, [], NONE, "'持续推进': no deadline"),
        4: (
            28,
            ["区综合执法局（区安监局）"],
            ["区经济发展局", "环境与国土资源局", "交通与建设局", "公安局", "市场监督管理局"],
            D2,
            NS,
        ),
        5: (29, ["区交通与建设局"], ["区公安局", "综合执法局（安监局）", "市场监督管理局"], D2, NS),
        6: (
            31,
            ["党群工作部区", "综合执法局（区安监局）"],
            ["区管委会办公室政策法规处"],
            D2,
            "'党群工作部区' is printed so (the document's own slip for 区党群工作部) and kept as printed; "
            "both units before '牵头' lead",
        ),
        7: (32, ["区综合执法局（区安监局）"], ["区直各有关部门"], D1, NS),
        8: (33, ALL, [], D1, None),
        9: (35, ALL, [], NONE, None),
        10: (
            37,
            [
                "区经济发展局",
                "环境与国土资源局",
                "交通与建设局",
                "公安局",
                "综合执法局（安监局）",
                "规划局",
            ],
            [],
            NONE,
            NA
            + "; printed '综合执法局（安监局）规划局、等' is read as two units 综合执法局（安监局） and "
            "规划局 (a separator is misplaced in the document; cf. item 11 '交通与建设局（规划局）')",
        ),
        11: (
            38,
            ["区经济发展局"],
            ["区环境与国土资源局", "交通与建设局（规划局）", "公安局", "综合执法局（安监局）"],
            D2,
            NS,
        ),
        12: (39, ALL, [], D2, None),
        13: (40, ["区交通与建设局", "综合执法局（安监局）", "市场监督管理局"], [], D2, NA),
        14: (42, ALL, [], NONE, None),
        15: (
            43,
            ["区经济发展局", "交通与建设局", "综合执法局（安监局）", "公安消防支队"],
            [],
            NONE,
            NA,
        ),
        16: (44, ALL, [], NONE, None),
        17: (45, ALL, [], D2, None),
        18: (46, ALL, [], NONE, None),
        19: (
            47,
            ["区综合执法局（区安监局）"],
            [
                "区经济发展局",
                "环境与国土资源局",
                "公安局",
                "财政金融局",
                "市场监督管理局",
                "国税局",
                "地税局",
                "银监办",
                "保监办",
            ],
            D1,
            NS,
        ),
        20: (48, ["区环境与国土资源局"], [], D1, None),
        21: (50, ALL, [], D1, None),
        22: (51, ALL, [], NONE, None),
        23: (52, ALL, [], D2, None),
        24: (53, ALL, [], NONE, None),
        25: (
            55,
            ["区经济发展局"],
            [
                "区环境与国土资源局",
                "交通与建设局",
                "公安局",
                "综合执法局（安监局）",
                "市场监督管理局",
                "平潭海关",
                "平潭海事局",
            ],
            D2,
            NS,
        ),
        26: (
            57,
            ["区综合执法局（区安监局）"],
            ["区环境与国土资源局", "交通与建设局", "公安局", "公安消防支队"],
            NONE,
            NS,
        ),
        27: (58, ALL, [], NONE, None),
        28: (
            59,
            ["区综合执法局（区安监局）"],
            ["区经济发展局", "环境与国土资源局", "财政金融局", "平潭海事局", "公安消防支队"],
            NONE,
            NS,
        ),
        29: (
            60,
            ["区综合执法局（区安监局）"],
            ["区经济发展局", "环境与国土资源局", "交通与建设局", "平潭海事局", "公安消防支队"],
            D2,
            NS,
        ),
        30: (62, ["区综合执法局（区安监局）"], ["区社会事业局", "教育局"], NONE, NS),
    }
    out = []
    for n, (ln, lead, sup, (dl, dlt), note) in items.items():
        line = L[ln - 1]
        ann = tail_paren(line)
        text = cut(line, f"{n}.", ann)
        for u in lead + sup:
            if n != 10 or u != "规划局":
                assert u.removeprefix("区") in ann, (n, u)
        if dlt:
            assert dlt in ann, (n, ann)
        if dlt == D2[1]:
            note = (note + "; " if note else "") + (
                "deadline: '2018年3月底前取得阶段性成果' is a milestone; the work runs on "
                "'2018年4月至2019年10月深化提升', so the latest date (end of that range) is taken"
            )
        g = max(k for k in groups if k < ln)
        out.append(
            rec(
                seed,
                doc,
                year,
                sec,
                "inline",
                f"四/{groups[g][0]}/{n}",
                groups[g][1],
                text,
                ln,
                lead,
                sup,
                deadline=dl,
                deadline_text=dlt,
                note=note,
            )
        )
    # 五、工作要求（三）: the only paragraph outside 四 that gives one named unit its own duty
    ln = 66
    line = L[ln - 1]
    text = cut(line, "（三）")
    out.append(
        rec(
            seed,
            doc,
            year,
            sec,
            "list",
            "五/（三）",
            "工作要求",
            text,
            ln,
            ["区安办"],
            note="工作要求 paragraph with an explicit '由区安办…组织力量…开展…督查' assignment: kept as a "
            "task (cf. devset2 pt_taiwan 四/（四） '由区督查室牵头'); its other sentences (区管委会安委会 "
            "纳入考核, all units 加强协调指导) are general duties and give no further units. "
            "五/（一）（二） and 三/（一）-（三） are instructions to all addressees (区直各有关部门、各乡镇人民政府) "
            "and are not annotated",
        )
    )
    return out


# --------------------------------------------------------------------------- pt_12533_2018
def pt_12533() -> list[dict]:
    seed = "pt_12533_2018.txt"
    L = src(seed)
    doc, year, sec = "岚综管办〔2018〕148号", 2018, "平潭综合实验区农村人居环境整治三年行动实施方案"
    FN = (
        "lead/support per the document's rule '各项任务中排位靠前的责任单位为牵头单位' (三/（二）): "
        "the first-listed unit leads, the rest support"
    )
    Y20 = "2020-12-31"
    # (line, ref, group line, prefix, units as printed (split), deadline, deadline_text, extra note)
    items = [
        (
            19,
            "二/（一）",
            18,
            "——",
            [
                "区交建局",
                "各片区项目建设指挥部",
                "各乡镇人民政府",
                "综合执法局",
                "农发局",
                "爱卫办",
                "市政园林公司",
            ],
            Y20,
            "2020年，村庄生活垃圾常态化治理长效保障机制更加完善……2020年前基本完成整治",
            "yearly targets 2018/2019/2020 and '2020年前基本完成整治': latest taken, 2020-12-31",
        ),
        (20, "二/（一）", 18, "——", ["区农发局", "各乡镇人民政府"], None, None, None),
        (
            22,
            "二/（二）",
            21,
            "",
            [
                "区交建局",
                "农发局",
                "各片区项目建设指挥部",
                "各乡镇人民政府",
                "爱卫办",
                "市政园林公司",
            ],
            Y20,
            "到2020年",
            "'2018年至2020年共计…' / '到2020年，实现…' / '到2020年，…达到90%以上' → 2020-12-31",
        ),
        (
            24,
            "二/（三）",
            23,
            "",
            [
                "区交建局",
                "农发局",
                "各片区项目建设指挥部",
                "各乡镇人民政府",
                "经发局",
                "环土局",
                "财金局",
                "行政审批局",
                "水务投资有限公司",
            ],
            Y20,
            "二期工程2020年年底完工",
            "'2018年完成…'、'一期工程2019年年底完工'、'二期工程2020年年底完工': latest taken",
        ),
        (
            26,
            "二/（四）",
            25,
            "——",
            [
                "区环土局",
                "综合执法局",
                "危改办",
                "各片区项目建设指挥部",
                "各乡镇人民政府",
                "交建局",
                "规划局",
            ],
            None,
            None,
            "the text says '由区危改办负责', but the document's first-listed rule makes 区环土局 the lead; rule applied",
        ),
        (
            27,
            "二/（四）",
            25,
            "——",
            [
                "区环土局",
                "综合执法局",
                "危改办",
                "各片区项目建设指挥部",
                "各乡镇人民政府",
                "交建局",
                "规划局",
            ],
            None,
            None,
            "'2020年以后，继续推进…力争通过十年努力' is no completion date: deadline null",
        ),
        (
            29,
            "二/（五）",
            28,
            "——",
            ["各片区项目指挥部", "各乡镇", "区交建局", "整治办"],
            Y20,
            "2020年完成90%的村庄整治",
            "'2018年…；2019年完成75%…；2020年完成90%…': latest taken",
        ),
        (
            30,
            "二/（五）",
            28,
            "——",
            [
                "区通管办",
                "各乡镇人民政府",
                "综合执法局",
                "平潭电力公司",
                "移动公司",
                "电信公司",
                "联通公司",
                "广电网络集团平潭分公司",
            ],
            None,
            None,
            None,
        ),
        (
            31,
            "二/（五）",
            28,
            "——",
            ["各乡镇人民政府", "区农发局"],
            Y20,
            "2018-2020年，全区营造乡村生态景观林300亩",
            "year range 2018-2020 ends 2020-12-31",
        ),
        (
            32,
            "二/（五）",
            28,
            "——",
            ["区交建局", "各乡镇人民政府"],
            Y20,
            "至2020年底实现主岛建制村双车道通达率达100%",
            "'2018-2020年…'、'2020年计划完成15公里'、'至2020年底实现…' → 2020-12-31",
        ),
        (
            33,
            "二/（五）",
            28,
            "——",
            ["各片区项目建设指挥部", "各乡镇人民政府", "区综合执法局", "公安局", "交建局"],
            None,
            None,
            "the text also says '区交建局牵头' for the 白改黑/缆线下地 part; the document's first-listed rule is applied to the item",
        ),
        (
            35,
            "二/（六）",
            34,
            "",
            ["各乡镇人民政府", "区社会事业局", "规划局", "旅发委", "环土局", "交建局"],
            None,
            None,
            "the text starts '区规划局加快推进…', but the document's first-listed rule makes 各乡镇人民政府 the lead; '按时完成' has no date",
        ),
        (
            37,
            "二/（七）",
            36,
            "",
            [
                "各片区项目建设指挥部",
                "各乡镇人民政府",
                "区环土局",
                "财金局",
                "社会事业局",
                "交建局",
                "农发局",
                "综合执法局",
                "规划局",
            ],
            None,
            None,
            None,
        ),
    ]
    out = []
    for ln, ref, gl, prefix, units, dl, dlt, extra in items:
        line = L[ln - 1]
        ann = tail_paren(line)
        assert ann.startswith("（责任单位："), ann
        printed = ann[len("（责任单位：") : -1]
        assert re.split(r"[、，]", printed) == units, (ln, printed)
        text = cut(line, prefix, ann)
        if dlt:
            assert all(part in line for part in dlt.split("……")), (ln, dlt)
        group = re.sub(r"^（[一二三四五六七八九十]+）", "", L[gl - 1])
        note = FN + ("; " + extra if extra else "")
        out.append(
            rec(
                seed,
                doc,
                year,
                sec,
                "inline",
                ref,
                group,
                text,
                ln,
                units[:1],
                units[1:],
                deadline=dl,
                deadline_text=dlt,
                note=note,
            )
        )
    return out


# --------------------------------------------------------------------------- pt_27005_2021
def pt_27005() -> list[dict]:
    seed = "pt_27005_2021.txt"
    L = src(seed)
    doc, year, sec = "岚综管办〔2021〕18号", 2021, "平潭综合实验区“国企提升发展年”行动方案"
    # item -> (line, deadline, deadline_text, note)
    dls = {
        1: (
            "2021-12-31",
            "力争2021年区属国企营业总收入同比增长10%",
            "a target scoped to 2021 → 2021-12-31 (DOMAIN rule; devset2 pt_ligua/pt_haiyang left growth targets without a deadline)",
        ),
        2: (
            "2021-06-30",
            "于6月前公布实施企业发展战略规划",
            "'于6月前' read as the end of June (month-only date → last day of that month)",
        ),
        4: (None, None, "'不设时间表': no deadline"),
        5: (
            "2021-06-30",
            "于6月底前基本完成",
            "the text says '由区国资局牵头委托第三方咨询机构…' for one sub-part; "
            "the item's 责任单位 line has no lead marker, so every listed unit leads",
        ),
        7: (
            "2021-03-31",
            "于3月底前研究提出夯实国有资本金工作方案",
            "date before the document date (2021-03-29 + 2 days), as printed",
        ),
        10: ("2021-12-31", "于12月底前基本完成", None),
        13: (
            "2021-10-31",
            "于10月底前完成举办或参与2场次以上的大学毕业生公开招聘会",
            "'于6月底前…'、'于10月底前…'、'于6月底前…' and a yearly duty: latest taken",
        ),
        14: ("2021-12-31", "12月份前", None),
        15: ("2021-08-31", "8月份前", None),
    }
    out = []
    # numbered items 1-22 under 二、主要任务; each followed by a '责任单位：' line
    group = None
    for i, s in enumerate(L, 1):
        if i > 66:
            break
        m = re.match(r"^（([一二三四五六七八九十]+)）(.*)$", s)
        if m and i > 14:
            group = (f"（{m.group(1)}）", m.group(2))
            continue
        m = re.match(r"^(\d+)\.\s*", s)
        if not m or i < 15:
            continue
        n = int(m.group(1))
        text = cut(s, m.group(0))
        ul = L[i]
        assert ul.startswith("责任单位："), (i, ul)
        units = [u for u in re.split(r"[、，,]", ul[len("责任单位：") :]) if u]
        dl, dlt, note = dls.get(n, (None, None, None))
        if dlt:
            assert dlt in s, (n, dlt)
        note = "no lead marker in the 责任单位 line: every listed unit is a lead" + (
            "; " + note if note else ""
        )
        out.append(
            rec(
                seed,
                doc,
                year,
                sec,
                "inline",
                f"二/{group[0]}/{n}",
                group[1],
                text,
                i,
                units,
                [],
                deadline=dl,
                deadline_text=dlt,
                note=note,
            )
        )
    # 三、保障措施 （一）-（三）, each with its own 责任单位 line
    for i in (68, 70, 72):
        s = L[i - 1]
        m = re.match(r"^（([一二三])）", s)
        text = cut(s, m.group(0))
        ul = L[i]
        assert ul.startswith("责任单位："), (i, ul)
        units = [u for u in re.split(r"[、，,]", ul[len("责任单位：") :]) if u]
        out.append(
            rec(
                seed,
                doc,
                year,
                sec,
                "inline",
                f"三/（{m.group(1)}）",
                "保障措施",
                text,
                i,
                units,
                [],
                note="保障措施 paragraph with its own 责任单位 line: annotated; no lead marker, every unit leads",
            )
        )
    return out


# --------------------------------------------------------------------------- pt_38733_2022
def pt_38733() -> list[dict]:
    seed = "pt_38733_2022.txt"
    L = src(seed)
    sec = "2022年全区政务公开工作主要任务分解表"
    out = []
    group = None
    for i, s in enumerate(L, 1):
        if i <= 10 or not s.strip():
            continue
        cells = s.split("\t")
        if len(cells) == 4:
            g, req, lead, resp = cells
            m = re.match(r"^([一二三四五六七八九十]+)、(.*)$", g)
            group = (m.group(1), m.group(2))
        else:
            assert len(cells) == 3, (i, cells)
            req, lead, resp = cells
        m = re.match(r"^(\d+)\.", req)
        n = m.group(1)
        text = cut(req, m.group(0))
        resp_units = [u for u in re.split(r"[、，]", resp) if u]
        lead_units = lead.split(" ") if lead.strip() else []
        if lead_units:
            note = "牵头单位 column → lead, 配合/责任单位 column → support (as devset2 pt_zwgk)"
            if len(lead_units) > 1:
                note += "; the 牵头单位 cell holds two units separated by a space, both lead"
            lu, su = lead_units, resp_units
        else:
            note = "牵头单位 cell empty: the 配合/责任单位 units are the leads (as devset2 pt_zwgk)"
            lu, su = resp_units, []
        if "各区属国有企企" in resp_units:
            note += "; '各区属国有企企' kept as printed (the document's own slip)"
        if i == 23:
            note += "; the 工作任务 cell '五、强化稳就业保就业信息公开' is printed again on this row (page break in the source)"
        note += (
            "; text = the 工作要求 cell: the 工作任务 cell is a section heading spanning several rows, "
            "so it is the group, not a per-row task name; no deadlines in the table"
        )
        out.append(
            rec(
                seed,
                None,
                2022,
                sec,
                "table",
                f"{group[0]}/{n}",
                group[1],
                text,
                i,
                lu,
                su,
                note=note,
            )
        )
    return out


# --------------------------------------------------------------------------- pt_45623_2023
def pt_45623() -> list[dict]:
    seed = "pt_45623_2023.txt"
    L = src(seed)
    sec = "平潭综合实验区新污染物治理工作方案"
    PQ = "各片区"
    PN = (
        "'各片区' added to support_units from the statement in 二/（一）/1 '各片区负责配合落实，以下均需各片区"
        "配合落实，不再列出' (as devset2 pt_shuiwuran's 相关乡镇); drop it if the key should hold only what each item prints"
    )
    NS = "'按职责分工负责' units are support because a lead is named ('X牵头')"
    NA = "no lead marker: every listed unit is a lead ('等按职责分工负责' stripped)"
    # (line, ref, prefix, lead, support (printed), deadline, deadline_text, note)
    items = [
        (
            13,
            "二/（一）/1",
            "1.",
            ["区资源生态局"],
            [],
            "2023-12-31",
            "2023年底前完成",
            "'区资源生态局牵头负责;各片区负责配合落实…' → lead 区资源生态局, support 各片区 (printed here)",
        ),
        (
            14,
            "二/（一）/2",
            "2.",
            ["区资源生态局"],
            [],
            "2025-12-31",
            "2025年底前，初步建立新污染物环境调查监测体系",
            PN,
        ),
        (
            15,
            "二/（一）/3",
            "3.",
            ["区资源生态局"],
            ["区经发局", "区农业农村局", "区社会事业局", "区市场监管局", "平潭海关"],
            None,
            None,
            NS + "; " + PN,
        ),
        (
            17,
            "二/（二）/4",
            "4.",
            ["区资源生态局"],
            [],
            None,
            None,
            "annotation closes with a half-width ')' as printed; " + PN,
        ),
        (
            18,
            "二/（二）/5",
            "5.",
            ["区经发局", "区资源生态局", "区农业农村局", "区市场监管局", "平潭海关"],
            [],
            None,
            None,
            NA + "; " + PN,
        ),
        (
            20,
            "二/（三）/6",
            "6.",
            ["区经发局", "区资源生态局", "区交建局", "区社会事业局", "区市场监管局"],
            [],
            None,
            None,
            NA + "; " + PN,
        ),
        (
            21,
            "二/（三）/7",
            "7.",
            [
                "区农业农村局",
                "区资源生态局",
                "区社会事业局",
                "区市场监管局",
                "区农业农村中心（区供销社）",
            ],
            [],
            None,
            None,
            NA + "; " + PN,
        ),
        (
            23,
            "二/（四）/8",
            "8.",
            ["区资源生态局", "区农业农村局", "区市场监管局"],
            [],
            None,
            None,
            NA + "; " + PN,
        ),
        (
            24,
            "二/（四）/9",
            "9.",
            ["区经发局", "区资源生态局", "区农业农村局", "区市场监管局"],
            [],
            None,
            None,
            NA + "; " + PN,
        ),
        (
            26,
            "二/（五）/10",
            "10.",
            ["区资源生态局"],
            [
                "区经发局",
                "区农业农村局",
                "区社会事业局",
                "区市场监管局",
                "区智慧岛公司",
                "平潭海关",
            ],
            None,
            None,
            NS + "; " + PN,
        ),
        (
            27,
            "二/（五）/11",
            "11.",
            ["区资源生态局", "区党群工作部", "区社会事业局", "区市场监管局"],
            [],
            None,
            None,
            NA + "; " + PN,
        ),
        (
            29,
            "三/（一）",
            "（一）",
            ["区资源生态局"],
            ["有关单位"],
            None,
            None,
            "保障措施 paragraph with its own units: annotated; " + NS + "; " + PN,
        ),
        (
            30,
            "三/（二）",
            "（二）",
            ["区资源生态局", "区农业农村局", "区社会事业局", "区市场监管局", "平潭海关"],
            [],
            None,
            None,
            "保障措施 paragraph with its own units: annotated; " + NA + "; " + PN,
        ),
        (
            31,
            "三/（三）",
            "（三）",
            ["区财金局", "区资源生态局", "区税务局", "人行平潭支行", "平潭银保监组"],
            [],
            None,
            None,
            "保障措施 paragraph with its own units: annotated; " + NA + "; " + PN,
        ),
        (
            32,
            "三/（四）",
            "（四）",
            ["区资源生态局"],
            ["有关部门"],
            None,
            None,
            "保障措施 paragraph with its own units: annotated; " + NS + "; " + PN,
        ),
    ]
    out = []
    for ln, ref, prefix, lead, sup, dl, dlt, note in items:
        line = L[ln - 1]
        ann = tail_paren(line)
        for u in lead + sup:
            assert u in ann, (ln, u)
        text = cut(line, prefix, ann)
        if dlt:
            assert dlt in line, (ln, dlt)
        if ref.startswith("三"):
            group = "保障措施"
        else:
            gl = max(k for k in range(1, ln) if re.match(r"^（[一二三四五]）", L[k - 1]))
            group = re.sub(r"^（[一二三四五]）", "", L[gl - 1])
        out.append(
            rec(
                seed,
                None,
                2023,
                sec,
                "inline",
                ref,
                group,
                text,
                ln,
                lead,
                [*sup, PQ],
                deadline=dl,
                deadline_text=dlt,
                note=note,
            )
        )
    return out


# --------------------------------------------------------------------------- pt_4814_2016
def pt_4814() -> list[dict]:
    seed = "pt_4814_2016.txt"
    L = src(seed)
    doc, year = "岚综管办〔2016〕80号", 2016
    sec = "附件 落实行动计划2016年第一轮效能督查发现问题汇总表"
    DL, DLT = (
        "2016-05-20",
        "整改落实、查处问责和意见建议办理情况于2016年５月20日前反馈区管委会办公室（区效能办）",
    )
    assert DLT in L[4]
    DN = (
        "deadline from the covering notice: '整改落实…情况于2016年５月20日前反馈' is the one date by which every "
        "listed rectification must be done and reported; dates inside the problem cell (计划…开工/完工) describe "
        "the problem, not the task"
    )
    NA = "no lead marker: every 整改责任单位 is a lead"
    money = {
        98: ["10.86亿元"],
        99: ["20亿元"],
        100: ["1.7亿元"],
        101: ["21亿元"],
        102: ["3.06亿元"],
        103: ["3.5亿元"],
        104: ["1.8亿元"],
        105: ["8亿元"],
        106: ["13.53亿元"],
        107: ["5.69亿元"],
        108: ["1.67亿元"],
    }
    circled = "⑴⑵⑶⑷⑸⑹⑺⑻⑼"
    out = []
    for i, s in enumerate(L, 1):
        cells = s.split("\t")
        if len(cells) != 3 or not cells[0].isdigit():
            continue
        n, problem, units_cell = int(cells[0]), cells[1].strip(), cells[2].strip()
        if n == 121:
            # '(1)…(8)' sub-problems, each mapped to its unit in the units cell by number
            head, _, rest = problem.partition("：")
            assert head == "问题整改情况"
            parts = re.split(r"\((\d)\)", rest)
            assert parts[0] == ""
            unit_of = {
                1: "区效能办",
                2: "区效能办",
                3: "区党群工作部",
                4: "区社会事业局",
                5: "区行政审批局",
                6: "区卫生和计划生育局",
                7: "区卫生和计划生育局",
                8: "区环境与国土资源局",
            }
            for u, rng in (
                ("区效能办", "1-2"),
                ("区党群工作部", "3"),
                ("区社会事业局", "4"),
                ("区行政审批局", "5"),
                ("区卫生和计划生育局", "6-7"),
                ("区环境与国土资源局", "8"),
            ):
                assert f"{u}（{rng}）" in units_cell, (u, rng)
            for k in range(1, len(parts), 2):
                sub = int(parts[k])
                out.append(
                    rec(
                        seed,
                        doc,
                        year,
                        sec,
                        "table",
                        f"{n}/({sub})",
                        head,
                        parts[k + 1].strip(),
                        i,
                        [unit_of[sub]],
                        [],
                        deadline=DL,
                        deadline_text=DLT,
                        note="each (n) sub-problem is its own task (DOMAIN: sub-items of a row); its unit is the one "
                        "the 整改责任单位 cell maps to that number ('区效能办（1-2）、…、区卫生和计划生育局（6-7）"
                        "区环境与国土资源局（8）', the missing 、 before the last unit as printed); "
                        + DN,
                    )
                )
            continue
        units = units_cell.split("、")
        m = re.match(r"^([^：]{2,8})：(.*)$", problem)
        if m and any(c in problem for c in circled):
            head, rest = m.group(1), m.group(2)
            parts = re.split(f"([{circled}])", rest)
            assert parts[0] == "", (n, parts[0][:20])
            for k in range(1, len(parts), 2):
                out.append(
                    rec(
                        seed,
                        doc,
                        year,
                        sec,
                        "table",
                        f"{n}/{parts[k]}",
                        head,
                        parts[k + 1].strip(),
                        i,
                        units,
                        [],
                        deadline=DL,
                        deadline_text=DLT,
                        note=f"each {parts[k]} sub-problem of the row is its own task (DOMAIN: sub-items of a row); "
                        f"'{head}' names the audited unit and is the group; the 整改责任单位 cell is the lead"
                        + (
                            ""
                            if head == units[0]
                            else f" ({units[0]}, not the audited {head}, as printed)"
                        )
                        + "; "
                        + DN,
                    )
                )
            continue
        amts = [yuan_yi(t) for t in money.get(n, [])]
        for a in amts:
            assert a["text"] in problem, (n, a)
        note = NA + "; " + DN
        if amts:
            note += "; the project's 总投资 in the problem cell is recorded as the amount"
        if n == 102:
            note += "; '区投资发展有限公司' kept as printed"
        out.append(
            rec(
                seed,
                doc,
                year,
                sec,
                "table",
                str(n),
                None,
                problem,
                i,
                units,
                [],
                deadline=DL,
                deadline_text=DLT,
                amounts=amts,
                note=note,
            )
        )
    return out


# --------------------------------------------------------------------------- pt_2460_2015
def pt_2460() -> list[dict]:
    seed = "pt_2460_2015.txt"
    L = src(seed)
    doc, year = "岚综管综〔2015〕188号", 2015
    sec = "平潭综合实验区管委会关于省政府2015年上半年安全生产目标责任督查考评发现的隐患问题整改落实情况的报告"
    ON = (
        "borderline report: items stating an ongoing or future measure (进一步…, 要求…, 拟由…) are annotated; "
        "items reported as done (已…, 共发现…, 目前…正在…) are not"
    )
    out = [
        rec(
            seed,
            doc,
            year,
            sec,
            "list",
            "一",
            None,
            cut(L[5], "一、"),
            6,
            ["各行业主管部门"],
            note=ON
            + "; the standing requirement '要求各行业主管部门督促…并及时向区安办报送…' makes 各行业主管部门 the "
            "obligated unit (区管委会 is the issuer requiring it, 区安办 the recipient)",
        ),
        rec(
            seed,
            doc,
            year,
            sec,
            "list",
            "二/1",
            "区交通与建设局",
            cut(L[7], "1、"),
            8,
            ["区交通与建设局"],
            note=ON + "; heading unit leads (二/2 '已联合…印发' is done: not annotated)",
        ),
    ]
    for ln, k in ((12, 1), (13, 2), (14, 3), (15, 4)):
        extra = (
            "; the town assists 城关派出所 ('配合…协助'), which is not given a duty here and is not listed"
            if k == 2
            else ""
        )
        out.append(
            rec(
                seed,
                doc,
                year,
                sec,
                "list",
                f"三/（一）/{k}",
                "潭城镇政府",
                cut(L[ln - 1], f"{k}、"),
                ln,
                ["潭城镇政府"],
                note=ON + "; heading unit leads" + extra,
            )
        )
    out.append(
        rec(
            seed,
            doc,
            year,
            sec,
            "list",
            "三/（二）/1",
            "北厝镇政府",
            cut(L[16], "1、"),
            17,
            ["北厝镇政府"],
            leader="巫贤洪副镇长",
            note=ON
            + "; heading unit leads; the deputy town head named as responsible is the leader",
        )
    )
    out.append(
        rec(
            seed,
            doc,
            year,
            sec,
            "list",
            "三/（二）/3",
            "北厝镇政府",
            cut(L[18], "3、"),
            19,
            ["北厝镇政府"],
            note=ON
            + "; heading unit leads; 三/（二）/2 (摸排 done, '共发现…') and /4 (摸排 and 反映 done, "
            "'目前…正在逐步完善') are reports of work done: not annotated",
        )
    )
    out.append(
        rec(
            seed,
            doc,
            year,
            sec,
            "list",
            "五",
            "区港务发展有限公司",
            L[25].strip(),
            26,
            ["区管委会"],
            ["区港务发展有限公司"],
            note=ON
            + "; the pending work is the wharf's acceptance: '拟由区管委会牵头' names the lead, and the "
            "heading company (required to finish the acceptance before licensing) is support; "
            "'在办证之前' gives no date",
        )
    )
    return out


NEGATIVES = ["pt_2645_2015", "pt_4812_2016", "pt_25206_2021", "pt_96585_2025"]

if __name__ == "__main__":
    write("pt_7058_2017", pt_7058())
    write("pt_12533_2018", pt_12533())
    write("pt_27005_2021", pt_27005())
    write("pt_38733_2022", pt_38733())
    write("pt_45623_2023", pt_45623())
    write("pt_4814_2016", pt_4814())
    write("pt_2460_2015", pt_2460())
    for name in NEGATIVES:
        write(name, [])
