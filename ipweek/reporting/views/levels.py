"""The progress dashboard with rolled-up figures and charts, and submissions upward.

Readers of a campaign — the office above it through a parent campaign included — see progress,
rollups and submissions; only the campaign's office staff submit or withdraw (403 for others).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipweek.campaigns.models import Campaign
from ipweek.campaigns.permissions import CampaignAccess, get_campaign_for_user
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.reporting import queries
from ipweek.reporting.charts import bar_chart, format_number
from ipweek.reporting.forms_levels import MetricForm, SubmitForm, WithdrawForm
from ipweek.reporting.models import Figure, Submission
from ipweek.reporting.rollup import BreakdownRow, Rollup, rollup
from ipweek.reporting.rollup import progress as activity_progress
from ipweek.reporting.services import submissions as services


@dataclass(frozen=True)
class ChildRow:
    receipt: queries.Receipt
    activity_count: int
    reported_count: int
    value: str  # of the charted metric, rolled up over the child's own subtree


@dataclass(frozen=True)
class MetricRow:
    label: str
    total: str
    own: str


@login_required
def progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    metric_form = MetricForm(request.GET or None)
    metric = metric_form.chosen()
    figures = rollup(campaign)
    has_children = len(figures.by_region) > 1
    children = _child_rows(figures, queries.submission_receipts(campaign), metric) if has_children else []
    context = {
        "campaign": campaign,
        "access": access,
        "progress": activity_progress(campaign, access=access),
        "figures": figures,
        "metric_rows": _metric_rows(figures),
        "has_children": has_children,
        "children": children,
        "metric": metric,
        "metric_label": Figure.Metric(metric).label,
        "metric_form": metric_form,
        "charts": _charts(figures, metric, has_children=has_children),
    }
    return render(request, "reporting/progress.html", context)


def _child_rows(figures: Rollup, receipts: list[queries.Receipt], metric: str) -> list[ChildRow]:
    by_child = {row.key: row for row in figures.by_region}
    rows = []
    for receipt in receipts:
        row = by_child.get(str(receipt.campaign.pk)) or BreakdownRow(key="", label="")
        rows.append(ChildRow(receipt, row.activity_count, row.reported_count, format_number(row.value(metric))))
    return rows


def _metric_rows(figures: Rollup) -> list[MetricRow]:
    own = figures.by_region[0] if figures.by_region else None
    return [
        MetricRow(label=label, total=format_number(total), own=format_number(own.value(metric) if own else 0))
        for metric, label, total in figures.metric_rows()
    ]


def _charts(figures: Rollup, metric: str, *, has_children: bool) -> list[SafeString]:
    name = str(Figure.Metric(metric).label)

    def chart(rows: list[BreakdownRow], title: str) -> SafeString:
        return bar_chart([(row.label, row.value(metric)) for row in rows], title=title % {"metric": name})

    charts = []
    if has_children:
        charts.append(chart(figures.by_region, _("%(metric)s by region")))
    charts.append(chart(figures.by_category, _("%(metric)s by category")))
    if figures.by_priority:
        charts.append(chart(figures.by_priority, _("%(metric)s by priority")))
    charts.append(chart(figures.by_channel, _("%(metric)s by outreach channel")))
    return charts


# --- Submissions upward ------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    submission: Submission
    totals: list[tuple[str, str]]


def _snapshot_totals(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    totals = snapshot.get("totals", {})
    return [(str(m.label), format_number(totals[m.value])) for m in Figure.Metric if m.value in totals]


def _render_submissions(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    access: CampaignAccess,
    *,
    submit_form: SubmitForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    status: int = 200,
) -> HttpResponse:
    has_parent = campaign.parent_id is not None
    versions = (
        [VersionRow(s, _snapshot_totals(s.snapshot)) for s in queries.submissions_of(campaign)] if has_parent else []
    )
    current = next((row.submission for row in versions if row.submission.status == Submission.Status.SUBMITTED), None)
    can_submit = access.can_manage and has_parent and current is None
    context = {
        "campaign": campaign,
        "access": access,
        "has_parent": has_parent,
        "parent_due": queries.submission_due(campaign.parent) if campaign.parent else None,
        "versions": versions,
        "current": current,
        "submit_form": (submit_form or SubmitForm()) if can_submit else None,
        "withdraw_form": (withdraw_form or WithdrawForm()) if access.can_manage and current else None,
        "preview": _snapshot_totals(rollup(campaign).as_json()) if can_submit else [],
        "receipts": queries.submission_receipts(campaign),
    }
    return render(request, "reporting/submissions.html", context, status=status)


@login_required
def submissions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    return _render_submissions(request, campaign, access)


@login_required
@require_POST
def submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            submission = services.submit_upward(
                campaign=campaign, actor=request.user, summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Submitted to the higher level as version %(version)s.") % {"version": submission.version}
            )
            return redirect("reporting:submissions", pk=campaign.pk)
    return _render_submissions(request, campaign, access, submit_form=form, status=400)


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int, submission_id: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    submission = get_object_or_404(Submission, pk=submission_id, campaign=campaign)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_submission(submission=submission, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Version %(version)s withdrawn.") % {"version": submission.version})
            return redirect("reporting:submissions", pk=campaign.pk)
    return _render_submissions(request, campaign, access, withdraw_form=form, status=400)
