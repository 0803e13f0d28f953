"""Activity reports: a unit writes same-day news or a closing report; the office reviews and publishes it.

draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published
  ▲                   │                      │
  └──── returned ◀────┴──────return──────────┘

Every change raises the report's ``version`` and writes an audit event. Edits carry the version
the editor started from; the update only happens if nobody changed the report since, so two people
editing at once never silently overwrite each other.
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.permissions import CampaignAccess, access_for
from ipweek.core.audit import record_audit
from ipweek.core.richtext import sanitize_rich_text
from ipweek.reporting.models import ActivityReport
from ipweek.reporting.services.figures import unconfirmed_figures
from ipweek.units.models import Unit

Status = ActivityReport.Status
Kind = ActivityReport.Kind
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})
READER_STATUSES = (Status.APPROVED, Status.PUBLISHED)


def _stale() -> ValidationError:
    return ValidationError(
        {"version": _("This report has been changed by someone else; reload the page and make your change again.")}
    )


def _require_office(actor: User, campaign: Campaign) -> None:
    if not access_for(actor, campaign).can_manage:
        raise PermissionDenied


def _validate(report: ActivityReport, data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    report.title = str(data.get("title", report.title) or "").strip()
    if not report.title:
        errors["title"] = _("A report needs a title.")
    elif len(report.title) > ActivityReport._meta.get_field("title").max_length:  # type: ignore[operator]
        errors["title"] = _("The title is too long.")
    try:
        report.body = sanitize_rich_text(str(data.get("body", report.body) or ""), field="body")
    except ValidationError as error:
        errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    if report.kind not in Kind.values:
        errors["kind"] = _("Choose same-day news or a closing report.")
    return errors


def _closing_report_exists_message() -> str:
    return _("This unit already has a closing report for this activity; change that one instead.")


def _has_other_closing_report(activity: Activity, unit: Unit, report: ActivityReport | None) -> bool:
    others = ActivityReport.objects.filter(activity=activity, unit=unit, kind=Kind.CLOSING)
    if report is not None and report.pk is not None:
        others = others.exclude(pk=report.pk)
    return others.exists()


@transaction.atomic
def save_report(
    *,
    activity: Activity,
    unit: Unit,
    kind: str,
    data: dict[str, Any],
    actor: User,
    version: int | None = None,
    report: ActivityReport | None = None,
) -> ActivityReport:
    """Create a draft report, or change a draft or returned one (``report``) if ``version`` is still current.

    A stale or missing ``version`` is refused and nothing is saved. ``data`` holds ``title`` and
    ``body`` (sanitised rich text). A unit sends one closing report per activity, so its figures are
    counted once (a database constraint holds this too; a parallel request that slips past the check
    gets the same refusal). Writes an audit event.
    """
    is_new = report is None
    target = report if report is not None else ActivityReport(activity=activity, unit=unit)
    if not is_new:
        if target.status not in EDITABLE_STATUSES:
            raise ValidationError({"status": _("Only a draft or returned report can be changed.")})
        if version is None:
            raise _stale()
        if kind != target.kind:
            raise ValidationError({"kind": _("A report's kind cannot be changed; write a new report instead.")})
    target.kind = kind
    errors = _validate(target, data)
    if kind == Kind.CLOSING and _has_other_closing_report(activity, unit, report):
        errors["kind"] = _closing_report_exists_message()
    if errors:
        raise ValidationError(errors)
    if is_new:
        try:
            with transaction.atomic():
                target.save()
        except IntegrityError as error:
            # The check above ran before a parallel request's closing report was committed; the
            # database's one-closing-report constraint (the only unique rule on a new report) caught it.
            if kind != Kind.CLOSING:
                raise
            raise ValidationError({"kind": _closing_report_exists_message()}) from error
    else:
        # One UPDATE that only matches if nobody saved in between, even under concurrent requests.
        changed = ActivityReport.objects.filter(
            pk=target.pk, version=version or 0, status__in=EDITABLE_STATUSES
        ).update(
            title=target.title, body=target.body, kind=target.kind, version=F("version") + 1, updated_at=timezone.now()
        )
        if not changed:
            raise _stale()
        target.refresh_from_db()
    record_audit(
        actor=actor,
        action="report.created" if is_new else "report.updated",
        obj=target,
        campaign_id=activity.campaign_id,
        kind=target.kind,
        title=target.title,
        version=target.version,
    )
    return target


def _lock(report: ActivityReport) -> ActivityReport:
    return ActivityReport.objects.select_for_update().select_related("activity__campaign").get(pk=report.pk)


def _finish(
    report: ActivityReport, locked: ActivityReport, fields: list[str], *, action: str, actor: User, **data: Any
) -> None:
    """Save the locked copy, bring the caller's object up to date and record the change."""
    locked.version += 1
    locked.save(update_fields=[*fields, "version", "updated_at"])
    for name in [*fields, "version", "updated_at"]:
        setattr(report, name, getattr(locked, name))
    record_audit(actor=actor, action=action, obj=locked, campaign_id=locked.activity.campaign_id, **data)


