"""Pages of activity reports: the list, writing and editing, review, photos, figures and exports.

Who sees what: office staff every report; a liaison their own unit's and everyone's approved
ones; other readers approved and published ones. A report one may not see answers 404; a report
one may see but not change answers 403; another unit's activity is a 404 to a liaison.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipweek.campaigns.exporters import attachment
from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.permissions import CampaignAccess, get_campaign_for_user
from ipweek.campaigns.queries import activities_for_display
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.core.models import AuditEvent
from ipweek.reporting import exporters
from ipweek.reporting.forms_reports import (
    ReportForm,
    ReviewForm,
    add_report_errors,
    checked_photos,
    figure_formset,
    figure_rows,
    photo_formset,
)
from ipweek.reporting.models import ActivityReport, Figure, Photo
from ipweek.reporting.permissions import can_report, get_activity_for_reporting, reporting_unit_id
from ipweek.reporting.services import figures as figure_services
from ipweek.reporting.services import photos as photo_services
from ipweek.reporting.services import reports as report_services
from ipweek.reporting.services.reports import can_see_report, can_write_report, visible_reports
from ipweek.units.models import Unit

Kind = ActivityReport.Kind
Status = ActivityReport.Status
EXPORT_FORMATS = {"csv", "xlsx"}
ZIP_STATUSES = [Status.APPROVED, Status.PUBLISHED]


# --- finding things ------------------------------------------------------------------------------


def _report_for_reading(
    request: AuthenticatedHttpRequest, pk: int, report_id: int
) -> tuple[Campaign, CampaignAccess, ActivityReport]:
    campaign, access = get_campaign_for_user(request.user, pk)
    report = (
        ActivityReport.objects.select_related("activity", "unit", "submitted_by", "reviewed_by")
        .filter(activity__campaign=campaign, pk=report_id)
        .first()
    )
    if report is None or not can_see_report(access, report):
        raise Http404
    report.activity.campaign = campaign
    return campaign, access, report


def _report_for_writing(
    request: AuthenticatedHttpRequest, pk: int, report_id: int
) -> tuple[Campaign, CampaignAccess, ActivityReport]:
    campaign, access, report = _report_for_reading(request, pk, report_id)
    if not can_write_report(access, report):
        raise PermissionDenied
    return campaign, access, report


def _report_for_review(
    request: AuthenticatedHttpRequest, pk: int, report_id: int
) -> tuple[Campaign, CampaignAccess, ActivityReport]:
    campaign, access, report = _report_for_reading(request, pk, report_id)
    if not access.can_manage:
        raise PermissionDenied
    return campaign, access, report


def _detail_url(report: ActivityReport, campaign: Campaign) -> str:
    return reverse("reporting:report", args=[campaign.pk, report.pk])


# --- list ----------------------------------------------------------------------------------------


def _reportable_activities(campaign: Campaign, access: CampaignAccess) -> list[Activity]:
    if not (access.can_manage or access.liaison_unit_ids):
        return []
    activities = activities_for_display(campaign).exclude(status=Activity.Status.CANCELLED)
    return [activity for activity in activities if can_report(access, activity)]


@login_required
def report_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    reports = (
        visible_reports(access)
        .select_related("activity", "unit")
        .annotate(figure_count=Count("figures", distinct=True), photo_count=Count("photos", distinct=True))
        .order_by("-created_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        reports = reports.filter(status=status)
    context = {
        "campaign": campaign,
        "access": access,
        "reports": reports,
        "status": status,
        "statuses": Status.choices,
        "activities": _reportable_activities(campaign, access),
        "kinds": Kind,
    }
    return render(request, "reporting/reports.html", context)


# --- writing -------------------------------------------------------------------------------------


def _reporting_unit(access: CampaignAccess, activity: Activity) -> Unit:
    unit_id = reporting_unit_id(access, activity)
    for role in activity.unit_roles.all():
        if role.unit_id == unit_id:
            return role.unit
    return access.campaign.organiser


@login_required
def report_create(request: AuthenticatedHttpRequest, pk: int, activity_id: int) -> HttpResponse:
    access, activity = get_activity_for_reporting(request.user, pk, activity_id)
    kind = request.GET.get("kind", Kind.NEWS)
    if kind not in Kind.values:
        kind = Kind.NEWS
    unit = _reporting_unit(access, activity)
    return _report_form(request, access, activity, unit, kind=kind, report=None)


@login_required
def report_edit(request: AuthenticatedHttpRequest, pk: int, report_id: int) -> HttpResponse:
    campaign, access, report = _report_for_writing(request, pk, report_id)
    if report.status not in report_services.EDITABLE_STATUSES:
        messages.warning(request, _("This report has been sent and can no longer be changed."))
        return redirect(_detail_url(report, campaign))
    return _report_form(request, access, report.activity, report.unit, kind=report.kind, report=report)


def _report_form(
    request: AuthenticatedHttpRequest,
    access: CampaignAccess,
    activity: Activity,
    unit: Unit,
    *,
    kind: str,
    report: ActivityReport | None,
) -> HttpResponse:
    campaign = access.campaign
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {"kind": kind}
    if report is not None:
        initial.update(title=report.title, body=report.body, version=report.version)
    form = ReportForm(data, initial=initial, is_new=report is None)
    existing = list(report.figures.order_by("pk")) if report is not None else None
    figures = figure_formset(data, level=campaign.level, figures=existing, suggest=kind == Kind.CLOSING)
    photos = photo_formset(data, request.FILES if data is not None else None)
    if data is not None and all([form.is_valid(), figures.is_valid(), photos.is_valid()]):
        inputs, rows = figure_rows(figures)
        try:
            with transaction.atomic():
                saved = report_services.save_report(
                    activity=activity,
                    unit=unit,
                    kind=form.cleaned_data["kind"],
                    data=form.cleaned_data,
                    actor=request.user,
                    version=form.cleaned_data.get("version"),
                    report=report,
                )
                if inputs or existing:
                    figure_services.set_figures(report=saved, figures=inputs, actor=request.user)
                for checked, caption in checked_photos(photos):
                    photo_services.store_photo(report=saved, checked=checked, caption=caption, actor=request.user)
        except ValidationError as error:
            add_report_errors(form, rows, error)
        else:
            if figure_services.unconfirmed_figures(saved):
                messages.warning(
                    request,
                    _("Saved. Some figures are unusually large: correct them or tick that they are correct."),
                )
                return redirect("reporting:report_edit", campaign.pk, saved.pk)
            messages.success(request, _("Report “%(title)s” saved.") % {"title": saved.title})
            return redirect(_detail_url(saved, campaign))
    has_errors = bool(form.errors or any(figures.errors) or figures.non_form_errors() or any(photos.errors))
    context = {
        "campaign": campaign,
        "activity": activity,
        "unit": unit,
        "report": report,
        "kind": kind,
        "kind_label": Kind(kind).label,
        "form": form,
        "figures": figures,
        "photos": photos,
        "existing_photos": list(report.photos.all()) if report is not None else [],
        "standard_units": [
            (Figure.Metric(metric).label, unit_name) for metric, unit_name in figure_services.DEFAULT_UNITS.items()
        ],
    }
    return render(request, "reporting/report_form.html", context, status=400 if has_errors else 200)


# --- the report page -----------------------------------------------------------------------------


_METRIC_ORDER = {metric: index for index, metric in enumerate(Figure.Metric.values)}


def _figure_order(figure: Figure) -> tuple[int, int]:
    return _METRIC_ORDER.get(figure.metric, len(_METRIC_ORDER)), figure.pk


def _render_detail(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    access: CampaignAccess,
    report: ActivityReport,
    *,
    review_form: ReviewForm | None = None,
    photos: Any = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    can_write = can_write_report(access, report)
    is_editable = report.status in report_services.EDITABLE_STATUSES
    history = (
        AuditEvent.objects.filter(object_type=ActivityReport._meta.label_lower, object_id=str(report.pk))
        .select_related("actor")
        .order_by("at", "pk")
        if can_write
        else AuditEvent.objects.none()
    )
    context = {
        "campaign": campaign,
        "access": access,
        "report": report,
        "figures": sorted(report.figures.select_related("confirmed_by"), key=_figure_order),
        "report_photos": list(report.photos.all()),
        "can_write": can_write,
        "can_edit": can_write and is_editable,
        "can_review": access.can_manage,
        "review_form": review_form or ReviewForm(),
        "photos": photos if photos is not None else photo_formset(None, None),
        "errors": errors or [],
        "history": list(history),
    }
    return render(request, "reporting/report_detail.html", context, status=status)


@login_required
def report_detail(request: AuthenticatedHttpRequest, pk: int, report_id: int) -> HttpResponse:
    campaign, access, report = _report_for_reading(request, pk, report_id)
    return _render_detail(request, campaign, access, report)


def _transition(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    access: CampaignAccess,
    report: ActivityReport,
    change: Any,
    done: str,
    **kwargs: Any,
) -> HttpResponse:
    try:
        change(report=report, actor=request.user, **kwargs)
    except ValidationError as error:
        return _render_detail(request, campaign, access, report, errors=error.messages, status=400)
    messages.success(request, done)
    return redirect(_detail_url(report, campaign))


@login_required
@require_POST
def report_submit(request: AuthenticatedHttpRequest, pk: int, report_id: int) -> HttpResponse:
    campaign, access, report = _report_for_writing(request, pk, report_id)
    return _transition(request, campaign, access, report, report_services.submit_report, _("Report sent."))


@login_required
@require_POST
def report_approve(request: AuthenticatedHttpRequest, pk: int, report_id: int) -> HttpResponse:
    campaign, access, report = _report_for_review(request, pk, report_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, campaign, access, report, review_form=form, status=400)
    return _transition(
        request,
        campaign,
        access,
        report,
        report_services.approve_report,
        _("Report approved."),
        comment=form.cleaned_data["comment"],
    )


@login_required
@require_POST
def report_return(request: AuthenticatedHttpRequest, pk: int, report_id: int) -> HttpResponse:
    campaign, access, report = _report_for_review(request, pk, report_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            report_services.return_report(report=report, actor=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            if "comment" in error.message_dict:
                form.add_error("comment", error.message_dict["comment"])
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Report returned to the unit."))
            return redirect(_detail_url(report, campaign))
    return _render_detail(request, campaign, access, report, review_form=form, status=400)


@login_required
@require_POST
def report_publish(request: AuthenticatedHttpRequest, pk: int, report_id: int) -> HttpResponse:
    campaign, access, report = _report_for_review(request, pk, report_id)
    return _transition(request, campaign, access, report, report_services.publish_report, _("Report published."))


@login_required
@require_POST
def figure_confirm(request: AuthenticatedHttpRequest, pk: int, report_id: int, figure_id: int) -> HttpResponse:
    campaign, access, report = _report_for_review(request, pk, report_id)
    figure = report.figures.filter(pk=figure_id).first()
    if figure is None:
        raise Http404
    figure.report = report
    try:
        figure_services.confirm_figure(figure=figure, actor=request.user)
    except ValidationError as error:
        return _render_detail(request, campaign, access, report, errors=error.messages, status=400)
    messages.success(request, _("Figure confirmed."))
    return redirect(_detail_url(report, campaign))


@login_required
@require_POST
def report_photos(request: AuthenticatedHttpRequest, pk: int, report_id: int) -> HttpResponse:
    campaign, access, report = _report_for_writing(request, pk, report_id)
    photos = photo_formset(request.POST, request.FILES)
    if photos.is_valid():
        uploads = checked_photos(photos)
        try:
            with transaction.atomic():
                for checked, caption in uploads:
                    photo_services.store_photo(report=report, checked=checked, caption=caption, actor=request.user)
        except ValidationError as error:
            return _render_detail(request, campaign, access, report, photos=photos, errors=error.messages, status=400)
        if uploads:
            messages.success(request, _("Photos added."))
        return redirect(_detail_url(report, campaign))
    return _render_detail(request, campaign, access, report, photos=photos, status=400)


@login_required
@require_POST
def photo_delete(request: AuthenticatedHttpRequest, pk: int, report_id: int, photo_id: int) -> HttpResponse:
    campaign, access, report = _report_for_writing(request, pk, report_id)
    photo = report.photos.filter(pk=photo_id).first()
    if photo is None:
        raise Http404
    photo.report = report
    try:
        photo_services.delete_photo(photo=photo, actor=request.user)
    except ValidationError as error:
        return _render_detail(request, campaign, access, report, errors=error.messages, status=400)
    messages.success(request, _("Photo removed."))
    return redirect(_detail_url(report, campaign))


# --- exports -------------------------------------------------------------------------------------


def _export_format(request: AuthenticatedHttpRequest) -> str:
    fmt = request.GET.get("format", "csv")
    if fmt not in EXPORT_FORMATS:
        raise Http404
    return fmt


def _reports_for_export(access: CampaignAccess) -> QuerySet[ActivityReport]:
    return (
        visible_reports(access)
        .select_related("activity", "unit")
        .prefetch_related("figures")
        .annotate(photo_count=Count("photos"))
        .order_by("activity__position", "activity_id", "created_at", "pk")
    )


@login_required
def export_reports(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The reports the user may read, one row each with their figures, as CSV or XLSX."""
    campaign, access = get_campaign_for_user(request.user, pk)
    fmt = _export_format(request)
    content, content_type = exporters.table_response_parts(
        exporters.report_table(_reports_for_export(access)), fmt, title=_("Reports")
    )
    return attachment(content, content_type, exporters.export_name(campaign.title, _("reports"), fmt))


@login_required
def export_figures(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The figures of the reports the user may read, one row each, as CSV or XLSX."""
    campaign, access = get_campaign_for_user(request.user, pk)
    fmt = _export_format(request)
    figures = (
        Figure.objects.filter(report__in=visible_reports(access))
        .select_related("report__activity", "report__unit")
        .order_by("report__activity__position", "report__activity_id", "report_id", "metric", "pk")
    )
    content, content_type = exporters.table_response_parts(exporters.figure_table(figures), fmt, title=_("Figures"))
    return attachment(content, content_type, exporters.export_name(campaign.title, _("figures"), fmt))


@login_required
def export_photos(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Office staff download the published copies of approved and published reports' photos as a ZIP."""
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    photos = list(
        Photo.objects.filter(report__activity__campaign=campaign, report__status__in=ZIP_STATUSES)
        .select_related("report__activity", "report__unit")
        .order_by("report__activity__position", "report__activity_id", "report_id", "created_at", "pk")
    )
    archive = exporters.photos_zip(photos)
    return FileResponse(
        archive,
        as_attachment=True,
        filename=exporters.export_name(campaign.title, _("photos"), "zip"),
        content_type=exporters.ZIP,
    )
