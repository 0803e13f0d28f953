from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipweek.campaigns import queries, services
from ipweek.campaigns.forms import CampaignForm, CloneForm
from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.permissions import get_campaign_for_user
from ipweek.campaigns.services.campaigns import TRANSITIONS, activities_without_lead
from ipweek.core.forms import add_service_errors, model_choice_field
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.units.models import Membership, Unit


@login_required
def campaign_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    campaigns = queries.campaign_list_for(request.user)
    can_create = (
        request.user.is_superuser
        or Membership.objects.filter(user=request.user, role=Membership.Role.OFFICE_STAFF).exists()
    )
    return render(request, "campaigns/list.html", {"campaigns": campaigns, "can_create": can_create})


@login_required
def campaign_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    offices = Membership.objects.filter(user=request.user, role=Membership.Role.OFFICE_STAFF).values("unit_id")
    if not (request.user.is_superuser or offices.exists()):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if not request.user.is_superuser:
        model_choice_field(form, "organiser").queryset = Unit.objects.filter(pk__in=offices)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.create_campaign(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Campaign created."))
            return redirect(campaign)
    status = 400 if form.errors else 200
    return render(request, "campaigns/campaign_form.html", {"form": form}, status=status)


@login_required
def campaign_dashboard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    activities = queries.visible_activities(campaign, access)
    by_status = {status: sum(a.status == status for a in activities) for status in Activity.Status.values}
    context = {
        "campaign": campaign,
        "access": access,
        "activity_count": len(activities),
        "by_status": [(Activity.Status(s).label, n) for s, n in by_status.items()],
        "undated_count": sum(not a.is_dated for a in activities),
        "without_lead": activities_without_lead(campaign) if access.can_manage else [],
        "next_statuses": [Campaign.Status(s) for s in TRANSITIONS[Campaign.Status(campaign.status)]],
        "section_count": campaign.sections.count(),
        "children": campaign.children.select_related("region"),
    }
    return render(request, "campaigns/dashboard.html", context)


@login_required
def campaign_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            campaign.refresh_from_db()
        else:
            messages.success(request, _("Campaign saved."))
            return redirect(campaign)
    status = 400 if form.errors else 200
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign}, status=status)


@login_required
@require_POST
def campaign_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    try:
        services.change_campaign_status(campaign=campaign, status=request.POST.get("status", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        campaign.refresh_from_db()
    else:
        messages.success(request, _("The campaign is now “%(status)s”.") % {"status": campaign.get_status_display()})
    return redirect(campaign)


@login_required
def campaign_clone(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    source, _access = get_campaign_for_user(request.user, pk, manage=True)
    form = CloneForm(request.POST or None, initial={"year": source.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            target = services.clone_campaign(source=source, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Cloned to %(year)s. Activities are drafts until confirmed.") % {"year": target.year}
            )
            return redirect(target)
    status = 400 if form.errors else 200
    return render(request, "campaigns/clone.html", {"form": form, "campaign": source}, status=status)
