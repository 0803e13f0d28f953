"""The citizen's side of the 12330 desk on a campaign's public site: submit a case, then track it.

No login. Two secrets protect a case: its number and the access code shown once on the receipt.
Both pages are rate-limited per client address (``core.ratelimit``; the address is REMOTE_ADDR, so a
reverse proxy must pass the real client's address there) and never cached, because the receipt
and the tracking result are for one person only.

The receipt is answered with 200, not a redirect: the form's idempotency key makes a repeated POST
return the same case and code, so reloading the receipt is harmless and nothing is doubled.
"""

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ipweek.campaigns.models import Campaign
from ipweek.casework import deadlines, numbering
from ipweek.casework.forms_public import PUBLIC_KIND_VALUES, PublicCaseForm, TrackForm, requirements_by_kind
from ipweek.casework.models import Case
from ipweek.casework.services.intake import IntakeResult, office_for_campaign, submit_case
from ipweek.core import ratelimit
from ipweek.core.forms import add_service_errors
from ipweek.core.qr import qr_svg_document
from ipweek.portal.queries import HOTLINE, public_campaign

# What the public may see of each step of a case's trail; anything else (working notes,
# personal-data reveals, …) stays internal.
PUBLIC_STEPS: dict[str, Promise] = {
    "received": gettext_lazy("Received"),
    "accept": gettext_lazy("Accepted for handling"),
    "refuse": gettext_lazy("Not accepted"),
    "request_material": gettext_lazy("More material requested"),
    "material_received": gettext_lazy("Material received"),
    "assign": gettext_lazy("Handed to a caseworker"),
    "mediate": gettext_lazy("Mediation started"),
    "investigate": gettext_lazy("Investigation started"),
    "transfer": gettext_lazy("Transferred to the competent body"),
    "decide": gettext_lazy("Decision made"),
    "close": gettext_lazy("Case closed"),
    "reopen": gettext_lazy("Reopened"),
}
# Only these notes are written to the complainant (the reasons of a refusal, what material is missing).
NOTES_FOR_COMPLAINANT = frozenset({"refuse", "request_material"})


def _context(campaign: Campaign, section: str, **extra: object) -> dict[str, object]:
    return {"campaign": campaign, "section": section, "hotline": HOTLINE, **extra}


def _is_allowed(request: HttpRequest, scope: str, limit: int) -> bool:
    return ratelimit.hit(scope, ratelimit.client_address(request), limit, settings.IPWEEK_RATE_WINDOW)


