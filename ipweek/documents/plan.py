"""The campaign plan (活动方案) as an official document."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanItem, PlanSection
from ipweek.core.cn import cn_month_day
from ipweek.documents.blocks import Block, Heading, OfficialDocument, Paragraph
from ipweek.documents.text import html_to_paragraphs

_CLOSING_PUNCTUATION = "。！？：；…"


def plan_document(campaign: Campaign) -> OfficialDocument:
    """The plan of ``campaign``: its sections and items, and its activities under the arrangements section.

    Runs a fixed number of queries whatever the size of the plan.
    """
    blocks: list[Block] = []
    has_activities = False
    for number, section in enumerate(_sections(campaign), start=1):
        blocks += _section_blocks(section, number)
        # Activities go under the first arrangements section only.
        if section.kind == PlanSection.Kind.ARRANGEMENTS and not has_activities:
            activities = _top_level_activities(campaign)
            blocks += _activity_blocks(activities, first_number=len(section.items.all()) + 1)
            has_activities = True
    return OfficialDocument(
        title=campaign.title,
        doc_number=campaign.document_number,
        issuer_mark=f"{campaign.organiser.name}文件" if campaign.document_number else "",
        addressees=campaign.addressees,
        blocks=blocks,
        signature=campaign.signatory or campaign.organiser.name,
        signed_date=campaign.signed_date,
    )


def _sections(campaign: Campaign) -> QuerySet[PlanSection]:
    return campaign.sections.order_by("position", "pk").prefetch_related(
        Prefetch("items", queryset=PlanItem.objects.order_by("position", "pk"))
    )


def _top_level_activities(campaign: Campaign) -> list[Activity]:
    live = Activity.objects.exclude(status=Activity.Status.CANCELLED)
    units = Prefetch("unit_roles", queryset=ActivityUnit.objects.select_related("unit").order_by("position", "pk"))
    children = live.order_by("position", "pk").prefetch_related(units)
    return list(
        live.filter(campaign=campaign, parent__isnull=True)
        .order_by("position", "pk")
        .prefetch_related(units, Prefetch("children", queryset=children))
    )


def _section_blocks(section: PlanSection, number: int) -> list[Block]:
    blocks: list[Block] = [Heading(level=1, number=number, text=section.heading)]
    blocks += [Paragraph(text) for text in html_to_paragraphs(section.body)]
    for item_number, item in enumerate(section.items.all(), start=1):
        blocks += _item_blocks(item, item_number)
    return blocks


def _item_blocks(item: PlanItem, number: int) -> list[Block]:
    paragraphs = html_to_paragraphs(item.body)
    run_in, rest = (paragraphs[0], paragraphs[1:]) if paragraphs else ("", [])
    heading = Heading(level=2, number=number, text=_closed(item.title), body=run_in)
    return [heading, *(Paragraph(text) for text in rest)]


def _closed(title: str) -> str:
    """A run-in heading ends with a full stop: 深入宣传，把握导向。"""
    title = title.strip()
    if not title or title[-1] in _CLOSING_PUNCTUATION:
        return title
    return title + "。"


def _activity_blocks(activities: Iterable[Activity], *, first_number: int) -> list[Block]:
    blocks: list[Block] = []
    for number, activity in enumerate(activities, start=first_number):
        blocks.append(Heading(level=2, number=number, text=activity.title))
        blocks += _activity_details(activity)
        for child_number, child in enumerate(activity.children.all(), start=1):
            blocks.append(Heading(level=3, number=child_number, text=child.title))
            blocks += _activity_details(child)
    return blocks


def _activity_details(activity: Activity) -> list[Block]:
    facts = [
        ("时间", activity_date_phrase(activity)),
        ("地点", activity.venue),
        ("牵头单位", _unit_names(activity, ActivityUnit.Role.LEAD)),
        ("承办单位", _unit_names(activity, ActivityUnit.Role.CO_ORGANISER)),
        ("配合单位", _unit_names(activity, ActivityUnit.Role.SUPPORTING)),
    ]
    line = "；".join(f"{label}：{value}" for label, value in facts if value)
    blocks: list[Block] = [Paragraph(line + "。")] if line else []
    return blocks + [Paragraph(text) for text in html_to_paragraphs(activity.description)]


def _unit_names(activity: Activity, role: str) -> str:
    return "、".join(unit_role.unit.name for unit_role in activity.unit_roles.all() if unit_role.role == role)


def activity_date_phrase(activity: Activity) -> str:
    """The date as written (date_text), or one formatted from the dates: 4月21日上午9:30, 4月21日至23日."""
    if activity.date_text:
        return activity.date_text
    if activity.start_date is None:
        return ""
    phrase = cn_month_day(activity.start_date)
    if activity.end_date and activity.end_date != activity.start_date:
        phrase += "至" + _end_day(activity.start_date, activity.end_date)
    if activity.start_time:
        phrase += time_phrase(activity.start_time)
    return phrase + ("（暂定）" if activity.is_tentative else "")


def _end_day(start: dt.date, end: dt.date) -> str:
    same_month = (start.year, start.month) == (end.year, end.month)
    return f"{end.day}日" if same_month else cn_month_day(end)


def time_phrase(value: dt.time) -> str:
    """上午9:30, 中午12:00, 下午2:30, 晚上7:00."""
    if value.hour < 12:
        period, hour = "上午", value.hour
    elif value.hour < 13:
        period, hour = "中午", value.hour
    elif value.hour < 18:
        period, hour = "下午", value.hour - 12
    else:
        period, hour = "晚上", value.hour - 12
    return f"{period}{hour}:{value.minute:02d}"
