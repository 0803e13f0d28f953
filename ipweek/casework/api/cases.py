"""Reading cases through the JSON API, at ``/api/v1/casework/cases``: a list, one case, the statistics.

For signed-in users (session or bearer token) who may read the office's cases. The API never returns
unmasked personal data, not even to the case's caseworkers: revealing a complainant is a logged act
on the case page, not something a script does in bulk. A case the caller may not see is a 404, the
same as one that does not exist.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from ipweek.api.auth import current_user
from ipweek.api.schemas import errors
from ipweek.casework.api.schemas_cases import CaseDetailOut, CaseOut, CasePage, CaseQuery, StatsOut, StatsQuery
from ipweek.casework.models import CaseEvent
from ipweek.casework.permissions import CaseworkAccess, casework_access, get_case_for_user
from ipweek.casework.services.exports import CaseFilter, filtered_cases
from ipweek.casework.services.stats import (
    MAX_PERIOD_DAYS,
    Period,
    campaign_choices,
    case_statistics,
    default_period,
)

router = Router(tags=["cases"])


def _reader(request: HttpRequest) -> CaseworkAccess:
    access = casework_access(current_user(request))
    if not access.can_view_any:
        raise Http404
    return access


@router.get("", response={200: CasePage, **errors(401, 404, 422)}, summary="List cases")
def list_cases(request: HttpRequest, filters: Query[CaseQuery]) -> CasePage:
    """Cases of the offices the caller may read, oldest first, masked; filter by status, type and days of receipt."""
    access = _reader(request)
    if filters.received_from and filters.received_to and filters.received_to < filters.received_from:
        raise ValidationError({"received_to": _("The end date is before the start date.")})
    cases = (
        filtered_cases(
            access,
            CaseFilter(
                status=filters.status or "",
                kind=filters.kind or "",
                received_from=filters.received_from,
                received_to=filters.received_to,
            ),
        )
        .select_related(None)
        .select_related("office")
    )
    page = list(cases[filters.offset : filters.offset + filters.limit])
    return CasePage(
        count=cases.count(),
        limit=filters.limit,
        offset=filters.offset,
        items=[CaseOut.build(case) for case in page],
    )


def _period(request: HttpRequest, query: StatsQuery) -> Period:
    if query.campaign_id is not None:
        campaign = campaign_choices(current_user(request)).filter(pk=query.campaign_id).first()
        if campaign is None:
            raise Http404
        return Period(campaign.start_date, campaign.end_date, campaign)
    if query.date_from is None and query.date_to is None:
        return default_period(current_user(request))
    if query.date_from is None or query.date_to is None:
        missing = "date_from" if query.date_from is None else "date_to"
        raise ValidationError({missing: _("Choose a campaign week, or give both dates.")})
    if query.date_to < query.date_from:
        raise ValidationError({"date_to": _("The end date is before the start date.")})
    if (query.date_to - query.date_from).days > MAX_PERIOD_DAYS:
        raise ValidationError({"date_to": _("Choose a period of at most ten years.")})
    return Period(query.date_from, query.date_to)


@router.get("/stats", response={200: StatsOut, **errors(401, 404, 422)}, summary="Case statistics")
def case_stats(request: HttpRequest, query: Query[StatsQuery]) -> StatsOut:
    """The breakdowns of the statistics page for a campaign week or any period (default: the latest week).

    No personal data. Counted by the day a case was received; time to decision in working days.
    """
    access = _reader(request)
    if query.office_id is not None and not access.can_view(query.office_id):
        raise Http404
    return StatsOut.build(case_statistics(access, _period(request, query), query.office_id))


@router.get("/{number}", response={200: CaseDetailOut, **errors(401, 404, 422)}, summary="Get a case")
def get_case(request: HttpRequest, number: str) -> CaseDetailOut:
    """One case with its trail (steps and deadlines, without notes), masked and with its texts redacted."""
    if len(number) > 32:
        raise Http404
    case, _access = get_case_for_user(current_user(request), number)
    events = list(CaseEvent.objects.filter(case=case).order_by("at", "pk"))
    return CaseDetailOut.build_detail(case, events)
