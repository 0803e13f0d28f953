"""Turning a PlanDraft (what ``ipweek.plantext`` read from a plan) into a campaign, or into more of one.

One transaction each: a rule broken anywhere (a duplicate campaign, a date outside the year, an
issued campaign's activity without a lead unit) saves nothing. Errors name their place:
``activities.3.title`` is the fourth activity, depth first, as the preview numbers them.
"""

import datetime as dt
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns import importing
from ipweek.campaigns.models import Activity, Campaign, PlanSection
from ipweek.campaigns.services.activities import UnitAssignment, save_activity
from ipweek.campaigns.services.campaigns import create_campaign, default_week
from ipweek.campaigns.services.plan import add_plan_item, add_plan_section, update_plan_section
from ipweek.core.audit import record_audit
from ipweek.plantext.draft import ActivityDraft, PlanDraft, SectionDraft
from ipweek.units.models import Region, Unit

# The command line imports without a user; the services below only ask ``actor.is_authenticated``.
Actor = User | AnonymousUser

ITEM_MAX_CHARS = 5000  # PlanItem text, as services.plan enforces
_DOC_NUMBER = re.compile(r"^(?P<code>.+?)\s*[〔\[［(（](?P<year>\d{4})[〕\]］)）]\s*第?(?P<serial>\d+)\s*号$")
_DATE_LINE = re.compile(r"^[0-9〇零一二三四五六七八九十○Ｏ]{2,4}\s*年.{1,3}月.{1,3}日$")


@dataclass
class ImportOutcome:
    """What an import did, for the message the page or the command shows."""

    campaign: Campaign
    sections: int = 0
    activities: int = 0
    created_units: list[Unit] = field(default_factory=list)
    unmatched_names: list[str] = field(default_factory=list)


def _check_kind(draft: PlanDraft, allow_report: bool) -> None:
    if draft.kind in importing.REPORT_KINDS and not allow_report:
        raise ValidationError(
            {"confirm_report": _("This text reads as an activity summary or a news report, not a plan. "
                                 "Confirm that you want to import it anyway.")}
        )  # fmt: skip


def _fit(value: str | None, limit: int) -> tuple[str, str]:
    """The value cut to ``limit`` characters, and the whole value when it had to be cut (else "")."""
    text = (value or "").strip()
    return (text, "") if len(text) <= limit else (text[: limit - 1] + "…", text)


@contextmanager
def _errors_at(prefix: str) -> Iterator[None]:
    """Re-raise a service's ValidationError with each field named after its place in the draft."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise ValidationError({prefix.rstrip("."): error.messages}) from error
        raise ValidationError({f"{prefix}{name}": messages for name, messages in error.message_dict.items()}) from error


def _campaign_dates(draft: PlanDraft, year: int) -> tuple[dt.date, dt.date]:
    default_start, default_end = default_week(year)
    start = importing.iso_date(draft.start_date, year=year)
    end = importing.iso_date(draft.end_date, year=year)
    if start and end and end >= start:
        return start, end
    if start:
        return start, max(start, min(start + dt.timedelta(days=6), dt.date(year, 12, 31)))
    if end:
        return min(end, default_start), end
    return default_start, default_end


def normalise_spaces(text: str) -> str:
    return " ".join(text.split())


def _document_number(draft: PlanDraft, year: int) -> dict[str, Any]:
    """桂知发〔2017〕5号 → agency code 桂知发 and serial 5, when the number is of the campaign's year."""
    match = _DOC_NUMBER.match(normalise_spaces(draft.doc_number or ""))
    if not match or int(match["year"]) != year or len(match["code"]) > 32:
        return {}
    return {"doc_agency_code": match["code"], "doc_serial": int(match["serial"])}


@transaction.atomic
def create_campaign_from_draft(
    *,
    draft: PlanDraft,
    actor: Actor,
    region: Region,
    organiser: Unit,
    year: int,
    level: str,
    create_units: Collection[str] = frozenset(),
    co_organisers: Collection[str] = frozenset(),
    allow_report: bool = False,
) -> ImportOutcome:
    """Create a draft campaign from a plan: title, theme and dates from the draft (20–26 April when it
    gives none), every section with its items, every activity with its sub-activities and units.

    Unit names are matched to units of the region (:func:`importing.match_units`); names in
    ``create_units`` that match nothing become member units of the region; names in
    ``co_organisers`` take supporting units' place as co-organisers. Names left unmatched are
    written into the activity's description. Summaries and news reports are refused unless
    ``allow_report``. The services called write the audit trail, plus one ``campaign.imported``.
    """
    _check_kind(draft, allow_report)
    # Domain text, not interface text: it goes into the plan document as written (decision 0002).
    title, _long_title = _fit(draft.title or f"{year}年{region.name}知识产权宣传周活动方案", 200)
    theme, _long_theme = _fit(draft.theme, 128)
    start, end = _campaign_dates(draft, year)
    campaign = create_campaign(
        actor=cast(User, actor),
        year=year,
        level=level,
        region=region,
        organiser=organiser,
        title=title,
        theme=theme,
        start_date=start,
        end_date=end,
        signed_date=importing.iso_date(draft.signed_date),
        **_document_number(draft, year),
    )
    return _import_contents(
        draft=draft, campaign=campaign, actor=actor, create_units=create_units, co_organisers=co_organisers
    )


