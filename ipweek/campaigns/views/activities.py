from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipweek.campaigns import queries, services
from ipweek.campaigns.forms import ActivityForm
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.permissions import CampaignAccess, get_campaign_for_user
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest


def _activity_for_editing(access: CampaignAccess, campaign: Campaign, activity_id: int) -> Activity:
    activity = queries.activities_for_display(campaign).filter(pk=activity_id).first()
    if activity is None or not access.can_see_activity(activity):
        raise Http404
    if not access.can_edit_activity(activity):
        raise PermissionDenied
    return activity


def _keeps_own_unit(access: CampaignAccess, form: ActivityForm) -> bool:
    """A liaison's activity must stay led or co-organised by the liaison's own unit."""
    if access.can_manage:
        return True
    units = form.unit_assignment()
    own = {unit.pk for unit in [*units.lead, *units.co_organiser]}
    if own & access.liaison_unit_ids:
        return True
    form.add_error("lead_units", _("Your own unit must lead or co-organise the activity."))
    return False


@login_required
def activity_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    activities = queries.visible_activities(campaign, access)
    rows = [(activity, access.can_edit_activity(activity)) for activity in activities]
    return render(request, "campaigns/activity_list.html", {"campaign": campaign, "access": access, "rows": rows})


@login_required
def activity_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    if not (access.can_add_activity and campaign.is_editable):
        raise PermissionDenied
    return _activity_form(request, campaign, access, activity=None)


@login_required
def activity_edit(request: AuthenticatedHttpRequest, pk: int, activity_id: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    activity = _activity_for_editing(access, campaign, activity_id)
    return _activity_form(request, campaign, access, activity=activity)


def _activity_form(
    request: AuthenticatedHttpRequest, campaign: Campaign, access: CampaignAccess, *, activity: Activity | None
) -> HttpResponse:
    initial = {} if activity else {"lead_units": sorted(access.liaison_unit_ids)}
    form = ActivityForm(request.POST or None, instance=activity, campaign=campaign, initial=initial)
    if request.method == "POST" and form.is_valid() and _keeps_own_unit(access, form):
        try:
            saved = services.save_activity(
                campaign=campaign,
                actor=request.user,
                activity=activity,
                data=form.activity_data(),
                units=form.unit_assignment(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Activity “%(title)s” saved.") % {"title": saved.title})
            return redirect("campaigns:activities", campaign.pk)
    context = {"campaign": campaign, "activity": activity, "form": form, "roles": ActivityUnit.Role}
    return render(request, "campaigns/activity_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def activity_delete(request: AuthenticatedHttpRequest, pk: int, activity_id: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    activity = _activity_for_editing(access, campaign, activity_id)
    services.delete_activity(activity=activity, actor=request.user)
    messages.success(request, _("Activity deleted."))
    return redirect(reverse("campaigns:activities", args=[campaign.pk]))
