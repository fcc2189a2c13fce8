"""Assigning forms first met in the blind sets of round 5 (public pages of other provinces'
governments), on synthetic snippets written for these tests: same shape, own wording.

Those pages are third-party text and stay outside the repository; `tests/real_documents.py`
records which sets were measured blind and which were tuned on afterwards.
"""

from __future__ import annotations

from pathlib import Path

from core.model import Task
from core.pipeline import extract_file


def _tasks(tmp_path: Path, text: str) -> list[Task]:
    f = tmp_path / "doc.txt"
    f.write_text(text, encoding="utf-8")
    return extract_file(f).tasks


_LEADER_IN_ANNOTATION = """\
2023年区《政府工作报告》重点工作任务责任分解方案
一、主要预期目标
1.地区生产总值增长7%以上。(责任领导:王某;牵头单位:区发改局)
2.城乡居民收入稳步增长。（责任领导：王某、李某；牵头单位：区发改局、区农业农村局）
"""


def test_annotation_naming_its_leader_before_its_units(tmp_path: Path) -> None:
    """`（责任领导：X；牵头单位：Y）`: the leader goes to `leader`, the units to the task."""
    got = [(t.lead_units, t.leader) for t in _tasks(tmp_path, _LEADER_IN_ANNOTATION)]
    assert got == [(["区发改局"], "王某"), (["区发改局", "区农业农村局"], "王某、李某")]


_DIVISION_LINES = """\
2021年市《政府工作报告》重点任务分工方案
一、主要预期目标
1.地区生产总值增长6%左右。
分管市领导:张某
部门分工:市发展改革委牵头,各区、各部门配合。
2.一般公共预算收入增长5%左右。
分管市领导：赵某
部门分工：市财政局牵头，各区、各部门配合。
"""


def test_division_label_prints_its_own_roles(tmp_path: Path) -> None:
    """`部门分工：X牵头，Y配合` under an item, after a `分管市领导：` line."""
    got = [
        (t.text, t.lead_units, t.support_units, t.leader) for t in _tasks(tmp_path, _DIVISION_LINES)
    ]
    assert got == [
        ("地区生产总值增长6%左右。", ["市发展改革委"], ["各区", "各部门"], "张某"),
        ("一般公共预算收入增长5%左右。", ["市财政局"], ["各区", "各部门"], "赵某"),
    ]


_HOST_AND_CO_HOST = """\
2013年省《政府工作报告》重点工作分工
一、主要预期目标
(一)地区生产总值增长10%左右。(省发改委负责)(二)公共财政收入增长12%左右。(省财政厅主办,省国税局、地税局协办)
(三)财政收入增长8%左右。（市财政局牵头；市税务局、各县、市、区政府配合）
(四)营造公平准入环境。(市发改委牵头,市投资局、市财政局等市级相关单位,各区县政府配合)
"""


def test_host_co_host_roles_and_county_levels_as_one_collective(tmp_path: Path) -> None:
    """`X主办，Y协办`; `X牵头；Y配合` across a `；`; `各县、市、区政府` is one collective unit;
    `等市级相关单位` is a wrapper, not a name."""
    got = [(t.lead_units, t.support_units) for t in _tasks(tmp_path, _HOST_AND_CO_HOST)]
    assert got == [
        (["省发改委"], []),
        (["省财政厅"], ["省国税局", "地税局"]),
        (["市财政局"], ["市税务局", "各县、市、区政府"]),
        (["市发改委"], ["市投资局", "市财政局", "各区县政府"]),
    ]
