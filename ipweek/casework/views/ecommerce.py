"""Pages of the e-commerce fast track: the office's dashboard and opinion, the platform's own requests.

Office pages follow casework's rules (:mod:`ipweek.casework.permissions`): handlers act, readers see the
right holder's contact masked, everyone else gets a 404. Platform pages show a platform user its own
requests only; another platform's request is a 404 too, so numbers do not leak.
"""

import datetime as dt
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipweek.casework import numbering
from ipweek.casework.forms_ecommerce import STEP_FORMS, OpinionForm, RequestForm, VersionForm
from ipweek.casework.models import EcommerceRequest, PersonalDataAccess, Platform
from ipweek.casework.models.cases import OPEN_STATUSES
from ipweek.casework.permissions import CaseworkAccess, casework_access, get_case_for_user, offices_filter
from ipweek.casework.services import ecommerce as services
from ipweek.casework.services.workflow import STEPS
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest

# The trail's actions in words: the workflow's steps and the platform's own.
ACTION_LABELS = {
    "received": gettext_lazy("Received"),
    "platform_measure": gettext_lazy("Platform measure"),
    "counter_notice": gettext_lazy("Seller's declaration received"),
    "complaint_or_suit": gettext_lazy("Right holder complained or sued"),
    "platform_final": gettext_lazy("Final state"),
    **{name: step.label for name, step in STEPS.items()},
}


def _row(request: EcommerceRequest, today: dt.date) -> dict[str, Any]:
    stage = services.stage_of(request, today)
    days_left = services.working_days_left(request, today)
    return {
        "item": request,
        "stage": stage,
        "stage_label": services.STAGE_LABELS[stage],
        "days_left": days_left,
        "days_late": -days_left if days_left is not None and days_left < 0 else 0,
        "is_late_opinion": services.is_late_opinion(request),
    }


# --- office ---------------------------------------------------------------------------------------


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open requests of the user's offices, grouped by platform, with the working days left for the opinion."""
    access = casework_access(request.user)
    if not access.can_view_any:
        raise Http404
    today = timezone.localdate()
    open_requests = (
        EcommerceRequest.objects.filter(offices_filter(access, "case__office_id"), case__status__in=OPEN_STATUSES)
        .filter(final="")
        .exclude(measure=EcommerceRequest.Measure.NONE)
        .select_related("case", "platform")
        .order_by("platform__name", "platform_id", "opinion_due", "pk")
    )
    groups = [
        (platform, [_row(item, today) for item in items])
        for platform, items in groupby(open_requests, key=lambda item: item.platform)
    ]
    return render(request, "casework/ecommerce_dashboard.html", {"groups": groups, "today": today})


def _office_request(user: Any, number: str, *, handle: bool = False) -> tuple[EcommerceRequest, CaseworkAccess]:
    case, access = get_case_for_user(user, number, handle=handle)
    item = EcommerceRequest.objects.select_related("platform").filter(case=case).first()
    if item is None:
        raise Http404
    item.case = case
    return item, access


