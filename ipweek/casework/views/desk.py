"""The desk at a square event: quick entry (queued in the browser, synced as JSON) and full cases.

Access is :func:`~ipweek.casework.services.desk.desk_access`: anyone without a unit to record for at
the activity's desk gets a 404, like a page that does not exist. The sync endpoint answers JSON
only, including its refusals, because a script reads them.
"""

import json
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ipweek.campaigns.models import Activity
from ipweek.casework import numbering
from ipweek.casework import queries_desk as desk_queries
from ipweek.casework.forms_desk import DeskCaseForm, DeskEntryForm
from ipweek.casework.models import Case, DeskEntry, PersonalDataAccess
from ipweek.casework.services import desk as desk_services
from ipweek.casework.services.desk import DeskAccess
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.core.qr import qr_svg

SERVICE_WORKER = Path(__file__).resolve().parents[1] / "static" / "casework" / "desk_sw.js"
RECEIPTS_KEPT = 20


def _desk(user: Any, activity_id: int) -> DeskAccess:
    activity = Activity.objects.select_related("campaign__region", "campaign__organiser").filter(pk=activity_id).first()
    if activity is None:
        raise Http404
    desk = desk_services.desk_access(user, activity)
    if not desk.allowed:
        raise Http404
    return desk


def _page(request: AuthenticatedHttpRequest, desk: DeskAccess, form: DeskEntryForm, status: int = 200) -> HttpResponse:
    activity = desk.activity
    last_ip_type = (
        DeskEntry.objects.filter(activity=activity, recorded_by=request.user).values_list("ip_type", flat=True).first()
    )
    if last_ip_type and not form.is_bound:
        form.initial["ip_type"] = last_ip_type
    context = {
        "desk": desk,
        "activity": activity,
        "form": form,
        "summary": desk_queries.desk_summary(activity),
        "figures_locked": desk_services.figures_locked(desk),
        "max_batch": desk_services.MAX_BATCH,
    }
    return render(request, "casework/desk_page.html", context, status=status)


