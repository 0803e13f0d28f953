import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.core.audit import record_audit
from ipweek.units.models import Membership

CAMPAIGN_FIELDS = (
    "year", "level", "region", "organiser", "title", "theme", "start_date", "end_date", "parent",
    "doc_agency_code", "doc_serial", "addressees", "signatory", "signed_date",
)  # fmt: skip

# draft → issued → running → closed → reported; one step back is allowed before closing.
TRANSITIONS = {
    Campaign.Status.DRAFT: {Campaign.Status.ISSUED},
    Campaign.Status.ISSUED: {Campaign.Status.RUNNING, Campaign.Status.DRAFT},
    Campaign.Status.RUNNING: {Campaign.Status.CLOSED, Campaign.Status.ISSUED},
    Campaign.Status.CLOSED: {Campaign.Status.REPORTED, Campaign.Status.RUNNING},
    Campaign.Status.REPORTED: set(),
}


def default_week(year: int) -> tuple[dt.date, dt.date]:
    """20–26 April, ending on World IP Day."""
    return dt.date(year, 4, 20), dt.date(year, 4, 26)


def validate_campaign(campaign: Campaign) -> None:
    """Raise ``ValidationError`` with field names and Chinese messages for any broken rule."""
    errors: dict[str, str] = {}
    if campaign.start_date and campaign.end_date and campaign.end_date < campaign.start_date:
        errors["end_date"] = _("The end date is before the start date.")
    for name in ("start_date", "end_date"):
        value = getattr(campaign, name)
        if value and campaign.year and value.year != campaign.year:
            errors[name] = _("The date is outside the campaign's year %(year)s.") % {"year": campaign.year}
    duplicate = Campaign.objects.filter(year=campaign.year, region_id=campaign.region_id).exclude(pk=campaign.pk)
    if campaign.region_id and duplicate.exists():
        errors["year"] = _("This region already has a campaign for %(year)s.") % {"year": campaign.year}
    if campaign.parent_id and campaign.parent_id == campaign.pk:
        errors["parent"] = _("A campaign cannot be its own parent.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_campaign(*, actor: User, **fields: Any) -> Campaign:
    """Create a draft campaign; the creator becomes office staff for the organiser unit."""
    year = fields["year"]
    start, end = default_week(year)
    fields.setdefault("start_date", start)
    fields.setdefault("end_date", end)
    if fields.get("start_date") is None:
        fields["start_date"] = start
    if fields.get("end_date") is None:
        fields["end_date"] = end
    campaign = Campaign(**{key: value for key, value in fields.items() if key in CAMPAIGN_FIELDS})
    validate_campaign(campaign)
    campaign.save()
    if actor.is_authenticated:
        Membership.objects.get_or_create(
            user=actor, campaign=campaign, unit=campaign.organiser, role=Membership.Role.OFFICE_STAFF
        )
    record_audit(actor=actor, action="campaign.created", obj=campaign, campaign_id=campaign.pk, title=campaign.title)
    return campaign


@transaction.atomic
def update_campaign(*, campaign: Campaign, actor: User, **fields: Any) -> Campaign:
    """Change a campaign's settings; records which fields changed."""
    changed = []
    for key, value in fields.items():
        if key in CAMPAIGN_FIELDS and getattr(campaign, key) != value:
            setattr(campaign, key, value)
            changed.append(key)
    validate_campaign(campaign)
    campaign.save()
    record_audit(actor=actor, action="campaign.updated", obj=campaign, campaign_id=campaign.pk, fields=changed)
    return campaign


def activities_without_lead(campaign: Campaign) -> list[Activity]:
    return list(
        campaign.activities.exclude(status=Activity.Status.CANCELLED)
        .exclude(unit_roles__role=ActivityUnit.Role.LEAD)
        .order_by("position", "pk")
    )


@transaction.atomic
def change_campaign_status(*, campaign: Campaign, status: str, actor: User) -> Campaign:
    """Move the campaign along draft → issued → running → closed → reported.

    Issuing requires every activity that is not cancelled to have a lead unit.
    """
    if status not in Campaign.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    allowed = TRANSITIONS[Campaign.Status(campaign.status)]
    if status not in allowed:
        raise ValidationError(
            {"status": _("A campaign cannot go from “%(old)s” to “%(new)s”.")
             % {"old": campaign.get_status_display(), "new": Campaign.Status(status).label}}
        )  # fmt: skip
    if status == Campaign.Status.ISSUED:
        missing = activities_without_lead(campaign)
        if missing:
            titles = "、".join(activity.title for activity in missing[:5])
            raise ValidationError(
                {
                    "status": _("Every activity needs a lead unit before the plan is issued: %(titles)s.")
                    % {"titles": titles}
                }
            )
    old = campaign.status
    campaign.status = status
    campaign.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, action="campaign.status", obj=campaign, campaign_id=campaign.pk, old=old, new=status)
    return campaign
