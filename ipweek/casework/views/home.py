"""The casework start page: what is due, what is overdue, for the user's offices and for the user.

A caseworker opens the day here: their own cases first, then each office's queue, the counts per
status and per handler, and the transfers an enforcement body has not answered in time. The page
costs the same few queries however many cases there are; long lists are cut and link to the
filtered case list.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ipweek.casework.models import Case, Platform
from ipweek.casework.permissions import casework_access
from ipweek.casework.presenters import CaseView, DueInfo, due_info
from ipweek.casework.services import queues
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.units.models import Unit

LIST_LIMIT = 50


@dataclass(frozen=True)
class QueueRow:
    case: Case
    view: CaseView
    due: DueInfo


@dataclass
class OfficeQueue:
    office: Unit
    statuses: list[tuple[str, Any, int]]
    counts: queues.QueueCount | None
    overdue: list[QueueRow] = field(default_factory=list)
    due_soon: list[QueueRow] = field(default_factory=list)

    @property
    def overdue_id(self) -> str:
        return f"office-{self.office.pk}-overdue"

    @property
    def due_soon_id(self) -> str:
        return f"office-{self.office.pk}-due-soon"


def _rows(cases: list[Case], today: dt.date) -> list[QueueRow]:
    return [QueueRow(case, CaseView(case, reveal=False), due_info(case.due_date, today)) for case in cases]


def _office_queues(
    offices: list[Unit],
    statuses: dict[int, dict[str, int]],
    counts: list[queues.QueueCount],
    overdue: list[QueueRow],
    soon: list[QueueRow],
) -> list[OfficeQueue]:
    counts_by_office = {count.key: count for count in counts}
    queues_by_office = {
        office.pk: OfficeQueue(
            office,
            [(value, label, statuses.get(office.pk, {}).get(value, 0)) for value, label in Case.Status.choices],
            counts_by_office.get(office.pk),
        )
        for office in offices
    }
    for row in overdue:
        queues_by_office[row.case.office_id].overdue.append(row)
    for row in soon:
        queues_by_office[row.case.office_id].due_soon.append(row)
    return list(queues_by_office.values())


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = casework_access(request.user)
    if not access.can_view_any:
        if Platform.objects.filter(user=request.user).exists():
            return redirect("casework:ecommerce_platform")  # a platform's team works on its own requests
        raise Http404
    today = timezone.localdate()
    overdue = _rows(list(queues.overdue(access, today=today)[:LIST_LIMIT]), today)
    soon = _rows(list(queues.due_soon(access, today=today)[:LIST_LIMIT]), today)
    statuses = queues.status_counts(access)
    office_ids = set(statuses) | {row.case.office_id for row in overdue + soon}
    if not access.is_superuser:
        office_ids |= access.handles | access.reads
    offices = list(Unit.objects.filter(pk__in=office_ids).order_by("name"))
    mine = None
    if access.handles:
        mine = {
            "overdue": _rows(list(queues.overdue(access, today=today, handler=request.user)[:LIST_LIMIT]), today),
            "due_soon": _rows(list(queues.due_soon(access, today=today, handler=request.user)[:LIST_LIMIT]), today),
        }
    context = {
        "today": today,
        "mine": mine,
        "offices": _office_queues(offices, statuses, queues.counts_per_office(access, today=today), overdue, soon),
        "handlers": queues.counts_per_handler(access, today=today),
        "late_transfers": list(queues.overdue_transfers(access, today=today)[:LIST_LIMIT]),
        "list_limit": LIST_LIMIT,
        "can_create": bool(access.handles),
    }
    return render(request, "casework/home.html", context)
