"""A task printed as a form of label lines and value lines (see core.formats.label_lines)."""

from __future__ import annotations

from pathlib import Path

import core
from core.formats.label_lines import rebuild_label_lines

_FORM = [
    "某县2023年政府工作报告重点任务责任分解",
    "具体任务",
    "全面完成方舱医院升级改造,二级以上医疗机构发热门诊应设尽设。",
    "责任单位",
    "卫健局、文旅局",
    "配合单位",
    "各乡镇",
    "完成时限",
    "2023年6月底前",
]


def test_a_label_value_form_reads_as_a_task_with_its_labelled_units(tmp_path: Path) -> None:
    f = tmp_path / "form.txt"
    f.write_text("\n".join(_FORM) + "\n", encoding="utf-8")
    got = [
        (t.text, t.lead_units, t.support_units, t.deadline, t.line) for t in core.extract(f).tasks
    ]
    assert got == [
        (
            "全面完成方舱医院升级改造,二级以上医疗机构发热门诊应设尽设。",
            ["卫健局", "文旅局"],
            ["各乡镇"],
            "2023-06-30",
            3,
        )
    ]


def test_a_table_header_of_labels_one_after_another_is_left_alone() -> None:
    """`序号 / 工作任务 / 责任单位 / 完成时限` then rows: labels do not alternate with values."""
    text = "\n".join(
        ["序号", "工作任务", "责任单位", "完成时限", "1", "建设公园。", "县住建局", "6月底"]
    )
    assert rebuild_label_lines(text) == text


def test_a_single_label_and_value_is_left_alone() -> None:
    """One `责任单位` over one line of units is not yet a form."""
    text = "\n".join(["新建公园3处。", "责任单位", "县住建局"])
    assert rebuild_label_lines(text) == text
