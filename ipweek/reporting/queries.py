"""Reads of the levels pages that more than one caller needs: submissions and the receipt list."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import QuerySet
from django.utils import timezone

from ipweek.campaigns.models import Campaign
from ipweek.reporting.models import CampaignDeadlines, Submission


class ReceiptState(StrEnum):
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"  # withdrawn and not yet submitted again
    NOT_YET = "not_yet"
    OVERDUE = "overdue"  # nothing current, and the deadline has passed


@dataclass(frozen=True)
class Receipt:
    """Where one child campaign stands with its submission to the parent."""

    campaign: Campaign
    latest: Submission | None
    state: ReceiptState

    @property
    def is_late(self) -> bool:
        return self.latest is not None and self.state == ReceiptState.SUBMITTED and self.latest.is_late


def submissions_of(campaign: Campaign) -> QuerySet[Submission]:
    """Every version the campaign has sent upward, newest first."""
    return campaign.submissions.select_related("submitted_by", "withdrawn_by").order_by("-version")


def submission_due(campaign: Campaign) -> dt.datetime | None:
    """When the children of ``campaign`` must have submitted to it."""
    return CampaignDeadlines.objects.filter(campaign_id=campaign.pk).values_list("submission_due", flat=True).first()


def submission_receipts(parent: Campaign, *, now: dt.datetime | None = None) -> list[Receipt]:
    """For each child campaign: its latest submission and whether it is in, withdrawn, not yet in
    or overdue. Three queries whatever the number of children."""
    now = now or timezone.now()
    due = submission_due(parent)
    children = list(parent.children.select_related("region").order_by("region__code", "pk"))
    latest: dict[int, Submission] = {}
    for version in Submission.objects.filter(parent=parent).order_by("campaign_id", "-version"):
        latest.setdefault(version.campaign_id, version)
    receipts = []
    for child in children:
        submission = latest.get(child.pk)
        if submission is not None and submission.status == Submission.Status.SUBMITTED:
            state = ReceiptState.SUBMITTED
        elif due is not None and now > due:
            state = ReceiptState.OVERDUE
        elif submission is not None:
            state = ReceiptState.WITHDRAWN
        else:
            state = ReceiptState.NOT_YET
        receipts.append(Receipt(campaign=child, latest=submission, state=state))
    return receipts
