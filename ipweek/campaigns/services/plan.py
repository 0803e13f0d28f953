"""Editing the plan: sections in order, each with numbered items."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign, PlanItem, PlanSection
from ipweek.core.audit import record_audit
from ipweek.core.richtext import sanitize_rich_text

Direction = Literal["up", "down"]


def _require_heading(heading: str) -> str:
    heading = heading.strip()
    if not heading:
        raise ValidationError({"heading": _("A section needs a heading.")})
    return heading


def _next_position(queryset: models.QuerySet) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_plan_section(*, campaign: Campaign, actor: User, heading: str, kind: str, body: str = "") -> PlanSection:
    """Append a section at the end of the plan."""
    section = PlanSection.objects.create(
        campaign=campaign,
        heading=_require_heading(heading),
        kind=kind,
        body=sanitize_rich_text(body),
        position=_next_position(campaign.sections.all()),
    )
    record_audit(actor=actor, action="section.added", obj=section, campaign_id=campaign.pk, heading=section.heading)
    return section


@transaction.atomic
def update_plan_section(*, section: PlanSection, actor: User, heading: str, kind: str, body: str) -> PlanSection:
    section.heading = _require_heading(heading)
    section.kind = kind
    section.body = sanitize_rich_text(body)
    section.save()
    record_audit(actor=actor, action="section.updated", obj=section, campaign_id=section.campaign_id)
    return section


@transaction.atomic
def delete_plan_section(*, section: PlanSection, actor: User) -> None:
    record_audit(
        actor=actor, action="section.deleted", obj=section, campaign_id=section.campaign_id, heading=section.heading
    )
    section.delete()


def _swap(siblings: list, index: int, direction: Direction) -> bool:
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, row in enumerate(siblings, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    return True


def _move(row: PlanSection | PlanItem, siblings: models.QuerySet, *, actor: User, direction: Direction) -> bool:
    ordered = list(siblings.select_for_update())
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == row.pk)
    moved = _swap(ordered, index, direction)
    if moved:
        campaign_id = row.campaign_id if isinstance(row, PlanSection) else row.section.campaign_id
        action = "section.moved" if isinstance(row, PlanSection) else "item.moved"
        record_audit(actor=actor, action=action, obj=row, campaign_id=campaign_id, to=direction)
    return moved


@transaction.atomic
def move_plan_section(*, section: PlanSection, actor: User, direction: Direction) -> bool:
    """Move a section one place up or down; returns False at either end."""
    return _move(section, PlanSection.objects.filter(campaign_id=section.campaign_id), actor=actor, direction=direction)


def _clean_item(title: str, body: str) -> tuple[str, str]:
    title, body = title.strip(), body.strip()
    if not (title or body):
        raise ValidationError({"body": _("An item needs a title or a text.")})
    if len(body) > 5000:
        raise ValidationError({"body": _("The text is too long: at most 5000 characters.")})
    return title, body


@transaction.atomic
def add_plan_item(*, section: PlanSection, actor: User, title: str, body: str) -> PlanItem:
    """Append a numbered item to a section."""
    title, body = _clean_item(title, body)
    item = PlanItem.objects.create(
        section=section, title=title, body=body, position=_next_position(section.items.all())
    )
    record_audit(actor=actor, action="item.added", obj=item, campaign_id=section.campaign_id)
    return item


@transaction.atomic
def update_plan_item(*, item: PlanItem, actor: User, title: str, body: str) -> PlanItem:
    item.title, item.body = _clean_item(title, body)
    item.save()
    record_audit(actor=actor, action="item.updated", obj=item, campaign_id=item.section.campaign_id)
    return item


@transaction.atomic
def delete_plan_item(*, item: PlanItem, actor: User) -> None:
    record_audit(actor=actor, action="item.deleted", obj=item, campaign_id=item.section.campaign_id)
    item.delete()


@transaction.atomic
def move_plan_item(*, item: PlanItem, actor: User, direction: Direction) -> bool:
    """Move an item one place up or down within its section; returns False at either end."""
    return _move(item, PlanItem.objects.filter(section_id=item.section_id), actor=actor, direction=direction)
