"""The end-of-week summary (活动总结) as an official document, and its first draft written from the data.

The draft follows the shape of real county and city summaries (FACTS.md §5): 一、组织领导,
二、主要活动, 三、活动成效, 四、特色亮点, 五、存在问题和下一步打算. The office edits it before issuing.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.core.cn import (
    cn_numeral,
    format_quantity,
)
from ipweek.documents.blocks import Block, Heading, OfficialDocument, Paragraph
from ipweek.documents.plan import activity_date_phrase
from ipweek.reporting.models import ActivityReport, Figure, SummaryDraft
from ipweek.reporting.rollup import Totals
from ipweek.reporting.summary_figures import SummaryFigures, summary_figures

Section = dict[str, Any]

# How the summary names each metric, what it is counted in, and the phrase it is quoted with.
METRIC_NAMES: dict[str, str] = {
    Figure.Metric.PARTICIPANTS: "参与群众",
    Figure.Metric.MATERIALS: "发放宣传资料",
    Figure.Metric.CONSULTATIONS: "解答咨询",
    Figure.Metric.COMPLAINTS: "受理投诉",
    Figure.Metric.VIOLATION_REPORTS: "受理举报",
    Figure.Metric.MEDIA_ITEMS: "刊发媒体报道",
    Figure.Metric.ONLINE_VIEWS: "网络浏览量",
    Figure.Metric.TRAININGS: "举办培训",
    Figure.Metric.TRAINEES: "培训",
    Figure.Metric.OFFICERS: "出动执法人员",
    Figure.Metric.INSPECTIONS: "检查经营场所",
    Figure.Metric.SEIZED_ITEMS: "查扣侵权假冒商品",
    Figure.Metric.CASES: "立案查处案件",
}
METRIC_UNITS: dict[str, str] = {
    Figure.Metric.PARTICIPANTS: "人次",
    Figure.Metric.MATERIALS: "份",
    Figure.Metric.CONSULTATIONS: "人次",
    Figure.Metric.COMPLAINTS: "件",
    Figure.Metric.VIOLATION_REPORTS: "件",
    Figure.Metric.MEDIA_ITEMS: "篇",
    Figure.Metric.ONLINE_VIEWS: "次",
    Figure.Metric.TRAININGS: "场",
    Figure.Metric.TRAINEES: "人次",
    Figure.Metric.OFFICERS: "人次",
    Figure.Metric.INSPECTIONS: "家",
    Figure.Metric.SEIZED_ITEMS: "件",
    Figure.Metric.CASES: "件",
}
# The results paragraph quotes the metrics in these groups, each with its lead-in.
_RESULT_GROUPS: list[tuple[str, list[str]]] = [
    (
        "",
        [
            Figure.Metric.PARTICIPANTS,
            Figure.Metric.MATERIALS,
            Figure.Metric.CONSULTATIONS,
            Figure.Metric.COMPLAINTS,
            Figure.Metric.VIOLATION_REPORTS,
        ],
    ),
    ("宣传报道方面，", [Figure.Metric.MEDIA_ITEMS, Figure.Metric.ONLINE_VIEWS]),
    ("教育培训方面，", [Figure.Metric.TRAININGS, Figure.Metric.TRAINEES]),
    (
        "执法保护方面，",
        [Figure.Metric.OFFICERS, Figure.Metric.INSPECTIONS, Figure.Metric.SEIZED_ITEMS, Figure.Metric.CASES],
    ),
]
# Activity categories as a summary names them, with the measure word they are counted in.
CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    Activity.Category.LAUNCH_CEREMONY: ("启动仪式", "场"),
    Activity.Category.TRAINING: ("培训活动", "场"),
    Activity.Category.SQUARE_DAY: ("广场宣传和咨询活动", "场"),
    Activity.Category.ENFORCEMENT: ("执法行动", "次"),
    Activity.Category.ECOMMERCE: ("电商维权活动", "项"),
    Activity.Category.PATENT_EXHIBITION: ("专利网上展", "项"),
    Activity.Category.REPORT_RELEASE: ("报告和案例发布", "项"),
    Activity.Category.GALA: ("文艺活动", "场"),
    Activity.Category.PRESS_BRIEFING: ("新闻发布会", "场"),
    Activity.Category.OUTREACH_AGENCIES: ("进机关活动", "场"),
    Activity.Category.OUTREACH_ENTERPRISES: ("进企业活动", "场"),
    Activity.Category.OUTREACH_SCHOOLS: ("进校园活动", "场"),
    Activity.Category.OUTREACH_COMMUNITIES: ("进社区活动", "场"),
    Activity.Category.OUTREACH_MALLS: ("进商场活动", "场"),
    Activity.Category.OUTREACH_TOWNSHIPS: ("进乡镇活动", "场"),
    Activity.Category.CONTEST: ("知识竞赛", "场"),
    Activity.Category.MEDIA_CAMPAIGN: ("媒体宣传", "项"),
    Activity.Category.OTHER: ("其他活动", "项"),
}
_SCOPE = {
    Campaign.Level.NATION: "全国",
    Campaign.Level.PROVINCE: "全省",
    Campaign.Level.CITY: "全市",
    Campaign.Level.COUNTY: "全县",
}
_LOWER_LEVELS = {
    Campaign.Level.PROVINCE: "各省（区、市）",
    Campaign.Level.CITY: "各市（州）",
    Campaign.Level.COUNTY: "各县（区）",
}
HIGHLIGHT_LIMIT = 5
PLACEHOLDER = "（请补充）"


def summary_document(draft: SummaryDraft, *, signed_date: dt.date | None = None) -> OfficialDocument:
    """The draft as an official document: numbered level-1 headings, signed by the organiser, dated today."""
    blocks: list[Block] = []
    for number, section in enumerate(draft.sections, start=1):
        blocks.append(Heading(level=1, number=number, text=str(section.get("heading", ""))))
        blocks += [Paragraph(str(text)) for text in section.get("paragraphs", []) if str(text).strip()]
    return OfficialDocument(
        title=draft.title,
        blocks=blocks,
        signature=draft.campaign.organiser.name,
        signed_date=signed_date or timezone.localdate(),
    )


def summary_title(campaign: Campaign) -> str:
    return f"{campaign.year}年{campaign.region.name}知识产权宣传周活动总结"


def draft_summary_sections(campaign: Campaign) -> tuple[str, list[Section]]:
    """The title and sections of a first draft, written from the campaign's activities, figures and news."""
    activities = _own_activities(campaign)
    figures = summary_figures(campaign)
    sections = [
        _section("组织领导", _organisation(campaign, activities)),
        _section("主要活动", _main_activities(activities)),
        _section("活动成效", _results(campaign, figures)),
        _section("特色亮点", _highlights(figures.rollup.campaign_ids)),
        _section("存在问题和下一步打算", _problems()),
    ]
    return summary_title(campaign), sections


