"""Activity report endpoints: writing with figures, photos, review and publication, confirming figures."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import File, Form, Query, Status
from ninja.files import UploadedFile

from ipweek.api.auth import current_user
from ipweek.api.schemas import Id, errors
from ipweek.reporting.api.lookups import (
    campaign_for,
    figure_inputs,
    fresh_report_out,
    photo_out,
    report_for,
    report_out,
    reporting_activity,
    reporting_unit,
    reports_with_details,
    service_errors,
)
from ipweek.reporting.api.router import router
from ipweek.reporting.api.schemas import (
    REPORT_FIELD_NAMES,
    FigureOut,
    PhotoForm,
    PhotoOut,
    ReportFilter,
    ReportIn,
    ReportOut,
    ReportPatch,
    ReviewIn,
)
from ipweek.reporting.models import Figure
from ipweek.reporting.services import figures as figure_services
from ipweek.reporting.services import photos as photo_services
from ipweek.reporting.services import reports as services
from ipweek.reporting.services.reports import can_see_report

REPORT = "/{campaign_id}/reports/{report_id}"
# Merged into the multipart body ninja describes from ``file`` and ``form``.
PHOTO_OPENAPI = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "properties": {"file": {"description": "A JPEG, PNG or WebP photo."}},
                    "examples": [{"file": "(the photo's bytes)", "caption": "宣讲现场"}],
                }
            }
        }
    }
}
NO_REVIEW = ReviewIn.model_validate({})


@router.get("/{campaign_id}/reports", response={200: list[ReportOut], **errors(401, 404, 422)}, summary="List reports")
def list_reports(request: HttpRequest, campaign_id: Id, filters: Query[ReportFilter]) -> list[ReportOut]:
    """Newest first, with figures and photos. Office staff see every report; a liaison their unit's and
    everyone's approved or published ones; other readers approved or published ones."""
    _campaign, access = campaign_for(request, campaign_id)
    reports = services.visible_reports(access)
    if filters.kind:
        reports = reports.filter(kind=filters.kind)
    if filters.status:
        reports = reports.filter(status=filters.status)
    page = reports_with_details(reports.order_by("-created_at", "-pk"))[filters.offset : filters.offset + filters.limit]
    return [report_out(request, access, report) for report in page]


@router.post(
    "/{campaign_id}/activities/{activity_id}/reports",
    response={201: ReportOut, **errors(400, 401, 403, 404, 422)},
    summary="Write a report",
)
def create_report(request: HttpRequest, campaign_id: Id, activity_id: Id, payload: ReportIn) -> Status[ReportOut]:
    """A draft of same-day news or the closing report (one per unit and activity), with its figures.

    Figures are checked as on the page: a negative, fractional or absurd number is refused
    (``figures.<index>.value``); an unusually large one is saved flagged ``needs_confirmation``.
    Nothing is saved when anything is refused.
    """
    access, activity = reporting_activity(request, campaign_id, activity_id)
    user = current_user(request)
    with service_errors(REPORT_FIELD_NAMES), transaction.atomic():
        report = services.save_report(
            activity=activity,
            unit=reporting_unit(access, activity),
            kind=payload.kind.value,
            data={"title": payload.title, "body": payload.body},
            actor=user,
        )
        if payload.figures:
            figure_services.set_figures(report=report, figures=figure_inputs(payload.figures), actor=user)
    return Status(201, fresh_report_out(request, access, report))


@router.get(REPORT, response={200: ReportOut, **errors(401, 404, 422)}, summary="Get a report")
def get_report(request: HttpRequest, campaign_id: Id, report_id: Id) -> ReportOut:
    access, report = report_for(request, campaign_id, report_id)
    return report_out(request, access, report)


@router.patch(REPORT, response={200: ReportOut, **errors(400, 401, 403, 404, 409, 422)}, summary="Change a report")
def update_report(request: HttpRequest, campaign_id: Id, report_id: Id, payload: ReportPatch) -> ReportOut:
    """Change a draft or returned report: send ``version`` and what changes; ``figures``, when sent,
    replace them all. A stale ``version`` is a 409 and nothing is saved."""
    access, report = report_for(request, campaign_id, report_id, write=True)
    user = current_user(request)
    changes = payload.model_dump(exclude_unset=True, exclude={"version", "figures"})
    with service_errors(REPORT_FIELD_NAMES), transaction.atomic():
        services.save_report(
            activity=report.activity,
            unit=report.unit,
            kind=report.kind,
            data=changes,
            actor=user,
            version=payload.version,
            report=report,
        )
        if "figures" in payload.model_fields_set:
            figure_services.set_figures(report=report, figures=figure_inputs(payload.figures), actor=user)
    return fresh_report_out(request, access, report)


