"""Filing (备案) an activity before it takes place, and the office's review of the filing.

A filing is a draft until submitted; the office approves it or returns it with a comment. An
approved filing may still be edited: it then stays approved, is flagged ``changed_after_approval``
and the audit trail keeps every changed field as ``{field: [old, new]}`` until the office
approves it again. Every save carries the ``version`` the editor started from, so two people
editing at once cannot silently overwrite each other.
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit
from ipweek.core.audit import record_audit
from ipweek.reporting.models import CampaignDeadlines, Filing
from ipweek.units.models import Unit

FILING_FIELDS = (
    "host", "co_hosts", "venue", "latitude", "longitude", "starts_at", "ends_at", "contact_name",
    "contact_phone", "budget", "expected_headcount", "audience", "channels",
)  # fmt: skip
# Needed before a filing can be submitted; a draft may leave them empty.
REQUIRED_TO_SUBMIT = ("host", "venue", "contact_name", "contact_phone")
REVIEWABLE = {Filing.Status.SUBMITTED, Filing.Status.APPROVED}
MAX_HEADCOUNT = 10_000_000
STALE_VERSION = "stale_version"  # the code of the error raised when someone else saved first

_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
# Area code 0xx or 0xxx, then a 7- or 8-digit number, written together or in groups: 0571-88888888, 0571 8888 8888.
_LANDLINE = re.compile(r"^\(?0\d{2,3}\)?[-\s]?\d{3,4}[-\s]?\d{4}$")


def is_valid_phone(value: str) -> bool:
    """A mainland mobile (13800138000, +86 138 0013 8000) or landline (0571-88888888, 0571 8888 8888)."""
    value = value.strip()
    return bool(_MOBILE.match(re.sub(r"[\s-]", "", value)) or _LANDLINE.match(value))


def stale_version_error() -> ValidationError:
    return ValidationError(
        _("This filing has been changed by someone else. Reload the page before editing it."), code=STALE_VERSION
    )


def _aware(day: dt.date, time: dt.time | None) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time or dt.time(9, 0)))


def initial_filing_data(activity: Activity) -> dict[str, Any]:
    """What the activity already says, to pre-fill a new filing."""
    roles = list(activity.unit_roles.all())
    leads = [role.unit.name for role in roles if role.role == ActivityUnit.Role.LEAD]
    co_organisers = [role.unit.name for role in roles if role.role == ActivityUnit.Role.CO_ORGANISER]
    data: dict[str, Any] = {
        "host": "、".join(leads),
        "co_hosts": "、".join(co_organisers),
        "venue": activity.venue,
        "audience": activity.audience,
        "channels": activity.channels,
        "budget": activity.budget,
    }
    if activity.start_date:
        data["starts_at"] = _aware(activity.start_date, activity.start_time)
        if activity.end_time or activity.end_date:
            data["ends_at"] = _aware(activity.end_date or activity.start_date, activity.end_time or dt.time(17, 0))
    return data


def _clean_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def validate_filing(filing: Filing, *, complete: bool) -> None:
    """Raise ``ValidationError`` naming each bad field, in Chinese; ``complete`` also asks for every required field."""
    errors: dict[str, str] = {}
    if complete:
        for name in REQUIRED_TO_SUBMIT:
            if not getattr(filing, name):
                errors[name] = _("Fill this in before submitting the filing.")
    if filing.starts_at is None:
        errors["starts_at"] = _("Give the date and time the activity starts.")
    elif filing.ends_at is not None and filing.ends_at < filing.starts_at:
        errors["ends_at"] = _("The end is before the start.")
    if filing.contact_phone and not is_valid_phone(filing.contact_phone):
        errors["contact_phone"] = _("Enter a mobile number (13800138000) or a landline with area code (0571-88888888).")
    if filing.latitude is not None and not Decimal(-90) <= filing.latitude <= Decimal(90):
        errors["latitude"] = _("Latitude runs from -90 to 90.")
    if filing.longitude is not None and not Decimal(-180) <= filing.longitude <= Decimal(180):
        errors["longitude"] = _("Longitude runs from -180 to 180.")
    if (filing.latitude is None) != (filing.longitude is None) and "latitude" not in errors:
        missing = "longitude" if filing.longitude is None else "latitude"
        errors[missing] = _("Give both latitude and longitude, or neither.")
    if filing.budget is not None and filing.budget < 0:
        errors["budget"] = _("The budget cannot be negative.")
    if filing.expected_headcount is not None and filing.expected_headcount > MAX_HEADCOUNT:
        errors["expected_headcount"] = _("That is more people than any single activity can expect.")
    if errors:
        raise ValidationError(errors)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _diff(before: dict[str, Any], filing: Filing) -> dict[str, list[Any]]:
    return {
        name: [_json_value(before[name]), _json_value(getattr(filing, name))]
        for name in FILING_FIELDS
        if before[name] != getattr(filing, name)
    }


def _mark_submitted(filing: Filing, actor: User) -> None:
    filing.status = Filing.Status.SUBMITTED
    filing.submitted_at = timezone.now()
    filing.submitted_by = actor


@transaction.atomic
def save_filing(
    *, activity: Activity, unit: Unit, data: dict[str, Any], actor: User, version: int, submit: bool = False
) -> Filing:
    """Create or update the activity's filing, as a draft or (``submit``) for review.

    ``version`` is the filing's version when the editor opened it (0 for a new filing); if the
    filing has changed since, nothing is saved. ``unit`` is the unit filing, used when the filing is
    new. Editing an approved filing keeps it approved but flags it ``changed_after_approval``.
    Records ``filing.created``, ``filing.updated`` or ``filing.changed_after_approval`` with the
    changed fields, and ``filing.submitted`` when it is submitted.
    """
    filing = Filing.objects.select_for_update().filter(activity=activity).first()
    is_new = filing is None
    if filing is None:
        if version != 0:
            raise stale_version_error()
        filing = Filing(activity=activity, unit=unit, version=0)
    elif filing.version != version:
        raise stale_version_error()
    before = {name: getattr(filing, name) for name in FILING_FIELDS}
    for name in FILING_FIELDS:
        if name in data:
            value = _clean_text(data[name])
            setattr(filing, name, "" if value is None and isinstance(before[name], str) else value)
    validate_filing(filing, complete=submit)
    changes = {} if is_new else _diff(before, filing)
    was_approved = filing.status == Filing.Status.APPROVED
    submits_now = submit and filing.status in {Filing.Status.DRAFT, Filing.Status.RETURNED}
    if not (is_new or changes or submits_now):
        return filing
    if was_approved and changes:
        filing.changed_after_approval = True
    if submits_now:
        _mark_submitted(filing, actor)
    filing.version += 1
    try:
        with transaction.atomic():
            filing.save()
    except IntegrityError as error:
        # Someone else created the activity's filing between our read and our write.
        raise stale_version_error() from error
    if is_new:
        action = "filing.created"
    elif was_approved and changes:
        action = "filing.changed_after_approval"
    else:
        action = "filing.updated"
    if is_new or changes:
        record_audit(
            actor=actor,
            action=action,
            obj=filing,
            campaign_id=activity.campaign_id,
            activity_id=activity.pk,
            changes=changes,
            version=filing.version,
        )
    if submits_now:
        _record_submitted(filing, actor, activity.campaign_id)
    return filing


def _record_submitted(filing: Filing, actor: User, campaign_id: int) -> None:
    record_audit(
        actor=actor,
        action="filing.submitted",
        obj=filing,
        campaign_id=campaign_id,
        activity_id=filing.activity_id,
        is_late=is_late(filing, filing_due(campaign_id)),
    )


def _locked(filing: Filing, version: int | None) -> Filing:
    current = Filing.objects.select_for_update().select_related("activity").get(pk=filing.pk)
    if version is not None and current.version != version:
        raise stale_version_error()
    return current


@transaction.atomic
def submit_filing(*, filing: Filing, actor: User, version: int | None = None) -> Filing:
    """Send a draft or returned filing to the office for review; records ``filing.submitted``."""
    filing = _locked(filing, version)
    if filing.status not in {Filing.Status.DRAFT, Filing.Status.RETURNED}:
        raise ValidationError(_("Only a draft or returned filing can be submitted."))
    validate_filing(filing, complete=True)
    _mark_submitted(filing, actor)
    filing.version += 1
    filing.save(update_fields=["status", "submitted_at", "submitted_by", "version", "updated_at"])
    _record_submitted(filing, actor, filing.activity.campaign_id)
    return filing


def _review(filing: Filing, *, status: Filing.Status, comment: str, actor: User) -> None:
    filing.status = status
    filing.review_comment = comment
    filing.reviewed_at = timezone.now()
    filing.reviewed_by = actor
    filing.changed_after_approval = False
    filing.version += 1
    filing.save(
        update_fields=[
            "status", "review_comment", "reviewed_at", "reviewed_by", "changed_after_approval", "version", "updated_at",
        ]
    )  # fmt: skip


@transaction.atomic
def approve_filing(*, filing: Filing, actor: User, comment: str = "", version: int | None = None) -> Filing:
    """Approve a submitted filing, or acknowledge changes to an approved one; records ``filing.approved``."""
    filing = _locked(filing, version)
    if filing.status not in REVIEWABLE or (
        filing.status == Filing.Status.APPROVED and not filing.changed_after_approval
    ):
        raise ValidationError(_("Only a submitted filing, or one changed after approval, can be approved."))
    was_changed = filing.changed_after_approval
    _review(filing, status=Filing.Status.APPROVED, comment=comment.strip(), actor=actor)
    record_audit(
        actor=actor,
        action="filing.approved",
        obj=filing,
        campaign_id=filing.activity.campaign_id,
        activity_id=filing.activity_id,
        comment=filing.review_comment,
        changes_acknowledged=was_changed,
    )
    return filing


@transaction.atomic
def return_filing(*, filing: Filing, actor: User, comment: str, version: int | None = None) -> Filing:
    """Send a filing back to its unit with a comment saying what to change; records ``filing.returned``."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say what the unit should change when returning a filing.")})
    filing = _locked(filing, version)
    if filing.status not in REVIEWABLE:
        raise ValidationError(_("Only a submitted or approved filing can be returned."))
    _review(filing, status=Filing.Status.RETURNED, comment=comment.strip(), actor=actor)
    record_audit(
        actor=actor,
        action="filing.returned",
        obj=filing,
        campaign_id=filing.activity.campaign_id,
        activity_id=filing.activity_id,
        comment=filing.review_comment,
    )
    return filing


def filing_due(campaign_id: int) -> dt.datetime | None:
    return CampaignDeadlines.objects.filter(campaign_id=campaign_id).values_list("filing_due", flat=True).first()


def is_late(filing: Filing | None, due: dt.datetime | None, *, now: dt.datetime | None = None) -> bool:
    """Filed after the deadline, or still not filed once it has passed. Late filings are accepted, only flagged."""
    if due is None:
        return False
    if filing is not None and filing.status != Filing.Status.DRAFT:
        return filing.submitted_at is not None and filing.submitted_at > due
    return (now or timezone.now()) > due
