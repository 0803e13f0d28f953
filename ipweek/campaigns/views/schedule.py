"""The week's schedule and the responsibility matrix (units × activities)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from ipweek.campaigns import exporters, queries
from ipweek.campaigns.permissions import get_campaign_for_user
from ipweek.core.http import AuthenticatedHttpRequest


@login_required
def schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    activities = queries.visible_activities(campaign, access)
    context = {"campaign": campaign, "access": access, "schedule": queries.week_schedule(campaign, activities)}
    return render(request, "campaigns/schedule.html", context)


@login_required
def matrix(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    activities = [a for a in queries.visible_activities(campaign, access) if a.parent_id is None]
    context = {
        "campaign": campaign,
        "access": access,
        "activities": activities,
        "rows": queries.responsibility_matrix(activities),
    }
    return render(request, "campaigns/matrix.html", context)


@login_required
def matrix_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    activities = [a for a in queries.visible_activities(campaign, access) if a.parent_id is None]
    content = exporters.matrix_workbook(campaign, activities, queries.responsibility_matrix(activities))
    return exporters.attachment(content, exporters.XLSX, f"{campaign.year}-{campaign.region.slug}-matrix.xlsx")
