"""Filing (备案) pages: the campaign's filing list, the filing form, and the office's review."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipweek.campaigns.exporters import attachment
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.permissions import CampaignAccess, get_campaign_for_user
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.core.models import AuditEvent
from ipweek.core.templatetags.cn import cn_date
from ipweek.reporting import exporters
from ipweek.reporting.forms_filings import FilingForm, ReviewForm
from ipweek.reporting.models import Filing
from ipweek.reporting.permissions import can_report, get_activity_for_reporting, reporting_unit_id
from ipweek.reporting.services import filings as services
from ipweek.reporting.services.deadlines import deadlines_of
from ipweek.units.models import Unit

LIST_FILTERS = ("missing", "draft", "submitted", "approved", "returned", "changed", "late")


@dataclass
class FilingRow:
    activity: Activity
    filing: Filing | None
    is_late: bool
    can_edit: bool

    @property
    def state(self) -> str:
        return self.filing.status if self.filing else "missing"

    def matches(self, wanted: str) -> bool:
        if wanted == "changed":
            return bool(self.filing and self.filing.changed_after_approval)
        if wanted == "late":
            return self.is_late
        return self.state == wanted


def _filing_of(activity: Activity) -> Filing | None:
    try:
        return activity.filing
    except Filing.DoesNotExist:
        return None


def _filing_rows(campaign: Campaign, access: CampaignAccess, due: dt.datetime | None) -> list[FilingRow]:
    """The office sees every activity; a liaison, those their unit files for; readers, approved filings."""
    now = timezone.now()
    activities = (
        campaign.activities.exclude(status=Activity.Status.CANCELLED)
        .select_related("filing__unit", "filing__reviewed_by")
        .prefetch_related(Prefetch("unit_roles", queryset=ActivityUnit.objects.select_related("unit")))
        .order_by("start_date", "start_time", "position", "pk")
    )
    rows = []
    for activity in activities:
        filing = _filing_of(activity)
        may_file = can_report(access, activity)
        if access.can_manage or may_file or (filing is not None and filing.status == Filing.Status.APPROVED):
            rows.append(FilingRow(activity, filing, services.is_late(filing, due, now=now), may_file))
    return rows


@login_required
def filing_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    filing_due = deadlines_of(campaign).filing_due
    rows = _filing_rows(campaign, access, filing_due)
    wanted = request.GET.get("show", "")
    counts = {name: sum(row.matches(name) for row in rows) for name in LIST_FILTERS}
    if wanted in LIST_FILTERS:
        rows = [row for row in rows if row.matches(wanted)]
    context = {
        "campaign": campaign,
        "access": access,
        "rows": rows,
        "counts": counts,
        "wanted": wanted,
        "filing_due": filing_due,
    }
    return render(request, "reporting/filing_list.html", context)


def _filing_unit(access: CampaignAccess, activity: Activity) -> Unit:
    unit_id = reporting_unit_id(access, activity)
    for role in activity.unit_roles.all():
        if role.unit_id == unit_id:
            return role.unit
    return access.campaign.organiser


def _current_filing(activity: Activity) -> Filing | None:
    return Filing.objects.select_related("unit", "submitted_by", "reviewed_by").filter(activity=activity).first()


def _changes_since_approval(filing: Filing | None) -> list[dict[str, Any]]:
    """The fields changed since the office last approved, oldest first, for the office to re-check."""
    if filing is None or not filing.changed_after_approval:
        return []
    events = AuditEvent.objects.filter(
        object_type=Filing._meta.label_lower, object_id=str(filing.pk), action="filing.changed_after_approval"
    ).select_related("actor")
    if filing.reviewed_at:
        events = events.filter(at__gt=filing.reviewed_at)
    changes = []
    for event in reversed(list(events)):
        for name, (old, new) in event.data.get("changes", {}).items():
            label = getattr(Filing._meta.get_field(name), "verbose_name", name)
            changes.append(
                {"at": event.at, "actor": event.actor, "label": label, "old": _readable(old), "new": _readable(new)}
            )
    return changes


def _readable(value: Any) -> Any:
    """Audit data keeps moments as ISO text; show them as 2027年4月21日 09:30."""
    moment = parse_datetime(value) if isinstance(value, str) and len(value) >= 16 and value[4:5] == "-" else None
    if moment is None:
        return value
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{cn_date(local.date())} {local:%H:%M}"


def _awaits_approval(filing: Filing) -> bool:
    return filing.status == Filing.Status.SUBMITTED or filing.changed_after_approval


def _filing_page(
    request: AuthenticatedHttpRequest,
    access: CampaignAccess,
    activity: Activity,
    filing: Filing | None,
    *,
    form: FilingForm | None = None,
    review_form: ReviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_file = can_report(access, activity)
    if form is None and may_file:
        version = filing.version if filing else 0
        if filing is None:
            form = FilingForm(initial={**services.initial_filing_data(activity), "version": version})
        else:
            form = FilingForm(instance=filing, initial={"version": version})
    can_review = access.can_manage and filing is not None and filing.status in services.REVIEWABLE
    if review_form is None and can_review:
        assert filing is not None  # noqa: S101 - narrowing for mypy
        review_form = ReviewForm(initial={"version": filing.version})
    context = {
        "campaign": access.campaign,
        "access": access,
        "activity": activity,
        "filing": filing,
        "form": form,
        "review_form": review_form if can_review else None,
        "can_approve": can_review and filing is not None and _awaits_approval(filing),
        "changes": _changes_since_approval(filing) if access.can_manage else [],
        "is_late": services.is_late(filing, deadlines_of(access.campaign).filing_due),
    }
    return render(request, "reporting/filing_form.html", context, status=status)


def _status_for(error: ValidationError) -> int:
    """409 Conflict when someone else saved first, 400 for anything else wrong."""
    return 409 if getattr(error, "code", None) == services.STALE_VERSION else 400


@login_required
def filing_edit(request: AuthenticatedHttpRequest, pk: int, activity_id: int) -> HttpResponse:
    access, activity = get_activity_for_reporting(request.user, pk, activity_id)
    filing = _current_filing(activity)
    if request.method != "POST":
        return _filing_page(request, access, activity, filing)
    form = FilingForm(request.POST, instance=filing)
    if not form.is_valid():
        return _filing_page(request, access, activity, filing, form=form, status=400)
    submit = request.POST.get("action") == "submit"
    try:
        saved = services.save_filing(
            activity=activity,
            unit=_filing_unit(access, activity),
            data=form.filing_data(),
            actor=request.user,
            version=form.cleaned_data["version"],
            submit=submit,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _filing_page(request, access, activity, _current_filing(activity), form=form, status=_status_for(error))
    if submit:
        messages.success(request, _("Filing submitted to the campaign office."))
    elif saved.changed_after_approval:
        messages.warning(request, _("Filing saved. The office will see that it changed after approval."))
    else:
        messages.success(request, _("Filing saved as a draft."))
    return redirect("reporting:filings", access.campaign.pk)


def _review(request: AuthenticatedHttpRequest, pk: int, activity_id: int, *, approve: bool) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    activity = campaign.activities.prefetch_related("unit_roles__unit").filter(pk=activity_id).first()
    filing = _current_filing(activity) if activity else None
    if activity is None or filing is None:
        raise Http404
    form = ReviewForm(request.POST)
    if form.is_valid():
        comment, version = form.cleaned_data["comment"], form.cleaned_data["version"]
        try:
            if approve:
                services.approve_filing(filing=filing, actor=request.user, comment=comment, version=version)
            else:
                services.return_filing(filing=filing, actor=request.user, comment=comment, version=version)
        except ValidationError as error:
            add_service_errors(form, error)
            status = _status_for(error)
        else:
            if approve:
                messages.success(request, _("Filing of “%(title)s” approved.") % {"title": activity.title})
            else:
                messages.success(request, _("Filing of “%(title)s” returned to the unit.") % {"title": activity.title})
            return redirect("reporting:filings", campaign.pk)
    else:
        status = 400
    return _filing_page(request, access, activity, _current_filing(activity), review_form=form, status=status)


@login_required
@require_POST
def filing_approve(request: AuthenticatedHttpRequest, pk: int, activity_id: int) -> HttpResponse:
    return _review(request, pk, activity_id, approve=True)


@login_required
@require_POST
def filing_return(request: AuthenticatedHttpRequest, pk: int, activity_id: int) -> HttpResponse:
    return _review(request, pk, activity_id, approve=False)


@login_required
def export_filings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The filings the user may see (as on the list), one row per activity, as CSV or XLSX."""
    campaign, access = get_campaign_for_user(request.user, pk)
    fmt = request.GET.get("format", "csv")
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    rows = _filing_rows(campaign, access, deadlines_of(campaign).filing_due)
    table = exporters.filing_table((row.activity, row.filing, row.is_late) for row in rows)
    content, content_type = exporters.table_response_parts(table, fmt, title=_("Filings"))
    return attachment(content, content_type, exporters.export_name(campaign.title, _("filings"), fmt))
