"""The suggestion rules on small hand-made directories: what is pooled, what never is."""

from __future__ import annotations

from core.units import NameStat, base_name, kind_of, suggest_groups
from core.units.abbreviations import skipped_words


def _groups(names: dict[str, int], county: str = "兴县", **kw: object) -> list[set[str]]:
    stats = [NameStat(n, i, c) for i, (n, c) in enumerate(sorted(names.items()))]
    return [set(s.names) for s in suggest_groups(county, stats, **kw)]  # type: ignore[arg-type]


def test_base_names_drop_the_county_prefix_brackets_and_vertical_bodies() -> None:
    for name in ("兴县农业农村局", "县农业农村局", "农业农村局", " 县 农业农村局 "):
        assert base_name(name, "兴县") == "农业农村局"
    assert base_name("县应急管理局（县安委办）", "交城县") == "应急管理局"
    assert base_name("国家税务总局交城县税务局", "交城县") == "税务局"
    assert base_name("吕梁市生态环境局兴县分局", "兴县") == "市生态环境局兴县分局"
    assert base_name("蔡家会镇人民政府", "兴县") == "蔡家会镇"
    assert base_name("共青团交城县委员会", "交城县") == "共青团交城县委员会"


def test_short_forms_follow_the_general_rule() -> None:
    for short, long in (
        ("发改局", "发展和改革局"),
        ("工信局", "工业和信息化局"),
        ("文旅局", "文化和旅游局"),
        ("住建局", "住房和城乡建设局"),
        ("人社局", "人力资源和社会保障局"),
        ("市场监管局", "市场监督管理局"),
        ("交通局", "交通运输局"),
    ):
        assert skipped_words(short, long) is not None, (short, long)
    for short, long in (
        ("自然资源局", "规划和自然资源局"),  # the first word must lead
        ("卫生健康局", "卫生健康和体育局"),  # 体育 is not a generic word to leave out
        ("教科局", "教育局"),
        ("发改委", "发展和改革局"),  # another suffix
    ):
        assert skipped_words(short, long) is None, (short, long)


def test_kinds() -> None:
    assert kind_of("各乡（镇）") == kind_of("县直各部门") == "collective"
    assert kind_of("负有安全监管职责的部门") == "collective"
    assert kind_of("蔚汾镇人民政府") == "township"
    assert kind_of("兴县水务投资建设有限公司") == "enterprise"
    assert kind_of("县民政局") == "department"


def test_a_slip_only_beside_a_frequent_name_and_never_between_real_bureaus() -> None:
    assert _groups({"县发改局": 14, "县展改局": 1}) == [{"县发改局", "县展改局"}]
    assert _groups({"县财政局": 14, "县民政局": 1}) == []
    assert _groups({"县发改局": 2, "县展改局": 1}) == []  # not frequent enough


def test_an_ambiguous_short_form_is_left_alone() -> None:
    # 教育体育局 leaves out a real word; 教育管理局 only a generic one
    assert _groups({"县教育局": 2, "县教育体育局": 4, "县教育管理局": 1}) == [
        {"县教育局", "县教育管理局"}
    ]
    assert _groups({"县教育局": 2, "县教育体育局": 4, "县教育科技局": 1}) == []
    assert _groups({"县应急局": 2, "县应急管理局": 5, "县应急服务局": 3}) == []


def test_collectives_merge_only_with_collectives() -> None:
    got = _groups({"各乡（镇）": 3, "各乡镇": 2, "乡镇人民政府": 1, "乡镇局": 1})
    assert got == [{"各乡（镇）", "各乡镇", "乡镇人民政府"}]


def test_rejected_pairs_are_not_suggested() -> None:
    names = {"县发改局": 3, "县发展和改革局": 2, "发改局": 1}
    assert _groups(names) == [{"县发改局", "县发展和改革局", "发改局"}]
    got = _groups(names, rejected=[("县发改局", "发改局"), ("县发展和改革局", "发改局")])
    assert got == [{"县发改局", "县发展和改革局"}]