@login_required
def desk_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The activities whose desk the user may staff, square days first."""
    desks = desk_queries.desk_activities(request.user)
    if not desks:
        raise Http404
    return render(request, "casework/desk_list.html", {"activities": desks})


@login_required
@never_cache
def desk_page(request: AuthenticatedHttpRequest, activity_id: int) -> HttpResponse:
    """The quick-entry page; a POST here is the no-JavaScript way to record one entry."""
    desk = _desk(request.user, activity_id)
    if request.method != "POST":
        return _page(request, desk, DeskEntryForm(units=desk.units))
    form = DeskEntryForm(request.POST, units=desk.units)
    if not form.is_valid():
        return _page(request, desk, form, status=400)
    entry = {**form.cleaned_data, "recorded_at": timezone.now().isoformat()}
    result = desk_services.record_entries(desk=desk, entries=[entry], actor=request.user)
    if result.failed:
        add_service_errors(form, ValidationError(result.failed[0][1]))
        return _page(request, desk, form, status=400)
    messages.success(request, _("Consultation recorded."))
    return redirect("casework:desk", activity_id=activity_id)


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)


@require_POST
def desk_sync(request: HttpRequest, activity_id: int) -> JsonResponse:
    """Store a batch of queued entries: ``{"entries": [...]}`` → accepted keys with ids, failed keys with reasons."""
    if not request.user.is_authenticated:
        return _error(401, "login", _("Log in again; the entries stay on this tablet."))
    try:
        desk = _desk(request.user, activity_id)
    except Http404:
        return _error(404, "not_found", _("There is no desk here for you."))
    try:
        entries = json.loads(request.body).get("entries")
    except RequestDataTooBig:
        return _error(413, "too_large", _("Too many entries at once."))
    except (ValueError, AttributeError):
        entries = None
    if not isinstance(entries, list):
        return _error(400, "bad_request", _("The entries could not be read."))
    if len(entries) > desk_services.MAX_BATCH:
        message = _("At most %(n)d entries at once.") % {"n": desk_services.MAX_BATCH}
        return _error(413, "too_many", message)
    result = desk_services.record_entries(desk=desk, entries=entries, actor=request.user)
    summary_html = render_to_string(
        "casework/desk_summary.html", {"summary": desk_queries.desk_summary(desk.activity)}, request=request
    )
    return JsonResponse(
        {
            "accepted": [{"key": key, "id": pk} for key, pk in result.accepted],
            "failed": [
                {"key": key, "message": " ".join(m for ms in problems.values() for m in ms), "fields": problems}
                for key, problems in result.failed
            ],
            "figures_locked": result.figures_locked,
            "summary_html": summary_html,
        }
    )


@login_required
def desk_case(request: AuthenticatedHttpRequest, activity_id: int) -> HttpResponse:
    """A full case taken at the desk: it goes to the intake office and is counted for the desk's unit."""
    desk = _desk(request.user, activity_id)
    form = DeskCaseForm(request.POST or None, units=desk.units)
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["idempotency_key"]
        try:
            result = desk_services.open_desk_case(
                desk=desk, unit=desk.unit(form.cleaned_data["unit"]), actor=request.user,
                kind=form.cleaned_data["kind"], topic=form.cleaned_data["topic"], data=form.case_data(),
                idempotency_key=key,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            receipts = request.session.get("desk_receipts", {})
            receipts[result.case.number] = key
            request.session["desk_receipts"] = dict(list(receipts.items())[-RECEIPTS_KEPT:])
            return redirect("casework:desk_receipt", activity_id=activity_id, number=result.case.number)
    status = 400 if form.is_bound else 200
    return render(
        request, "casework/desk_case.html", {"desk": desk, "activity": desk.activity, "form": form}, status=status
    )


def _track_url(request: HttpRequest, case: Case, desk: DeskAccess) -> str:
    campaign = desk.activity.campaign
    kwargs = {"year": campaign.year, "region_slug": campaign.region.slug}
    try:
        path = reverse("casework_public:track", kwargs=kwargs)
    except NoReverseMatch:  # the public pages may not be mounted (yet); the address is fixed
        path = "/{year}/{region_slug}/track/".format(**kwargs)
    return request.build_absolute_uri(f"{path}?number={case.number}")


@login_required
@never_cache
def desk_receipt(request: AuthenticatedHttpRequest, activity_id: int, number: str) -> HttpResponse:
    """The receipt to print or show: number, the access code (only in the session that took the case), QR."""
    desk = _desk(request.user, activity_id)
    case = (
        Case.objects.select_related("office")
        .filter(number=number, activity=desk.activity, channel=Case.Channel.DESK)
        .first()
    )
    if case is None:
        raise Http404
    key = request.session.get("desk_receipts", {}).get(number)
    stored = numbering.stored_key(Case.Channel.DESK, case.office_id, key) if key else ""
    code = numbering.access_code_for(stored) if stored and case.idempotency_key == stored else ""
    track_url = _track_url(request, case, desk)
    context = {"desk": desk, "activity": desk.activity, "case": case, "code": code, "track_url": track_url}
    return render(
        request, "casework/desk_receipt.html", {**context, "qr_svg": qr_svg(track_url, title=_("Track this case"))}
    )


@login_required
@never_cache
def desk_follow_up(request: AuthenticatedHttpRequest, activity_id: int) -> HttpResponse:
    """Contacts left at the desk, unmasked, for the intake office's caseworkers; each view is logged."""
    desk = _desk(request.user, activity_id)
    if not desk.is_caseworker:
        raise Http404
    entries = desk_queries.follow_up_entries(desk.activity)
    if entries:
        PersonalDataAccess.objects.create(
            user=request.user, kind=PersonalDataAccess.Kind.VIEW, detail=f"desk contacts, activity {activity_id}"
        )
    return render(
        request, "casework/desk_follow_up.html", {"desk": desk, "activity": desk.activity, "entries": entries}
    )


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The desk's service worker, served under /casework/desk/ so that its scope covers every desk page."""
    response = HttpResponse(SERVICE_WORKER.read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
