"""The statistics workbook (统计表) behind the summary: one sheet per table the summary quotes.

汇总 holds the totals quoted in 三、活动成效 (and what the levels below add); 按类别 the activities
of 二、主要活动 by category; 按地区 this level and each child campaign; 活动明细 every activity of this
level with its figures; 单位 what each unit led and reported. Numbers are numbers, not text.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db.models import Count, Prefetch, Sum
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.documents.plan import activity_date_phrase
from ipweek.documents.summary import CATEGORY_NAMES, METRIC_UNITS
from ipweek.reporting.models import ActivityReport, Figure
from ipweek.reporting.rollup import COUNTING_STATUSES, Totals, counted_figures, rollup
from ipweek.reporting.summary_figures import SummaryFigures, summary_figures

Cell = str | int | float | dt.date | None

METRIC_LABELS: dict[str, str] = {
    Figure.Metric.PARTICIPANTS: "参与群众",
    Figure.Metric.MATERIALS: "发放宣传资料",
    Figure.Metric.CONSULTATIONS: "解答咨询",
    Figure.Metric.COMPLAINTS: "受理投诉",
    Figure.Metric.VIOLATION_REPORTS: "受理举报",
    Figure.Metric.MEDIA_ITEMS: "媒体报道",
    Figure.Metric.ONLINE_VIEWS: "网络浏览量",
    Figure.Metric.TRAININGS: "培训场次",
    Figure.Metric.TRAINEES: "培训人次",
    Figure.Metric.OFFICERS: "出动执法人员",
    Figure.Metric.INSPECTIONS: "检查经营场所",
    Figure.Metric.SEIZED_ITEMS: "查扣侵权假冒商品",
    Figure.Metric.CASES: "立案查处案件",
}
ACTIVITIES_LABEL = "开展活动"
ACTIVITIES_UNIT = "场（项）"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))
_TOTAL_FONT = Font(bold=True)


def statistics_workbook(campaign: Campaign) -> bytes:
    """The campaign's statistics as an XLSX file."""
    figures = summary_figures(campaign)
    book = Workbook()
    book.properties.title = f"{campaign.year}年{campaign.region.name}知识产权宣传周统计表"
    book.remove(book.active)
    _totals_sheet(book.create_sheet("汇总"), figures)
    _category_sheet(book.create_sheet("按类别"), campaign)
    _region_sheet(book.create_sheet("按地区"), campaign, figures)
    _activity_sheet(book.create_sheet("活动明细"), campaign)
    _unit_sheet(book.create_sheet("单位"), campaign)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(value: Decimal | int | None) -> int | float:
    """Whole numbers as integers, the rest as floats, so a spreadsheet sums them."""
    number = Decimal(value or 0)
    return int(number) if number == number.to_integral_value() else float(number)


def _metric_headers() -> list[str]:
    return [f"{label}（{METRIC_UNITS[metric]}）" for metric, label in METRIC_LABELS.items()]


def _metric_cells(totals: Totals) -> list[Cell]:
    return [_number(totals.get(metric)) for metric in METRIC_LABELS]


def _totals_sheet(sheet: Worksheet, figures: SummaryFigures) -> None:
    """指标, 合计, 单位 — with 其中本级 and 其中下级 between them when the campaign has children."""
    total, own = figures.total, figures.own.totals
    lines: list[tuple[str, Cell, Cell, str]] = [
        (ACTIVITIES_LABEL, figures.rollup.activity_count, figures.own.activity_count, ACTIVITIES_UNIT)
    ]
    for metric, label in METRIC_LABELS.items():
        lines.append((label, _number(total.get(metric)), _number(own.get(metric)), METRIC_UNITS[metric]))
    # Free-form figures are summed over all levels only; their split by level is left empty.
    lines += [(extra.label, _number(extra.value), None, extra.unit) for extra in figures.extras]
    if figures.children:
        header = ["指标", "合计", "其中本级", "其中下级", "单位"]
        rows: list[list[Cell]] = [
            [label, total_value, own_value, _difference(total_value, own_value), unit]
            for label, total_value, own_value, unit in lines
        ]
        widths = [20, 14, 14, 14, 10]
    else:
        header = ["指标", "合计", "单位"]
        rows = [[label, total_value, unit] for label, total_value, _own, unit in lines]
        widths = [20, 14, 10]
    _write_table(sheet, header, rows, widths, freeze="B2")


def _difference(total: Cell, own: Cell) -> Cell:
    if not isinstance(total, int | float) or not isinstance(own, int | float):
        return None
    return _number(max(Decimal(str(total)) - Decimal(str(own)), Decimal(0)))


def _category_sheet(sheet: Worksheet, campaign: Campaign) -> None:
    """This level's activities by category, as 二、主要活动 counts them."""
    by_category = {row.key: row for row in rollup(campaign, include_descendants=False).by_category}
    rows: list[list[Cell]] = []
    for category, (name, _measure) in CATEGORY_NAMES.items():
        if category in by_category:
            row = by_category[category]
            rows.append([name, row.activity_count, *_metric_cells(row.totals)])
    totals: list[Cell] = ["合计", *_column_sums(rows, start=1)]
    header = ["类别（本级）", "活动数", *_metric_headers()]
    _write_table(sheet, header, [*rows, totals], [20, 8], freeze="B2", total_row=True)