@router.post(
    f"{REPORT}/submit", response={200: ReportOut, **errors(401, 403, 404, 422)}, summary="Send a report for review"
)
def submit_report(request: HttpRequest, campaign_id: Id, report_id: Id) -> ReportOut:
    """A closing report needs a figure, and every flagged figure ticked ``confirmed``; late ones are marked."""
    access, report = report_for(request, campaign_id, report_id, write=True)
    with service_errors(REPORT_FIELD_NAMES):
        services.submit_report(report=report, actor=current_user(request))
    return fresh_report_out(request, access, report)


@router.post(
    f"{REPORT}/approve",
    response={200: ReportOut, **errors(400, 401, 403, 404, 422)},
    summary="Approve a report",
)
def approve_report(request: HttpRequest, campaign_id: Id, report_id: Id, payload: ReviewIn = NO_REVIEW) -> ReportOut:
    """Office staff approve a submitted report (the body, with a ``comment``, may be left out);
    a closing report's figures then count in the rollup. Flagged figures must be confirmed first."""
    access, report = report_for(request, campaign_id, report_id, review=True)
    with service_errors(REPORT_FIELD_NAMES):
        services.approve_report(report=report, actor=current_user(request), comment=payload.comment)
    return fresh_report_out(request, access, report)


@router.post(
    f"{REPORT}/return",
    response={200: ReportOut, **errors(400, 401, 403, 404, 422)},
    summary="Return a report to its unit",
)
def return_report(request: HttpRequest, campaign_id: Id, report_id: Id, payload: ReviewIn) -> ReportOut:
    """Office staff send a submitted or approved report back with a ``comment`` saying what to change."""
    access, report = report_for(request, campaign_id, report_id, review=True)
    with service_errors(REPORT_FIELD_NAMES):
        services.return_report(report=report, actor=current_user(request), comment=payload.comment)
    return fresh_report_out(request, access, report)


@router.post(f"{REPORT}/publish", response={200: ReportOut, **errors(401, 403, 404, 422)}, summary="Publish a report")
def publish_report(request: HttpRequest, campaign_id: Id, report_id: Id) -> ReportOut:
    """Office staff publish an approved report as a news item."""
    access, report = report_for(request, campaign_id, report_id, review=True)
    with service_errors(REPORT_FIELD_NAMES):
        services.publish_report(report=report, actor=current_user(request))
    return fresh_report_out(request, access, report)


@router.post(
    f"{REPORT}/photos",
    response={201: PhotoOut, **errors(400, 401, 403, 404, 422)},
    openapi_extra=PHOTO_OPENAPI,
    summary="Add a photo to a report",
)
def add_photo(
    request: HttpRequest, campaign_id: Id, report_id: Id, file: File[UploadedFile], form: Form[PhotoForm]
) -> Status[PhotoOut]:
    """``multipart/form-data`` with ``file`` and an optional ``caption``, to a draft or returned report.

    The file must be a JPEG, PNG or WebP photo within the size limit, and nothing else glued to it.
    Its time and place are read from EXIF; the published copy is resized and has no EXIF.
    """
    _access, report = report_for(request, campaign_id, report_id, write=True)
    with service_errors(REPORT_FIELD_NAMES):
        photo = photo_services.add_photo(report=report, upload=file, caption=form.caption, actor=current_user(request))
    return Status(201, photo_out(request, photo))


@router.post(
    "/{campaign_id}/figures/{figure_id}/confirm",
    response={200: FigureOut, **errors(401, 403, 404, 422)},
    summary="Confirm a flagged figure",
)
def confirm_figure(request: HttpRequest, campaign_id: Id, figure_id: Id) -> FigureOut:
    """Office staff accept a figure flagged as unusually large; it then no longer blocks approval."""
    campaign, access = campaign_for(request, campaign_id)
    figure = (
        Figure.objects.select_related("report__activity", "report__unit")
        .filter(pk=figure_id, report__activity__campaign=campaign)
        .first()
    )
    if figure is None or not can_see_report(access, figure.report):
        raise Http404
    if not access.can_manage:
        raise PermissionDenied
    figure.report.activity.campaign = campaign
    with service_errors(REPORT_FIELD_NAMES):
        figure_services.confirm_figure(figure=figure, actor=current_user(request))
    return FigureOut.build(figure)
