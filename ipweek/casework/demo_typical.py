"""Demo typical case: when the demo has a closed case at the protection centre, one write-up is drafted from it."""

from typing import TYPE_CHECKING

from ipweek.casework.models import Case, TypicalCase
from ipweek.casework.services.typical import draft_typical_case

if TYPE_CHECKING:
    from ipweek.casework.demo import DemoContext


def fill(context: "DemoContext") -> None:
    """Idempotent: nothing when a typical case exists at the centre or no case there is closed yet."""
    if TypicalCase.objects.filter(case__office=context.centre).exists():
        return
    case = (
        Case.objects.filter(office=context.centre, status=Case.Status.CLOSED)
        .exclude(personal_data_purged_at__isnull=False)
        .order_by("closed_at", "pk")
        .first()
    )
    if case is None:
        return
    draft_typical_case(case, context.caseworker)