@transaction.atomic
def merge_draft_into_campaign(
    *,
    draft: PlanDraft,
    campaign: Campaign,
    actor: Actor,
    create_units: Collection[str] = frozenset(),
    co_organisers: Collection[str] = frozenset(),
    allow_report: bool = False,
) -> ImportOutcome:
    """Append a plan's sections and activities to an existing campaign; the campaign's own settings
    stay as they are. Sections whose heading the campaign already has take the new items under
    that heading. Otherwise as :func:`create_campaign_from_draft`."""
    _check_kind(draft, allow_report)
    if not campaign.is_editable:
        raise ValidationError({"campaign": _("This campaign is closed; nothing can be added to it.")})
    return _import_contents(
        draft=draft, campaign=campaign, actor=actor, create_units=create_units, co_organisers=co_organisers
    )


def _import_contents(
    *,
    draft: PlanDraft,
    campaign: Campaign,
    actor: Actor,
    create_units: Collection[str],
    co_organisers: Collection[str],
) -> ImportOutcome:
    outcome = ImportOutcome(campaign=campaign)
    user = cast(User, actor)
    outcome.sections = _import_sections(draft, campaign, user)
    units, outcome.created_units = _resolve_units(draft, campaign, user, create_units)
    outcome.unmatched_names = [name for name, unit in units.items() if unit is None]
    importer = _ActivityImporter(campaign, user, units, {name.strip() for name in co_organisers})
    for number, (activity, parent) in enumerate(_flattened(draft.activities)):
        importer.save(activity, number, parent)
    outcome.activities = len(importer.saved)
    record_audit(
        actor=actor,
        action="campaign.imported",
        obj=campaign,
        campaign_id=campaign.pk,
        kind=draft.kind,
        sections=outcome.sections,
        activities=outcome.activities,
        created_units=[unit.pk for unit in outcome.created_units],
        unmatched=outcome.unmatched_names,
    )
    return outcome


# --- sections ----------------------------------------------------------------------------------


def _headless_text(section: SectionDraft, draft: PlanDraft, *, is_first: bool) -> str:
    """What a section without a heading adds: the preamble without the title line, the closing part
    without the signature and date lines."""
    dropped = {normalise_spaces(draft.title or "")}
    if not is_first:
        dropped.add(normalise_spaces(draft.issuer or ""))
    lines = [normalise_spaces(line) for line in section.text.splitlines()]
    kept = [line for line in lines if line and line not in dropped and not (not is_first and _DATE_LINE.match(line))]
    return "\n".join(kept)


def _import_sections(draft: PlanDraft, campaign: Campaign, actor: User) -> int:
    existing = {section.heading: section for section in campaign.sections.all()}
    activity_titles = {normalise_spaces(a.title) for a, _depth in importing.walk_activities(draft.activities)}
    count = 0
    for index, section in enumerate(draft.sections):
        prefix = f"sections.{index}."
        heading, _long = _fit(section.heading, 120)
        text = section.text
        if not heading:
            text = _headless_text(section, draft, is_first=index == 0)
            if not (text or section.items):
                continue
            heading = "前言" if index == 0 else "其他"
        kind: str = section.kind if section.kind in PlanSection.Kind.values else PlanSection.Kind.OTHER
        target = existing.get(heading)
        body = importing.paragraphs_html(text)
        with _errors_at(prefix):
            if target is None:
                target = add_plan_section(campaign=campaign, actor=actor, heading=heading, kind=kind, body=body)
                existing[heading] = target
                count += 1
            elif body:
                update_plan_section(
                    section=target, actor=actor, heading=target.heading, kind=target.kind, body=target.body + body
                )
        items = section.items
        if kind == PlanSection.Kind.ARRANGEMENTS:
            # The activities are printed under this section; their titles must not appear twice.
            items = [item for item in items if normalise_spaces(item) not in activity_titles]
        for item in items:
            for start in range(0, len(item.strip()), ITEM_MAX_CHARS):
                with _errors_at(prefix):
                    add_plan_item(
                        section=target, actor=actor, title="", body=item.strip()[start : start + ITEM_MAX_CHARS]
                    )
    has_arrangements = campaign.sections.filter(kind=PlanSection.Kind.ARRANGEMENTS).exists()
    if draft.activities and not has_arrangements:
        # The plan document prints activities under the arrangements section: without one they would vanish.
        add_plan_section(campaign=campaign, actor=actor, heading="活动安排", kind=PlanSection.Kind.ARRANGEMENTS)
        count += 1
    return count


