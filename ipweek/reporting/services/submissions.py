"""Submissions upward: a child campaign sends its parent a frozen snapshot of its figures.

The snapshot is the rollup of the campaign and every campaign below it, as JSON, taken when the
office submits; later changes to reports or figures never alter it. A submitted version is the
current one until it is withdrawn (with a reason); submitting again makes the next version.
Every version is kept, and every change leaves an audit event.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign
from ipweek.campaigns.permissions import access_for
from ipweek.core.audit import record_audit
from ipweek.reporting.models import CampaignDeadlines, Submission
from ipweek.reporting.rollup import rollup

MAX_SUMMARY_LENGTH = 20_000


def _check_office_staff(actor: User, campaign: Campaign) -> None:
    if not access_for(actor, campaign).can_manage:
        raise PermissionDenied


@transaction.atomic
def submit_upward(*, campaign: Campaign, actor: User, summary: str) -> Submission:
    """Freeze the campaign's rollup (itself and all below it) and send it to the parent campaign.

    Only the campaign's office staff may; the campaign needs a parent and no current submission
    (withdraw that first). The version is one more than the last; a submission after the parent's
    ``submission_due`` is accepted and marked late. Records ``submission.submitted``.
    """
    _check_office_staff(actor, campaign)
    # Lock the campaign row: two offices submitting at once must not both take the same version.
    campaign = Campaign.objects.select_for_update().select_related("region").get(pk=campaign.pk)
    if campaign.parent_id is None:
        raise ValidationError(_("This campaign has no higher-level campaign to submit to."))
    summary = summary.strip()
    if len(summary) > MAX_SUMMARY_LENGTH:
        raise ValidationError({"summary": _("The summary is too long.")})
    submissions = Submission.objects.filter(campaign=campaign)
    if submissions.filter(status=Submission.Status.SUBMITTED).exists():
        raise ValidationError(_("A submission is already with the higher level. Withdraw it before submitting again."))
    last_version = submissions.order_by("-version").values_list("version", flat=True).first() or 0
    now = timezone.now()
    due = CampaignDeadlines.objects.filter(campaign_id=campaign.parent_id).values_list("submission_due", flat=True)
    due_at = due.first()
    snapshot = rollup(campaign).as_json()
    snapshot["summary"] = summary
    snapshot["campaign"] = {"id": campaign.pk, "title": campaign.title, "region": campaign.region.name}
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                campaign=campaign,
                parent_id=campaign.parent_id,
                version=last_version + 1,
                snapshot=snapshot,
                summary=summary,
                is_late=due_at is not None and now > due_at,
                submitted_at=now,
                submitted_by=actor,
            )
    except IntegrityError as error:  # the constraints caught a race the lock did not (SQLite)
        raise ValidationError(_("Someone else submitted at the same time. Reload the page.")) from error
    record_audit(
        actor=actor,
        action="submission.submitted",
        obj=submission,
        campaign_id=campaign.pk,
        parent_id=campaign.parent_id,
        version=submission.version,
        is_late=submission.is_late,
    )
    return submission


@transaction.atomic
def withdraw_submission(*, submission: Submission, actor: User, reason: str) -> Submission:
    """Withdraw the current submission; the row and its snapshot stay, marked withdrawn.

    Only the campaign's office staff may, and only with a reason. Records ``submission.withdrawn``.
    """
    _check_office_staff(actor, submission.campaign)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for withdrawing the submission.")})
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("This submission has already been withdrawn."))
    submission.status = Submission.Status.WITHDRAWN
    submission.withdrawn_at = timezone.now()
    submission.withdrawn_by = actor
    submission.withdraw_reason = reason
    submission.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdraw_reason"])
    record_audit(
        actor=actor,
        action="submission.withdrawn",
        obj=submission,
        campaign_id=submission.campaign_id,
        version=submission.version,
        reason=reason,
    )
    return submission
