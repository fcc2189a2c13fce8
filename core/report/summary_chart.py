"""The 汇总 chart: completed and overdue tasks of the units with the most tasks.

A native openpyxl bar chart over the summary table's own cells, so Excel and WPS draw it
themselves and it follows the figures if the clerk corrects a cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.report.data import UnitSummary

CHART_UNITS = 15  # bars beyond this are unreadable on a printed page
COL_UNIT, COL_DONE, COL_OVERDUE = 1, 3, 7  # 牵头单位, 已完成, 已逾期 in SUMMARY_COLUMNS


def add_summary_chart(
    ws: Worksheet, header_row: int, named: Sequence[UnitSummary], anchor_col: int
) -> BarChart | None:
    """A horizontal bar chart of 已完成 / 已逾期 for the first `CHART_UNITS` named units.

    The summary lists named units by task count, largest first, so its first rows are the
    units a superior asks about. No chart for a scope without named units.
    """
    count = min(len(named), CHART_UNITS)
    if count == 0:
        return None
    first, last = header_row + 1, header_row + count
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = f"已完成与已逾期（任务最多的{count}个单位）"
    chart.y_axis.title = "任务数"
    chart.y_axis.majorGridlines = None
    chart.x_axis.scaling.orientation = "maxMin"  # largest unit at the top, as in the table
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    for col in (COL_DONE, COL_OVERDUE):
        data = Reference(ws, min_col=col, max_col=col, min_row=header_row, max_row=last)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=COL_UNIT, min_row=first, max_row=last))
    chart.series[0].graphicalProperties.solidFill = "63BE7B"
    chart.series[1].graphicalProperties.solidFill = "F8696B"
    chart.legend.position = "b"
    chart.width = 8.5  # cm: beside the table, within one A4 landscape page width
    chart.height = max(8.0, 0.75 * count + 3.0)  # one readable label per bar
    ws.add_chart(chart, f"{get_column_letter(anchor_col)}{header_row}")
    return chart