def _is_late(report: ActivityReport, now: Any) -> bool:
    if report.kind == Kind.NEWS:
        return False
    try:
        due = report.activity.campaign.deadlines.report_due
    except ObjectDoesNotExist:
        return False
    return due is not None and now > due


@transaction.atomic
def submit_report(*, report: ActivityReport, actor: User) -> ActivityReport:
    """Send a draft or returned report to the office; marks a closing report late after the report deadline.

    Lateness is decided by the first submission: a report returned for correction is not late for
    being sent again after the deadline. Writes an audit event.
    """
    locked = _lock(report)
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError({"status": _("This report has already been sent.")})
    if locked.kind == Kind.CLOSING and not locked.figures.exists():
        raise ValidationError({"figures": _("A closing report needs at least one figure.")})
    if unconfirmed_figures(locked):
        raise ValidationError(
            {"figures": _("Some figures are unusually large: correct them or tick that they are correct.")}
        )
    now = timezone.now()
    if locked.submitted_at is None:
        locked.is_late = _is_late(locked, now)
    locked.status = Status.SUBMITTED
    locked.submitted_at = now
    locked.submitted_by = actor
    _finish(
        report,
        locked,
        ["status", "submitted_at", "submitted_by", "is_late"],
        action="report.submitted",
        actor=actor,
        is_late=locked.is_late,
    )
    return report


def _record_review(
    report: ActivityReport, locked: ActivityReport, status: str, *, actor: User, comment: str, action: str
) -> None:
    locked.status = status
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = actor
    locked.review_comment = comment.strip()
    fields = ["status", "reviewed_at", "reviewed_by", "review_comment"]
    _finish(report, locked, fields, action=action, actor=actor, comment=locked.review_comment)


@transaction.atomic
def approve_report(*, report: ActivityReport, actor: User, comment: str = "") -> ActivityReport:
    """Office staff accept a submitted report; a closing report's figures then count. Writes an audit event."""
    locked = _lock(report)
    _require_office(actor, locked.activity.campaign)
    if locked.status != Status.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted report can be approved.")})
    if locked.figures.filter(needs_confirmation=True).exists():
        raise ValidationError({"figures": _("Confirm or have the unit correct the flagged figures first.")})
    _record_review(report, locked, Status.APPROVED, actor=actor, comment=comment, action="report.approved")
    return report


@transaction.atomic
def return_report(*, report: ActivityReport, actor: User, comment: str) -> ActivityReport:
    """Office staff send a submitted or approved report back to the unit, saying why. Writes an audit event."""
    locked = _lock(report)
    _require_office(actor, locked.activity.campaign)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what the unit should change.")})
    if locked.status not in {Status.SUBMITTED, Status.APPROVED}:
        raise ValidationError({"status": _("Only a submitted or approved report can be returned.")})
    _record_review(report, locked, Status.RETURNED, actor=actor, comment=comment, action="report.returned")
    return report


@transaction.atomic
def publish_report(*, report: ActivityReport, actor: User) -> ActivityReport:
    """Office staff publish an approved report as a news item (the portal shows it). Writes an audit event."""
    locked = _lock(report)
    _require_office(actor, locked.activity.campaign)
    if locked.status != Status.APPROVED:
        raise ValidationError({"status": _("Only an approved report can be published.")})
    locked.status = Status.PUBLISHED
    locked.published_at = timezone.now()
    _finish(report, locked, ["status", "published_at"], action="report.published", actor=actor)
    return report


# --- reads ---------------------------------------------------------------------------------------
# These belong in a queries module; they live here until reporting has one.


def visible_reports(access: CampaignAccess) -> QuerySet[ActivityReport]:
    """Reports of the campaign the user may read: office staff all, a liaison their unit's and
    everyone's approved or published ones, other readers approved or published ones."""
    reports = ActivityReport.objects.filter(activity__campaign=access.campaign)
    if access.can_manage:
        return reports
    shown = Q(status__in=READER_STATUSES)
    if access.liaison_unit_ids:
        shown |= Q(unit_id__in=access.liaison_unit_ids)
    return reports.filter(shown)


def can_see_report(access: CampaignAccess, report: ActivityReport) -> bool:
    return access.can_manage or report.status in READER_STATUSES or report.unit_id in access.liaison_unit_ids


def can_write_report(access: CampaignAccess, report: ActivityReport) -> bool:
    """Office staff, or a liaison of the report's unit while the campaign still takes reports."""
    if access.can_manage:
        return True
    return report.unit_id in access.liaison_unit_ids and access.campaign.status != Campaign.Status.REPORTED