def metric_phrase(metric: str, value: Decimal) -> str:
    """参与群众12,345人次."""
    return f"{METRIC_NAMES[metric]}{format_quantity(value)}{METRIC_UNITS[metric]}"


def _section(heading: str, paragraphs: list[str]) -> Section:
    return {"heading": heading, "paragraphs": paragraphs}


def _own_activities(campaign: Campaign) -> list[Activity]:
    units = Prefetch("unit_roles", queryset=ActivityUnit.objects.select_related("unit").order_by("position", "pk"))
    return list(
        campaign.activities.exclude(status=Activity.Status.CANCELLED)
        .order_by("start_date", "start_time", "position", "pk")
        .prefetch_related(units)
    )


def _organisation(campaign: Campaign, activities: list[Activity]) -> list[str]:
    organiser = campaign.organiser.name
    plan = f"《{campaign.title}》" + (f"（{campaign.document_number}）" if campaign.document_number else "")
    theme = f"围绕“{campaign.theme}”主题，" if campaign.theme else ""
    first = (
        f"{organiser}高度重视{campaign.year}年知识产权宣传周活动，{theme}精心组织部署，"
        f"印发{plan}，明确活动主题、重点内容和任务分工，统筹推进宣传周各项工作。"
    )
    units = _participating_units(campaign, activities)
    if not units:
        return [first]
    second = f"各成员单位密切配合、上下联动，共有{len(units)}家单位参与组织活动，分别是：{'、'.join(units)}。"
    return [first, second]


def _participating_units(campaign: Campaign, activities: Iterable[Activity]) -> list[str]:
    names: dict[int, str] = {}
    for activity in activities:
        for role in activity.unit_roles.all():
            if role.unit_id != campaign.organiser_id:
                names.setdefault(role.unit_id, role.unit.name)
    return list(names.values())


