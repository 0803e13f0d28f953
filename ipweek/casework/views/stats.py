"""Statistics, the case-list exports and the personal-data access log.

The statistics and the masked case list are for everyone who may read cases; the case list with
personal data is a POST with a reason, for caseworkers of every office in it, and is logged.
"""

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ipweek.campaigns.exporters import XLSX, attachment
from ipweek.casework.forms_stats import AccessLogForm, CaseFilterForm, PersonalExportForm, StatsForm
from ipweek.casework.permissions import CaseworkAccess, casework_access
from ipweek.casework.redaction import known_of, redact
from ipweek.casework.services.exports import (
    access_log,
    case_list_filename,
    export_cases,
    statistics_filename,
    statistics_workbook,
)
from ipweek.casework.services.stats import Period, case_statistics, default_period, visible_offices
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest

ACCESS_LOG_PAGE_SIZE = 50


def _reader(request: AuthenticatedHttpRequest) -> CaseworkAccess:
    access = casework_access(request.user)
    if not access.can_view_any:
        raise Http404
    return access


def _stats_form(request: AuthenticatedHttpRequest, access: CaseworkAccess) -> tuple[StatsForm, Period | None]:
    """The form and the period it names: the default period when nothing was asked, None when the input is wrong."""
    if not request.GET:
        period = default_period(request.user)
        initial = {"campaign": period.campaign, "date_from": period.start, "date_to": period.end}
        return StatsForm(initial=initial, user=request.user, access=access), period
    form = StatsForm(request.GET, user=request.user, access=access)
    return form, form.period() if form.is_valid() else None


def _office_id(form: StatsForm) -> int | None:
    return form.office_id() if form.is_bound and form.is_valid() else None


@login_required
@require_GET
def stats(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = _reader(request)
    form, period = _stats_form(request, access)
    context: dict[str, Any] = {"form": form, "access": access, "query": request.GET.urlencode()}
    if period is None:
        return render(request, "casework/stats.html", context, status=400)
    context["stats"] = case_statistics(access, period, _office_id(form))
    return render(request, "casework/stats.html", context)


@login_required
@require_GET
def stats_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = _reader(request)
    form, period = _stats_form(request, access)
    if period is None:
        context = {"form": form, "access": access, "query": request.GET.urlencode()}
        return render(request, "casework/stats.html", context, status=400)
    statistics = case_statistics(access, period, _office_id(form))
    return attachment(statistics_workbook(statistics), XLSX, statistics_filename(period))


def _export_page(
    request: AuthenticatedHttpRequest,
    access: CaseworkAccess,
    *,
    filter_form: CaseFilterForm | None = None,
    personal_form: PersonalExportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if filter_form is None:
        filter_form = CaseFilterForm(offices=visible_offices(access), auto_id="masked_%s")
    if personal_form is None and access.handles:
        personal_form = PersonalExportForm(access=access, auto_id="personal_%s")
    context = {"filter_form": filter_form, "personal_form": personal_form, "access": access}
    return render(request, "casework/export_form.html", context, status=status)


@login_required
@require_GET
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The case list as XLSX, always masked."""
    access = _reader(request)
    form = CaseFilterForm(request.GET, offices=visible_offices(access), auto_id="masked_%s")
    if not form.is_valid():
        return _export_page(request, access, filter_form=form, status=400)
    content, _count = export_cases(user=request.user, access=access, case_filter=form.case_filter())
    return attachment(content, XLSX, case_list_filename(personal=False))


@login_required
@require_http_methods(["GET", "POST"])
def export_form(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET: both export forms. POST: the case list with personal data, for the offices the user handles."""
    access = _reader(request)
    if request.method != "POST":
        return _export_page(request, access)
    if not access.handles:
        raise PermissionDenied
    form = PersonalExportForm(request.POST, access=access, auto_id="personal_%s")
    if form.is_valid():
        try:
            content, _count = export_cases(
                user=request.user,
                access=access,
                case_filter=form.case_filter(default_offices=access.handles),
                personal=True,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return attachment(content, XLSX, case_list_filename(personal=True))
    return _export_page(request, access, personal_form=form, status=400)


def _day_bounds(start: dt.date | None, end: dt.date | None) -> dict[str, dt.datetime]:
    zone = timezone.get_current_timezone()
    bounds = {}
    if start:
        bounds["at__gte"] = dt.datetime.combine(start, dt.time.min, zone)
    if end:
        bounds["at__lt"] = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, zone)
    return bounds


@login_required
@require_GET
def access_log_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who saw or exported personal data of the user's offices; reasons shown redacted, nothing personal."""
    access = _reader(request)
    form = AccessLogForm(request.GET or None, access=access)
    rows = access_log(access)
    if form.is_bound and not form.is_valid():
        return render(request, "casework/access_log.html", {"form": form, "page": None}, status=400)
    if form.is_bound:
        if form.cleaned_data.get("user") is not None:
            rows = rows.filter(user=form.cleaned_data["user"])
        rows = rows.filter(**_day_bounds(*form.bounds()))
    page = Paginator(rows, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [(row, redact(row.reason, known_of(row.case) if row.case else None)) for row in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "entries": entries, "query": query.urlencode()}
    return render(request, "casework/access_log.html", context)
