"""Where a request stands, what the platform may do next, and what a page or the API may show of it."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from ipweek.casework.masking import mask_email, mask_name, mask_phone
from ipweek.casework.models import Case, EcommerceRequest
from ipweek.casework.services.ecommerce.steps import Final, Measure, final_refusal
from ipweek.core.workdays import working_days_between

STAGE_LABELS = {
    "awaiting_opinion": gettext_lazy("Awaiting the office's opinion"),
    "awaiting_measure": gettext_lazy("Awaiting the platform's measure"),
    "measure_taken": gettext_lazy("Measure taken"),
    "in_window": gettext_lazy("Seller's declaration: 15-day window running"),
    "window_passed": gettext_lazy("Window passed without a complaint or suit: restore"),
    "complaint_or_suit": gettext_lazy("Right holder complained or sued"),
    "no_measure": gettext_lazy("No measure taken"),
    "restored": gettext_lazy("Restored"),
    "kept": gettext_lazy("Measure kept"),
    "refused": gettext_lazy("Not accepted by the office"),
    "closed": gettext_lazy("Closed by the office"),
}
_ENDED = {Case.Status.CLOSED, Case.Status.REFUSED}


def stage_of(request: EcommerceRequest, today: dt.date) -> str:
    """Where the request stands, as one code (labels in the templates and the API's description)."""
    if request.final:
        return str(request.final)
    if request.measure == Measure.NONE:
        return "no_measure"
    if request.case.status in _ENDED:
        return str(request.case.status)
    if request.complaint_or_suit_notified:
        return "complaint_or_suit"
    if request.window_ends is not None:
        return "in_window" if today <= request.window_ends else "window_passed"
    if request.measure:
        return "measure_taken"
    return "awaiting_measure" if request.opinion else "awaiting_opinion"


def is_settled(request: EcommerceRequest) -> bool:
    """Nothing more is expected from the platform."""
    return bool(request.final) or request.measure == Measure.NONE


def platform_steps(request: EcommerceRequest, today: dt.date) -> list[str]:
    """The platform steps that fit now: measure, counter_notice, complaint_or_suit, restored, kept."""
    if is_settled(request) or request.case.status in _ENDED:
        return []
    steps = []
    if not request.measure:
        steps.append("measure")
    elif request.counter_notice_at is None:
        steps.append("counter_notice")
    elif not request.complaint_or_suit_notified and request.window_ends and today <= request.window_ends:
        steps.append("complaint_or_suit")
    return steps + [final for final in Final.values if request.measure and not final_refusal(request, final, today)]


@dataclass(frozen=True)
class Contact:
    """The right holder's contact as a page or the API may show it."""

    name: str
    phone: str
    email: str
    is_revealed: bool


def contact_of(request: EcommerceRequest, *, reveal: bool = False) -> Contact:
    """Masked unless ``reveal`` (a handler's logged choice); a purged case shows nothing."""
    case = request.case
    if case.personal_data_purged_at is not None:
        return Contact("", "", "", is_revealed=False)
    if reveal:
        return Contact(case.complainant_name, case.complainant_phone, case.complainant_email, is_revealed=True)
    masked = mask_name(case.complainant_name), mask_phone(case.complainant_phone), mask_email(case.complainant_email)
    return Contact(*masked, is_revealed=False)


def working_days_left(request: EcommerceRequest, today: dt.date) -> int | None:
    """Working days until the opinion is due (negative when late); None once the opinion is out."""
    if request.opinion:
        return None
    return working_days_between(today, request.opinion_due)
