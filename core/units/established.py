"""Names of real county departments, so a rare one is never taken for a typo of another.

`县民政局` and `县财政局` differ in one character, as do `县展改局` (a slip) and `县发改局`.
What tells them apart is that 民政局 is a department every county has. A name is
established when it is in this table, or the ledger sees it in another county's
documents, or it names several tasks; only a name that is none of these can be a slip.
The table is the small part the general rules cannot know.
"""

from __future__ import annotations

KNOWN_DEPARTMENTS = frozenset(
    """
    发展和改革局 发改局 发改委 教育局 教育科技局 教科局 教育体育局 科技局 工业和信息化局 工信局
    公安局 民政局 司法局 财政局 人力资源和社会保障局 人社局 自然资源局 规划和自然资源局
    生态环境局 住房和城乡建设局 住建局 住房和城乡建设管理局 交通运输局 交通局 水利局 水务局
    农业农村局 商务局 文化和旅游局 文旅局 卫生健康局 卫健局 卫健委 卫生健康和体育局 卫体局
    退役军人事务局 应急管理局 应急局 审计局 市场监督管理局 市场监管局 统计局 医疗保障局 医保局
    林业局 能源局 行政审批服务管理局 行政审批局 信访局 气象局 税务局 体育局 档案局 地震局
    乡村振兴局 扶贫办 金融办 政府办 县委办 人大办 政协办 纪委监委 宣传部 组织部 统战部 政法委
    编办 网信办 总工会 团委 妇联 残联 科协 工商联 红十字会 融媒体中心 公路段 供销社 消防救援大队
    交警大队 交管大队 人武部 法院 人民法院 检察院 人民检察院 国资委 机关事务服务中心 数据局
    """.split()
)


def is_established(base: str, other_counties: frozenset[str], count: int) -> bool:
    """Whether `base` is a real unit's name beyond doubt (see the module docstring)."""
    return base in KNOWN_DEPARTMENTS or base in other_counties or count >= 3
