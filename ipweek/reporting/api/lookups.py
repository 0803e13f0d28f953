"""Finding rows for the reporting API, checking what the caller may do with them, and building answers.

The rules are the pages' (:mod:`ipweek.reporting.permissions`, ``can_see_report``/``can_write_report``):
a liaison files and reports only for the activities their unit leads or co-organises, and another
unit's activity or unseen report is a 404. The API adds one distinction the pages need not make:
a caller who may see the thing but not change it (a viewer, office staff of a reported campaign)
gets a 403.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest

from ipweek.api.auth import current_user
from ipweek.api.errors import ApiException
from ipweek.campaigns.api.schemas import UnitRef
from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.permissions import CampaignAccess, get_campaign_for_user
from ipweek.reporting.api.schemas import FIGURE_ERROR_PREFIX, FigureIn, FigureOut, FilingOut, PhotoOut, ReportOut
from ipweek.reporting.models import ActivityReport, Figure, Filing, Photo
from ipweek.reporting.permissions import can_report, get_activity_for_reporting, reporting_unit_id
from ipweek.reporting.services import filings as filing_services
from ipweek.reporting.services.figures import FigureInput
from ipweek.reporting.services.reports import EDITABLE_STATUSES, can_see_report, can_write_report
from ipweek.units.models import Unit

STALE_CODE = "stale_version"
_METRIC_ORDER = {metric: index for index, metric in enumerate(Figure.Metric.values)}


def campaign_for(request: HttpRequest, campaign_id: int, *, manage: bool = False) -> tuple[Campaign, CampaignAccess]:
    return get_campaign_for_user(current_user(request), campaign_id, manage=manage)


# --- errors --------------------------------------------------------------------------------------


def _is_stale(error: ValidationError) -> bool:
    """Someone saved first: filings say so with a code, reports on their ``version``."""
    if hasattr(error, "error_dict"):
        return "version" in error.error_dict
    return any(item.code == filing_services.STALE_VERSION for item in error.error_list)


def _api_field(name: str, names: Mapping[str, str]) -> str:
    # The services name figure rows as the page's formset does (figures-0-value); the API says figures.0.value.
    if name.startswith(FIGURE_ERROR_PREFIX):
        return "figures." + name[len(FIGURE_ERROR_PREFIX) :].replace("-", ".")
    return names.get(name, name)


@contextmanager
def service_errors(names: Mapping[str, str] | None = None) -> Iterator[None]:
    """A stale version becomes a 409; other ``ValidationError`` fields get the API's names (then a 422)."""
    try:
        yield
    except ValidationError as error:
        if _is_stale(error):
            message = error.messages[0]
            raise ApiException(409, STALE_CODE, message, {"version": message}) from error
        if not hasattr(error, "error_dict"):
            raise
        fields: dict[str, list[str]] = {}
        for name, messages in error.message_dict.items():
            fields.setdefault(_api_field(name, names or {}), []).extend(messages)
        raise ValidationError(fields) from error


# --- activities and filings ----------------------------------------------------------------------


def _activity(campaign: Campaign, activity_id: int) -> Activity | None:
    return campaign.activities.prefetch_related("unit_roles__unit").filter(pk=activity_id).first()


def reporting_unit(access: CampaignAccess, activity: Activity) -> Unit:
    """The unit the caller files and reports as (as on the pages)."""
    unit_id = reporting_unit_id(access, activity)
    for role in activity.unit_roles.all():
        if role.unit_id == unit_id:
            return role.unit
    return access.campaign.organiser


def reporting_activity(request: HttpRequest, campaign_id: int, activity_id: int) -> tuple[CampaignAccess, Activity]:
    """The activity if the caller may file and report for it: 404 for another unit's, 403 for a reader."""
    user = current_user(request)
    try:
        return get_activity_for_reporting(user, campaign_id, activity_id)
    except Http404:
        campaign, access = get_campaign_for_user(user, campaign_id)
        activity = _activity(campaign, activity_id)
        if activity is None or not access.can_see_activity(activity):
            raise
        if access.liaison_unit_ids and not access.can_manage and reporting_unit_id(access, activity) is None:
            raise  # another unit's activity: as if it did not exist
    raise PermissionDenied


def current_filing(activity: Activity) -> Filing | None:
    return Filing.objects.select_related("unit").filter(activity=activity).first()


def filing_for_reading(
    request: HttpRequest, campaign_id: int, activity_id: int
) -> tuple[CampaignAccess, Activity, Filing | None]:
    """Office staff and the filing unit see the filing (or the draft to come); readers only an approved one."""
    campaign, access = campaign_for(request, campaign_id)
    activity = _activity(campaign, activity_id)
    if activity is None or not access.can_see_activity(activity):
        raise Http404
    filing = current_filing(activity)
    if access.can_manage or reporting_unit_id(access, activity) is not None:
        return access, activity, filing
    if filing is not None and filing.status == Filing.Status.APPROVED:
        return access, activity, filing
    raise Http404


def filing_for_review(
    request: HttpRequest, campaign_id: int, activity_id: int
) -> tuple[CampaignAccess, Activity, Filing]:
    """Office staff only (403 for anyone else who may see the campaign); 404 until the activity has a filing."""
    campaign, access = campaign_for(request, campaign_id, manage=True)
    activity = _activity(campaign, activity_id)
    filing = current_filing(activity) if activity else None
    if activity is None or filing is None:
        raise Http404
    return access, activity, filing


