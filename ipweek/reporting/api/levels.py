"""Rolled-up figures across levels, and submissions upward with the parent's receipt list."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Status

from ipweek.api.auth import current_user
from ipweek.api.schemas import Id, errors
from ipweek.reporting import queries
from ipweek.reporting.api.lookups import campaign_for, service_errors
from ipweek.reporting.api.router import router
from ipweek.reporting.api.schemas import (
    ActivityCountsOut,
    BreakdownOut,
    ReceiptOut,
    RollupOut,
    RollupParams,
    SubmissionOut,
    SubmissionsOut,
    SubmitIn,
    WithdrawIn,
)
from ipweek.reporting.models import Submission
from ipweek.reporting.rollup import BreakdownRow, rollup
from ipweek.reporting.services import submissions as services


def _rows(rows: list[BreakdownRow]) -> list[BreakdownOut]:
    return [
        BreakdownOut(
            key=row.key, label=row.label, totals=row.totals, activities=row.activity_count, reported=row.reported_count
        )
        for row in rows
    ]


@router.get("/{campaign_id}/rollup", response={200: RollupOut, **errors(401, 404, 422)}, summary="Rolled-up figures")
def get_rollup(request: HttpRequest, campaign_id: Id, params: Query[RollupParams]) -> RollupOut:
    """The counted figures (closing reports approved or published) of the campaign and, unless
    ``descendants=false``, every campaign below it — an activity linked to another one in scope is
    counted once — with breakdowns by region, category, priority and outreach channel."""
    campaign, _access = campaign_for(request, campaign_id)
    figures = rollup(campaign, include_descendants=params.descendants)
    return RollupOut(
        campaign_id=campaign.pk,
        include_descendants=params.descendants,
        campaign_ids=figures.campaign_ids,
        generated_at=figures.generated_at,
        totals=figures.totals,
        other=figures.other,
        activities=ActivityCountsOut(total=figures.activity_count, reported=figures.reported_count),
        by_region=_rows(figures.by_region),
        by_category=_rows(figures.by_category),
        by_priority=_rows(figures.by_priority),
        by_channel=_rows(figures.by_channel),
    )


@router.get(
    "/{campaign_id}/submissions", response={200: SubmissionsOut, **errors(401, 404, 422)}, summary="Submissions"
)
def list_submissions(request: HttpRequest, campaign_id: Id) -> SubmissionsOut:
    """What this campaign sent upward (every version, newest first), and the receipt list of its
    child campaigns: who has submitted, who withdrew, who is late."""
    campaign, access = campaign_for(request, campaign_id)
    versions = list(queries.submissions_of(campaign)) if campaign.parent_id else []
    has_current = any(version.status == Submission.Status.SUBMITTED for version in versions)
    receipts = [
        ReceiptOut(
            campaign_id=receipt.campaign.pk,
            title=receipt.campaign.title,
            region=receipt.campaign.region.name,
            state=receipt.state.value,
            is_late=receipt.is_late,
            latest=SubmissionOut.build(receipt.latest) if receipt.latest else None,
        )
        for receipt in queries.submission_receipts(campaign)
    ]
    return SubmissionsOut(
        campaign_id=campaign.pk,
        parent_id=campaign.parent_id,
        due=queries.submission_due(campaign.parent) if campaign.parent else None,
        can_submit=access.can_manage and campaign.parent_id is not None and not has_current,
        versions=[SubmissionOut.build(version) for version in versions],
        receipts_due=queries.submission_due(campaign),
        receipts=receipts,
    )


@router.post(
    "/{campaign_id}/submissions",
    response={201: SubmissionOut, **errors(400, 401, 403, 404, 422)},
    summary="Submit to the higher level",
)
def submit_upward(request: HttpRequest, campaign_id: Id, payload: SubmitIn) -> Status[SubmissionOut]:
    """Office staff freeze the rollup (this campaign and all below it) with a summary and send it to the
    parent campaign. A current submission must be withdrawn first; after the parent's deadline the
    submission is accepted and marked late."""
    campaign, _access = campaign_for(request, campaign_id, manage=True)
    with service_errors():
        submission = services.submit_upward(campaign=campaign, actor=current_user(request), summary=payload.summary)
    return Status(201, SubmissionOut.build(submission))


@router.post(
    "/{campaign_id}/submissions/{submission_id}/withdraw",
    response={200: SubmissionOut, **errors(400, 401, 403, 404, 422)},
    summary="Withdraw a submission",
)
def withdraw_submission(request: HttpRequest, campaign_id: Id, submission_id: Id, payload: WithdrawIn) -> SubmissionOut:
    """Office staff withdraw the current submission, giving a ``reason``; the version is kept, marked withdrawn."""
    campaign, _access = campaign_for(request, campaign_id, manage=True)
    submission = get_object_or_404(Submission.objects.select_related("campaign"), pk=submission_id, campaign=campaign)
    with service_errors():
        submission = services.withdraw_submission(
            submission=submission, actor=current_user(request), reason=payload.reason
        )
    return SubmissionOut.build(submission)