# --- units -------------------------------------------------------------------------------------


def _resolve_units(
    draft: PlanDraft, campaign: Campaign, actor: User, create_units: Collection[str]
) -> tuple[dict[str, Unit | None], list[Unit]]:
    names = importing.unit_names_in(draft)
    wanted = {name.strip() for name in create_units}
    resolved: dict[str, Unit | None] = {}
    created: list[Unit] = []
    for match in importing.match_units(names, region=campaign.region):
        unit = match.unit
        if unit is None and match.name in wanted and len(match.name) <= 128:
            unit, is_new = Unit.objects.get_or_create(
                region=campaign.region, name=match.name, defaults={"kind": Unit.Kind.MEMBER}
            )
            if is_new:
                created.append(unit)
                record_audit(actor=actor, action="unit.created", obj=unit, campaign_id=campaign.pk, name=unit.name)
        resolved[match.name] = unit
    return resolved, created


# --- activities --------------------------------------------------------------------------------


def _flattened(activities: list[ActivityDraft]) -> Iterator[tuple[ActivityDraft, ActivityDraft | None]]:
    """Depth first, each with the top-level activity it belongs to: campaigns hold two levels, so
    a sub-sub-activity becomes one more sub-activity of its top-level activity."""
    for activity in activities:
        yield activity, None
        for child, _depth in importing.walk_activities(activity.children):
            yield child, activity


class _ActivityImporter:
    def __init__(self, campaign: Campaign, actor: User, units: dict[str, Unit | None], co_organisers: set[str]):
        self.campaign, self.actor, self.units, self.co_organisers = campaign, actor, units, co_organisers
        self.saved: dict[int, Activity] = {}  # id(draft) → saved activity

    def save(self, draft: ActivityDraft, number: int, parent: ActivityDraft | None) -> Activity:
        assignment, unmatched = self._assignment(draft)
        data = self._data(draft, unmatched)
        data["parent"] = self.saved[id(parent)] if parent is not None else None
        with _errors_at(f"activities.{number}."):
            activity = save_activity(campaign=self.campaign, actor=self.actor, data=data, units=assignment)
        self.saved[id(draft)] = activity
        return activity

    def _assignment(self, draft: ActivityDraft) -> tuple[UnitAssignment, list[str]]:
        lead: list[Unit] = []
        co_organiser: list[Unit] = []
        supporting: list[Unit] = []
        unmatched: list[str] = []
        seen: set[int] = set()
        rows = [(name, "lead") for name in draft.lead_units] + [(name, "support") for name in draft.support_units]
        for raw_name, role in rows:
            name = raw_name.strip()
            if not name:
                continue
            unit = self.units.get(name)
            if unit is None:
                unmatched.append(f"{name}（{'牵头' if role == 'lead' else '配合'}）")
                continue
            if unit.pk in seen:
                continue
            seen.add(unit.pk)
            if role == "lead":
                lead.append(unit)
            elif name in self.co_organisers:
                co_organiser.append(unit)
            else:
                supporting.append(unit)
        return UnitAssignment(lead=lead, co_organiser=co_organiser, supporting=supporting), unmatched

    def _data(self, draft: ActivityDraft, unmatched: list[str]) -> dict[str, Any]:
        year = self.campaign.year
        title, long_title = _fit(draft.title, 200)
        date_text, long_date = _fit(draft.date_text, 120)
        venue, long_venue = _fit(draft.venue, 200)
        start = importing.iso_date(draft.start_date, year=year)
        end = importing.iso_date(draft.end_date, year=year) if start else None
        if end is not None and start is not None and end < start:
            end = None
        start_time, end_time = importing.parse_time(draft.time_text or draft.date_text)
        if start is None:
            start_time = end_time = None  # a time needs a day (decision 0001)
        elif end not in (None, start):
            end_time = None
        written = (("原标题", long_title), ("原时间", long_date), ("原地点", long_venue))
        notes = [f"（{label}：{value}）" for label, value in written if value]
        if unmatched:
            notes.append("（未匹配单位：" + "、".join(unmatched) + "）")
        description = importing.paragraphs_html("\n".join([draft.description, *notes]))
        phrase = f"{draft.date_text or ''}{draft.time_text or ''}"
        return {
            "title": title,
            "category": importing.guess_category(title),
            "description": description,
            "date_text": date_text,
            "start_date": start,
            "end_date": end,
            "start_time": start_time,
            "end_time": end_time,
            "is_tentative": "暂定" in phrase,
            "venue": venue,
            "status": Activity.Status.DRAFT,
        }
