"""What is due soon and what is overdue, per office and per handler.

"Due soon" means the deadline of the current step falls within the next ``days`` working days,
today included; "overdue" means it has passed while the case is still open. Every function takes
``today`` so a caller (or a test) can ask about any day without touching the clock, and each list
is one query however many cases it holds.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ipweek.accounts.models import User
from ipweek.casework.models import Case, Transfer
from ipweek.casework.models.cases import OPEN_CASES
from ipweek.casework.permissions import CaseworkAccess
from ipweek.core.workdays import add_working_days

SOON_DAYS = 2


def soon_window(today: dt.date, days: int = SOON_DAYS) -> tuple[dt.date, dt.date]:
    """The first and last day counted as "due soon": today up to the ``days``-th working day after it."""
    return today, add_working_days(today, days)


def _open_cases(access: CaseworkAccess, handler: User | None) -> QuerySet[Case]:
    cases = access.visible_cases().filter(OPEN_CASES, due_date__isnull=False)
    if handler is not None:
        cases = cases.filter(handler=handler)
    return cases.select_related("office", "handler").order_by("due_date", "received_at", "pk")


def due_soon(
    access: CaseworkAccess, days: int = SOON_DAYS, *, today: dt.date | None = None, handler: User | None = None
) -> QuerySet[Case]:
    """Open cases whose current deadline is today or within the next ``days`` working days."""
    first, last = soon_window(today or timezone.localdate(), days)
    return _open_cases(access, handler).filter(due_date__range=(first, last))


def overdue(access: CaseworkAccess, *, today: dt.date | None = None, handler: User | None = None) -> QuerySet[Case]:
    """Open cases whose current deadline has passed."""
    return _open_cases(access, handler).filter(due_date__lt=today or timezone.localdate())


@dataclass(frozen=True)
class QueueCount:
    """How many open cases one office or one handler has, and how many of those need attention."""

    key: int | None
    name: str
    open: int
    due_soon: int
    overdue: int


def _counts(access: CaseworkAccess, group: str, labels: tuple[str, ...], today: dt.date, days: int) -> list[QueueCount]:
    first, last = soon_window(today, days)
    rows = (
        access.visible_cases()
        .filter(OPEN_CASES)
        .values(group, *labels)
        .annotate(
            open=Count("pk"),
            due_soon=Count("pk", filter=Q(due_date__range=(first, last))),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
        )
        .order_by(*labels, group)
    )
    return [
        QueueCount(
            row[group],
            next((row[name] for name in labels if row[name]), ""),
            row["open"],
            row["due_soon"],
            row["overdue"],
        )
        for row in rows
    ]


def counts_per_office(
    access: CaseworkAccess, days: int = SOON_DAYS, *, today: dt.date | None = None
) -> list[QueueCount]:
    """Open, due-soon and overdue counts for each office the user sees (one query)."""
    return _counts(access, "office_id", ("office__name",), today or timezone.localdate(), days)


def counts_per_handler(
    access: CaseworkAccess, days: int = SOON_DAYS, *, today: dt.date | None = None
) -> list[QueueCount]:
    """The same counts for each handler (``key`` None: cases nobody has been assigned yet); one query."""
    labels = ("handler__display_name", "handler__username")
    return _counts(access, "handler_id", labels, today or timezone.localdate(), days)


def status_counts(access: CaseworkAccess) -> dict[int, dict[str, int]]:
    """Office id → status → number of cases, for every status (one query)."""
    table: dict[int, dict[str, int]] = {}
    rows = access.visible_cases().values("office_id", "status").annotate(n=Count("pk")).order_by()
    for row in rows:
        table.setdefault(row["office_id"], {})[row["status"]] = row["n"]
    return table


def overdue_transfers(access: CaseworkAccess, *, today: dt.date | None = None) -> QuerySet[Transfer]:
    """Transfers whose receipt or result the receiving body owes past its deadline."""
    today = today or timezone.localdate()
    late_receipt = Q(receipt="", receipt_due__lt=today)
    late_result = Q(result="", result_due__lt=today) & ~Q(receipt=Transfer.Receipt.REFUSED)
    cases = access.visible_cases().filter(OPEN_CASES)
    return (
        Transfer.objects.filter(late_receipt | late_result, case__in=cases)
        .select_related("case", "case__office")
        .order_by("receipt_due", "pk")
    )