def _region_sheet(sheet: Worksheet, campaign: Campaign, figures: SummaryFigures) -> None:
    """This level, each child campaign with everything below it, and the total."""
    regions = [(f"{campaign.region.name}（本级）", figures.own), *((row.label, row) for row in figures.children)]
    rows: list[list[Cell]] = [[name, row.activity_count, *_metric_cells(row.totals)] for name, row in regions]
    rows.append(["合计", figures.rollup.activity_count, *_metric_cells(figures.total)])
    _write_table(sheet, ["地区", "活动数", *_metric_headers()], rows, [20, 8], freeze="B2", total_row=True)


def _activity_sheet(sheet: Worksheet, campaign: Campaign) -> None:
    units = Prefetch("unit_roles", queryset=ActivityUnit.objects.select_related("unit").order_by("position", "pk"))
    activities = list(
        campaign.activities.exclude(status=Activity.Status.CANCELLED)
        .order_by("start_date", "start_time", "position", "pk")
        .prefetch_related(units)
    )
    sums: dict[int, Totals] = defaultdict(dict)
    per_activity = (
        counted_figures([campaign.pk])
        .exclude(metric=Figure.Metric.OTHER)
        .values("report__activity_id", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in per_activity:
        sums[row["report__activity_id"]][row["metric"]] = row["total"]
    rows: list[list[Cell]] = []
    for number, activity in enumerate(activities, start=1):
        leads = "、".join(r.unit.name for r in activity.unit_roles.all() if r.role == ActivityUnit.Role.LEAD)
        name = CATEGORY_NAMES.get(activity.category, ("", ""))[0]
        rows.append(
            [
                number,
                activity.title,
                name,
                activity.start_date,
                activity.last_date,
                activity_date_phrase(activity),
                leads,
                *_metric_cells(sums.get(activity.pk, {})),
            ]
        )
    header = ["序号", "活动名称", "类别", "开始日期", "结束日期", "时间", "牵头单位", *_metric_headers()]
    _write_table(sheet, header, rows, [6, 32, 16, 12, 12, 20, 28], freeze="C2")


def _unit_sheet(sheet: Worksheet, campaign: Campaign) -> None:
    roles = (
        ActivityUnit.objects.filter(activity__campaign=campaign)
        .exclude(activity__status=Activity.Status.CANCELLED)
        .values("unit_id", "unit__name", "role")
        .annotate(count=Count("activity_id", distinct=True))
        .order_by()
    )
    names: dict[int, str] = {}
    counts: dict[tuple[int, str], int] = {}
    for row in roles:
        names[row["unit_id"]] = row["unit__name"]
        counts[(row["unit_id"], row["role"])] = row["count"]
    reports = ActivityReport.objects.filter(activity__campaign=campaign).exclude(status=ActivityReport.Status.DRAFT)
    reported = _activities_per_unit(reports.values("unit_id", "unit__name", "activity_id").distinct().order_by())
    counted = reports.filter(
        kind=ActivityReport.Kind.CLOSING,
        status__in=COUNTING_STATUSES,
    )
    approved = _activities_per_unit(counted.values("unit_id", "unit__name", "activity_id").distinct().order_by())
    for unit_id, (name, _count) in {**reported, **approved}.items():
        names.setdefault(unit_id, name)
    rows: list[list[Cell]] = []
    for unit_id, name in sorted(names.items(), key=lambda item: item[1]):
        rows.append(
            [
                name,
                counts.get((unit_id, ActivityUnit.Role.LEAD), 0),
                counts.get((unit_id, ActivityUnit.Role.CO_ORGANISER), 0),
                counts.get((unit_id, ActivityUnit.Role.SUPPORTING), 0),
                reported.get(unit_id, ("", 0))[1],
                approved.get(unit_id, ("", 0))[1],
            ]
        )
    totals: list[Cell] = ["合计", *_column_sums(rows, start=1)]
    header = ["单位", "牵头活动", "承办（协办）活动", "配合活动", "已报送报告的活动", "总结报告已通过的活动"]
    _write_table(sheet, header, [*rows, totals], [32, 10, 14, 10, 16, 18], freeze="B2", total_row=True)


def _activities_per_unit(rows: Iterable[Mapping[str, Any]]) -> dict[int, tuple[str, int]]:
    per_unit: dict[int, tuple[str, int]] = {}
    for row in rows:
        name, count = per_unit.get(row["unit_id"], (row["unit__name"], 0))
        per_unit[row["unit_id"]] = (name, count + 1)
    return per_unit


def _column_sums(rows: list[list[Cell]], *, start: int) -> list[Cell]:
    if not rows:
        return []
    width = max(len(row) for row in rows)
    sums: list[Cell] = []
    for column in range(start, width):
        values = [row[column] for row in rows if column < len(row)]
        numbers = [value for value in values if isinstance(value, int | float)]
        sums.append(_number(sum(Decimal(str(value)) for value in numbers)))
    return sums


def _write_table(
    sheet: Worksheet,
    header: list[str],
    rows: list[list[Cell]],
    widths: list[int],
    *,
    freeze: str,
    total_row: bool = False,
) -> None:
    """A header row in bold on a tint, the rows below, frozen panes, column widths and number formats."""
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(row)
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, int):
                cell.number_format = "#,##0"
    if total_row and rows:
        for cell in sheet[sheet.max_row]:
            cell.font = _TOTAL_FONT
    for index in range(1, len(header) + 1):
        width = widths[index - 1] if index <= len(widths) else 14
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = freeze