def _main_activities(activities: list[Activity]) -> list[str]:
    if not activities:
        return [f"{PLACEHOLDER}宣传周期间开展的主要活动。"]
    by_category: dict[str, list[Activity]] = {category: [] for category in CATEGORY_NAMES}
    for activity in activities:
        by_category.setdefault(activity.category, []).append(activity)
    counts = [
        f"{CATEGORY_NAMES[category][0]}{len(held)}{CATEGORY_NAMES[category][1]}"
        for category, held in by_category.items()
        if held
    ]
    paragraphs = [f"宣传周期间，共组织开展各类活动{len(activities)}场（项），其中{'、'.join(counts)}。"]
    number = 0
    for category, held in by_category.items():
        if not held:
            continue
        number += 1
        name, measure = CATEGORY_NAMES[category]
        details = "；".join(_activity_phrase(activity) for activity in held)
        paragraphs.append(f"（{cn_numeral(number)}）{name}{len(held)}{measure}。{details}。")
    return paragraphs


def _activity_phrase(activity: Activity) -> str:
    """4月21日上午9:30，示例市市场监督管理局牵头开展“知识产权进企业宣讲”."""
    when = activity_date_phrase(activity)
    leads = "、".join(role.unit.name for role in activity.unit_roles.all() if role.role == ActivityUnit.Role.LEAD)
    action = f"{leads}牵头开展" if leads else "开展"
    return (f"{when}，" if when else "") + f"{action}“{activity.title}”"


def _results(campaign: Campaign, figures: SummaryFigures) -> list[str]:
    scope = _SCOPE.get(Campaign.Level(campaign.level), "")
    held = figures.rollup.activity_count
    opening = f"宣传周期间，{scope}共组织开展各类宣传活动{format_quantity(held)}场（项）"
    paragraphs = _metric_sentences(figures.total, opening=opening)
    if figures.children:
        paragraphs += _lower_level_sentence(figures)
    if figures.extras:
        extras = "，".join(f"{extra.label}{format_quantity(extra.value)}{extra.unit}" for extra in figures.extras)
        paragraphs.append(f"此外，{extras}。")
    if not figures.total and not figures.extras:
        paragraphs.append("目前尚无经审核通过的活动数据，请在各单位报送的总结报告审核通过后重新起草。")
    return paragraphs


def _metric_sentences(totals: Totals, *, opening: str) -> list[str]:
    sentences = []
    for lead_in, metrics in _RESULT_GROUPS:
        phrases = [metric_phrase(metric, totals[metric]) for metric in metrics if totals.get(metric)]
        if not lead_in:
            sentences.append("，".join([opening, *phrases]) + "。")
        elif phrases:
            sentences.append(lead_in + "，".join(phrases) + "。")
    return sentences


def _lower_level_sentence(figures: SummaryFigures) -> list[str]:
    lower = _LOWER_LEVELS.get(Campaign.Level(figures.child_level), "各下级") if figures.child_level else "各下级"
    held = figures.lower_level_activity_count
    phrases = [f"开展活动{format_quantity(held)}场（项）"] if held > 0 else []
    phrases += [
        metric_phrase(metric, figures.lower_levels[metric]) for metric in METRIC_NAMES if metric in figures.lower_levels
    ]
    if not phrases:
        return [f"其中{lower}尚无经审核通过的活动数据。"]
    return [f"其中{lower}合计" + "，".join(phrases) + "。"]


def _highlights(scope_ids: list[int]) -> list[str]:
    titles = list(
        ActivityReport.objects.filter(
            activity__campaign_id__in=scope_ids,
            kind=ActivityReport.Kind.NEWS,
            status=ActivityReport.Status.PUBLISHED,
        )
        .order_by("-published_at", "-pk")
        .values_list("title", flat=True)[:HIGHLIGHT_LIMIT]
    )
    if not titles:
        return [f"{PLACEHOLDER}本次宣传周的特色做法和创新亮点。"]
    titles = [title.strip().rstrip("。") for title in titles]
    if len(titles) == 1:
        points = titles[0]
    else:
        points = "；".join(f"{cn_numeral(number)}是{title}" for number, title in enumerate(titles, start=1))
    return [f"宣传周期间，各单位创新宣传形式，形成了一批特色亮点：{points}。"]


def _problems() -> list[str]:
    return [
        f"{PLACEHOLDER}本次宣传周活动中存在的问题和不足。",
        f"{PLACEHOLDER}下一步工作打算：坚持常态化宣传，持续提升知识产权宣传工作实效。",
    ]