def filing_out(access: CampaignAccess, activity: Activity, filing: Filing | None) -> FilingOut:
    """The filing; before its first save, the draft the pages would offer, pre-filled from the activity."""
    due = filing_services.filing_due(access.campaign.pk)
    can_edit = can_report(access, activity)
    if filing is None:
        unit = reporting_unit(access, activity)
        initial = filing_services.initial_filing_data(activity)
        return FilingOut(
            id=None,
            activity_id=activity.pk,
            unit=UnitRef(id=unit.pk, name=unit.name),
            host=initial.get("host", ""),
            co_hosts=initial.get("co_hosts", ""),
            venue=initial.get("venue", ""),
            latitude=None,
            longitude=None,
            starts_at=initial.get("starts_at"),
            ends_at=initial.get("ends_at"),
            contact_name="",
            contact_phone="",
            budget=initial.get("budget"),
            expected_headcount=None,
            audience=initial.get("audience", ""),
            channels=initial.get("channels", ""),
            status=Filing.Status.DRAFT,
            review_comment="",
            changed_after_approval=False,
            is_late=filing_services.is_late(None, due),
            submitted_at=None,
            reviewed_at=None,
            version=0,
            updated_at=None,
            can_edit=can_edit,
            can_review=False,
        )
    return FilingOut(
        **{name: getattr(filing, name) for name in filing_services.FILING_FIELDS},
        id=filing.pk,
        activity_id=activity.pk,
        unit=UnitRef(id=filing.unit.pk, name=filing.unit.name),
        status=Filing.Status(filing.status),
        review_comment=filing.review_comment,
        changed_after_approval=filing.changed_after_approval,
        is_late=filing_services.is_late(filing, due),
        submitted_at=filing.submitted_at,
        reviewed_at=filing.reviewed_at,
        version=filing.version,
        updated_at=filing.updated_at,
        can_edit=can_edit,
        can_review=access.can_manage and filing.status in filing_services.REVIEWABLE,
    )


# --- reports -------------------------------------------------------------------------------------


def reports_with_details(reports: QuerySet[ActivityReport]) -> QuerySet[ActivityReport]:
    return reports.select_related("activity", "unit").prefetch_related(
        Prefetch("figures", queryset=Figure.objects.order_by("pk")),
        Prefetch("photos", queryset=Photo.objects.order_by("created_at", "pk")),
    )


def report_for(
    request: HttpRequest, campaign_id: int, report_id: int, *, write: bool = False, review: bool = False
) -> tuple[CampaignAccess, ActivityReport]:
    """A report the caller may see (else 404) and, with ``write`` or ``review``, change or review (else 403)."""
    campaign, access = campaign_for(request, campaign_id)
    reports = ActivityReport.objects.filter(activity__campaign=campaign, pk=report_id)
    report = reports_with_details(reports).first()
    if report is None or not can_see_report(access, report):
        raise Http404
    if (write and not can_write_report(access, report)) or (review and not access.can_manage):
        raise PermissionDenied
    report.activity.campaign = campaign
    return access, report


def figure_inputs(figures: list[FigureIn]) -> list[FigureInput]:
    return [
        FigureInput(
            metric=figure.metric.value, value=figure.value, label=figure.label, unit=figure.unit,
            confirmed=figure.confirmed,
        )
        for figure in figures
    ]  # fmt: skip


def photo_out(request: HttpRequest, photo: Photo) -> PhotoOut:
    url = request.build_absolute_uri(photo.published_image.url) if photo.published_image else None
    return PhotoOut(
        id=photo.pk,
        caption=photo.caption,
        url=url,
        width=photo.width,
        height=photo.height,
        taken_at=photo.taken_at,
        created_at=photo.created_at,
    )


def report_out(request: HttpRequest, access: CampaignAccess, report: ActivityReport) -> ReportOut:
    """Expects ``report`` from :func:`reports_with_details` (figures and photos prefetched)."""
    figures = sorted(report.figures.all(), key=lambda figure: (_METRIC_ORDER.get(figure.metric, 99), figure.pk))
    return ReportOut(
        id=report.pk,
        campaign_id=report.activity.campaign_id,
        activity_id=report.activity_id,
        activity_title=report.activity.title,
        unit=UnitRef(id=report.unit.pk, name=report.unit.name),
        kind=ActivityReport.Kind(report.kind),
        title=report.title,
        body=report.body,
        status=ActivityReport.Status(report.status),
        is_late=report.is_late,
        review_comment=report.review_comment,
        submitted_at=report.submitted_at,
        reviewed_at=report.reviewed_at,
        published_at=report.published_at,
        version=report.version,
        figures=[FigureOut.build(figure) for figure in figures],
        photos=[photo_out(request, photo) for photo in report.photos.all()],
        can_edit=can_write_report(access, report) and report.status in EDITABLE_STATUSES,
        created_at=report.created_at,
        updated_at=report.updated_at,
    )


def fresh_report_out(request: HttpRequest, access: CampaignAccess, report: ActivityReport) -> ReportOut:
    """The report as it is now in the database, after a service changed it."""
    return report_out(request, access, reports_with_details(ActivityReport.objects.filter(pk=report.pk)).get())
