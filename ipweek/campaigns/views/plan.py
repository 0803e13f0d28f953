"""The plan editor: sections in order, each with numbered items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipweek.campaigns import queries, services
from ipweek.campaigns.forms import ItemForm, SectionForm
from ipweek.campaigns.models import Campaign, PlanItem, PlanSection
from ipweek.campaigns.permissions import get_campaign_for_user
from ipweek.campaigns.services.plan import Direction
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest


def _editor_url(campaign: Campaign, anchor: str = "") -> str:
    return reverse("campaigns:plan", args=[campaign.pk]) + (f"#{anchor}" if anchor else "")


def _direction(request: AuthenticatedHttpRequest) -> Direction:
    return "up" if request.POST.get("direction") == "up" else "down"


@login_required
def plan_editor(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    context = {
        "campaign": campaign,
        "access": access,
        "sections": queries.sections_with_items(campaign),
        "section_form": SectionForm(),
    }
    return render(request, "campaigns/plan.html", context)


@login_required
@require_POST
def section_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            section = services.add_plan_section(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Section added."))
            return redirect(_editor_url(campaign, f"section-{section.pk}"))
    context = {
        "campaign": campaign,
        "access": access,
        "sections": queries.sections_with_items(campaign),
        "section_form": form,
    }
    return render(request, "campaigns/plan.html", context, status=400)


@login_required
def section_edit(request: AuthenticatedHttpRequest, pk: int, section_id: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    section = get_object_or_404(PlanSection, pk=section_id, campaign=campaign)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan_section(section=section, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Section saved."))
            return redirect(_editor_url(campaign, f"section-{section.pk}"))
    context = {"campaign": campaign, "form": form, "section": section}
    return render(request, "campaigns/section_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def section_move(request: AuthenticatedHttpRequest, pk: int, section_id: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    section = get_object_or_404(PlanSection, pk=section_id, campaign=campaign)
    services.move_plan_section(section=section, actor=request.user, direction=_direction(request))
    return redirect(_editor_url(campaign, f"section-{section.pk}"))


@login_required
@require_POST
def section_delete(request: AuthenticatedHttpRequest, pk: int, section_id: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    section = get_object_or_404(PlanSection, pk=section_id, campaign=campaign)
    services.delete_plan_section(section=section, actor=request.user)
    messages.success(request, _("Section deleted."))
    return redirect(_editor_url(campaign))


@login_required
def item_add(request: AuthenticatedHttpRequest, pk: int, section_id: int) -> HttpResponse:
    return _item_form(request, pk, section_id, item_id=None)


@login_required
def item_edit(request: AuthenticatedHttpRequest, pk: int, section_id: int, item_id: int) -> HttpResponse:
    return _item_form(request, pk, section_id, item_id=item_id)


def _item_form(request: AuthenticatedHttpRequest, pk: int, section_id: int, *, item_id: int | None) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    section = get_object_or_404(PlanSection, pk=section_id, campaign=campaign)
    item = get_object_or_404(PlanItem, pk=item_id, section=section) if item_id else None
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                services.add_plan_item(section=section, actor=request.user, **form.cleaned_data)
            else:
                services.update_plan_item(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Item saved."))
            return redirect(_editor_url(campaign, f"section-{section.pk}"))
    context = {"campaign": campaign, "section": section, "item": item, "form": form}
    return render(request, "campaigns/item_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def item_move(request: AuthenticatedHttpRequest, pk: int, section_id: int, item_id: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    item = get_object_or_404(PlanItem, pk=item_id, section_id=section_id, section__campaign=campaign)
    services.move_plan_item(item=item, actor=request.user, direction=_direction(request))
    return redirect(_editor_url(campaign, f"section-{section_id}"))


@login_required
@require_POST
def item_delete(request: AuthenticatedHttpRequest, pk: int, section_id: int, item_id: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    item = get_object_or_404(PlanItem, pk=item_id, section_id=section_id, section__campaign=campaign)
    services.delete_plan_item(item=item, actor=request.user)
    messages.success(request, _("Item deleted."))
    return redirect(_editor_url(campaign, f"section-{section_id}"))