def _too_many(request: HttpRequest, campaign: Campaign, section: str) -> HttpResponse:
    minutes = max(1, -(-settings.IPWEEK_RATE_WINDOW // 60))
    response = render(request, "casework/public_limited.html", _context(campaign, section, minutes=minutes), status=429)
    response["Retry-After"] = str(settings.IPWEEK_RATE_WINDOW)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def complaint(request: HttpRequest, year: int, region_slug: str) -> HttpResponse:
    """The intake form; a valid POST answers with the receipt (number, access code, QR code)."""
    campaign = public_campaign(year, region_slug)
    if request.method != "POST":
        kind = request.GET.get("kind", "")
        form = PublicCaseForm(initial={"kind": kind} if kind in PUBLIC_KIND_VALUES else None)
        return _form_page(request, campaign, form)
    if not _is_allowed(request, "casework.intake", settings.IPWEEK_INTAKE_RATE):
        return _too_many(request, campaign, "complaint")
    form = PublicCaseForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = submit_case(
                office=office_for_campaign(campaign),
                campaign=campaign,
                channel=Case.Channel.WEB,
                kind=form.cleaned_data["kind"],
                data=form.case_data(),
                idempotency_key=form.cleaned_data["idempotency_key"],
                evidence=request.FILES.getlist("evidence"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _receipt(request, campaign, result)
    return _form_page(request, campaign, form, status=400)


def _form_page(request: HttpRequest, campaign: Campaign, form: PublicCaseForm, status: int = 200) -> HttpResponse:
    context = _context(
        campaign,
        "complaint",
        form=form,
        requirements=requirements_by_kind(form),
        files_were_sent=bool(request.FILES),
    )
    return render(request, "casework/public_complaint.html", context, status=status)


def _track_url(request: HttpRequest, campaign: Campaign, number: str) -> str:
    path = reverse("casework_public:track", args=[campaign.year, campaign.region.slug])
    return request.build_absolute_uri(path) + "?" + urlencode({"number": number})


_NUMBER = re.compile(r"^[A-Z]{2}\d{4}-\d{6}-\d{5,7}$")


@require_http_methods(["GET", "HEAD"])
def track_qr(request: HttpRequest, year: int, region_slug: str) -> HttpResponse:
    """The receipt's QR code as an image of its own, so drawing it costs nothing on the intake path.

    It encodes the tracking page with the number filled in — a public address that says nothing about
    whether the case exists — so any well-formed number gets a code, without a database lookup.
    """
    number = request.GET.get("number", "")
    if not _NUMBER.match(number):
        raise Http404
    path = reverse("casework_public:track", args=[year, region_slug])
    svg = qr_svg_document(request.build_absolute_uri(path) + "?" + urlencode({"number": number}))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _receipt(request: HttpRequest, campaign: Campaign, result: IntakeResult) -> HttpResponse:
    case = result.case
    track_url = _track_url(request, campaign, case.number)
    context = _context(
        campaign,
        "complaint",
        case=case,
        access_code=result.access_code,
        received_on=timezone.localdate(case.received_at),
        deadline=_deadline(case),
        evidence_count=case.evidence.count(),
        track_url=track_url,
        qr_url=reverse("casework_public:track_qr", args=[campaign.year, campaign.region.slug])
        + "?"
        + urlencode({"number": case.number}),
    )
    response = render(request, "casework/public_receipt.html", context)
    response["X-Case-Number"] = case.number
    return response


@dataclass(frozen=True)
class Deadline:
    due_date: dt.date
    label: str
    length: str


def _deadline(case: Case) -> Deadline | None:
    """The current step's due date and what it is for; None once the case is closed."""
    if case.due_date is None or not case.is_open:
        return None
    try:
        rule = deadlines.rule(case.due_rule)
    except KeyError:
        return Deadline(case.due_date, "", "")
    return Deadline(case.due_date, str(rule.label), rule.describe())


@dataclass(frozen=True)
class PublicStep:
    action: str
    label: str
    on: dt.date
    note: str


def _public_steps(case: Case) -> list[PublicStep]:
    events = case.events.filter(action__in=PUBLIC_STEPS).only("action", "at", "note")
    return [
        PublicStep(
            event.action,
            str(PUBLIC_STEPS[event.action]),
            timezone.localdate(event.at),
            event.note if event.action in NOTES_FOR_COMPLAINANT else "",
        )
        for event in events
    ]


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest, year: int, region_slug: str) -> HttpResponse:
    """Number plus access code → the case's progress; a wrong code and an unknown number look alike.

    A case may be tracked on any campaign's site: a case from the hotline belongs to no campaign.
    """
    campaign = public_campaign(year, region_slug)
    if request.method != "POST":
        form = TrackForm(initial={"number": request.GET.get("number", "")[:32]})
        return render(request, "casework/public_track.html", _context(campaign, "track", form=form))
    if not _is_allowed(request, "casework.track", settings.IPWEEK_TRACK_RATE):
        return _too_many(request, campaign, "track")
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "casework/public_track.html", _context(campaign, "track", form=form), status=400)
    case = Case.objects.filter(number=form.cleaned_data["number"]).first()
    # The same lookup and the same constant-time comparison run whether or not the number exists.
    if not numbering.code_matches(case, form.cleaned_data["code"]) or case is None:
        form.add_error(None, _("No case matches this number and access code. Check both and try again."))
        return render(request, "casework/public_track.html", _context(campaign, "track", form=form), status=400)
    return _progress_page(request, campaign, case)


def _progress_page(request: HttpRequest, campaign: Campaign, case: Case) -> HttpResponse:
    transfers = [
        (transfer.get_body_kind_display(), timezone.localdate(transfer.sent_at))
        for transfer in case.transfers.only("body_kind", "sent_at")
    ]
    context = _context(
        campaign,
        "track",
        case=case,
        received_on=timezone.localdate(case.received_at),
        deadline=_deadline(case),
        steps=_public_steps(case),
        transfers=transfers,
    )
    return render(request, "casework/public_track_result.html", context)