def _detail_page(
    request: AuthenticatedHttpRequest,
    item: EcommerceRequest,
    access: CaseworkAccess,
    *,
    reveal: bool = False,
    opinion_form: OpinionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_handle = access.can_handle(item.case.office_id)
    can_give_opinion = can_handle and not item.opinion and item.case.status in STEPS["decide"].sources
    if can_give_opinion and opinion_form is None:
        opinion_form = OpinionForm(initial={"version": item.case.version})
    context = {
        **_row(item, timezone.localdate()),
        "contact": services.contact_of(item, reveal=reveal and access.can_see_personal(item.case)),
        "can_handle": can_handle,
        "can_reveal": can_handle and access.can_see_personal(item.case) and not reveal,
        "can_close": can_handle and item.case.status in STEPS["close"].sources,
        "opinion_form": opinion_form if can_give_opinion else None,
        "events": [
            (event, ACTION_LABELS.get(event.action, event.action)) for event in item.case.events.select_related("actor")
        ],
        "evidence_count": item.case.evidence.count(),
    }
    return render(request, "casework/ecommerce_detail.html", context, status=status)


@login_required
def detail(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    item, access = _office_request(request.user, number)
    return _detail_page(request, item, access)


@login_required
@require_POST
def reveal(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    """A handler shows the right holder's contact; who and when is logged."""
    item, access = _office_request(request.user, number, handle=True)
    if access.can_see_personal(item.case):
        PersonalDataAccess.objects.create(
            case=item.case, user=request.user, kind=PersonalDataAccess.Kind.VIEW, detail="ecommerce"
        )
    return _detail_page(request, item, access, reveal=True)


@login_required
@require_POST
def opinion(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    item, access = _office_request(request.user, number, handle=True)
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            services.issue_opinion(
                request=item,
                actor=request.user,
                opinion=form.cleaned_data["opinion"],
                reasons=form.cleaned_data["reasons"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opinion has been issued and the right holder told."))
            return redirect("casework:ecommerce_detail", number=number)
    return _detail_page(request, item, access, opinion_form=form, status=400)


@login_required
@require_POST
def close(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    item, _access = _office_request(request.user, number, handle=True)
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        services.close_request(request=item, actor=request.user, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case has been closed."))
    return redirect("casework:ecommerce_detail", number=number)


# --- platform -------------------------------------------------------------------------------------


def _platform(user: Any) -> Platform:
    platform = services.platform_of(user)
    if platform is None:
        raise Http404
    return platform


def _own_request(platform: Platform, number: str) -> EcommerceRequest:
    item = (
        EcommerceRequest.objects.select_related("case", "platform")
        .filter(platform=platform, case__number=number)
        .first()
    )
    if item is None:
        raise Http404
    return item


@login_required
def platform_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    platform = _platform(request.user)
    today = timezone.localdate()
    items = EcommerceRequest.objects.filter(platform=platform).select_related("case", "platform")
    rows = [_row(item, today) for item in items.order_by("-case__received_at", "-pk")]
    return render(request, "casework/ecommerce_platform_list.html", {"platform": platform, "rows": rows})


@login_required
def platform_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The web form twin of ``POST /api/v1/casework/ecommerce/requests``; a double submit makes one case."""
    platform = _platform(request.user)
    if request.method != "POST":
        form = RequestForm(initial={"idempotency_key": numbering.new_idempotency_key()})
        return render(request, "casework/ecommerce_platform_form.html", {"platform": platform, "form": form})
    form = RequestForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = services.submit_request(
                platform=platform,
                actor=request.user,
                data=data,
                evidence=data["evidence"],
                idempotency_key=data["idempotency_key"] or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Request %(number)s has been sent.") % {"number": result.request.case.number})
            return redirect("casework:ecommerce_platform_request", number=result.request.case.number)
    context = {"platform": platform, "form": form}
    return render(request, "casework/ecommerce_platform_form.html", context, status=400)


def _platform_page(
    request: AuthenticatedHttpRequest, item: EcommerceRequest, bound: dict[str, VersionForm] | None = None
) -> HttpResponse:
    today = timezone.localdate()
    steps = services.platform_steps(item, today)
    initial = {"version": item.case.version}
    offered = {slug for slug in STEP_FORMS if slug.replace("-", "_") in steps}
    if {"restored", "kept"} & set(steps):
        offered.add("final")
    # A refused step keeps its form on the page, with the reason, even when it is no longer offered.
    forms = {
        slug: (bound or {}).get(slug) or form_class(initial=initial)
        for slug, form_class in STEP_FORMS.items()
        if slug in offered or slug in (bound or {})
    }
    finals = [final for final in EcommerceRequest.Final if final.value in steps]
    context = {**_row(item, today), "contact": services.contact_of(item), "forms": forms, "finals": finals}
    return render(request, "casework/ecommerce_platform_detail.html", context, status=400 if bound else 200)


@login_required
def platform_request(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    return _platform_page(request, _own_request(_platform(request.user), number))


@login_required
@require_POST
def platform_step(request: AuthenticatedHttpRequest, number: str, step: str) -> HttpResponse:
    """Record a measure, the seller's declaration, a complaint or suit, or the final state."""
    item = _own_request(_platform(request.user), number)
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _take_step(item, request.user, step, data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect(reverse("casework:ecommerce_platform_request", args=[number]))
    return _platform_page(request, item, {step: form})


def _take_step(item: EcommerceRequest, actor: Any, step: str, data: dict[str, Any]) -> None:
    version = data.get("version")
    if step == "measure":
        services.record_measure(request=item, actor=actor, measure=data["measure"], version=version)
    elif step == "counter-notice":
        services.record_counter_notice(request=item, actor=actor, at=data["at"], version=version)
    elif step == "complaint-or-suit":
        services.record_complaint_or_suit(request=item, actor=actor, version=version)
    else:
        services.finalise(request=item, actor=actor, final=data["final"], version=version)
