"""What templates show of a case: personal fields masked unless a handler chose to reveal them.

Templates never read ``case.complainant_*`` directly; they read a :class:`CaseView`, so a page
that forgets to ask for masking still masks. Revealing is decided (and logged) by the view.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ipweek.casework import deadlines
from ipweek.casework.masking import mask_address, mask_email, mask_id_number, mask_name, mask_phone
from ipweek.casework.models import Case
from ipweek.casework.redaction import Known, known_of, redact
from ipweek.casework.services.queues import SOON_DAYS
from ipweek.casework.services.workflow import STEPS
from ipweek.core.workdays import working_days_between

ACTION_LABELS: dict[str, str | Promise] = {
    "received": _("Received"),
    "note": _("Note"),
    "transfer": _("Transferred"),
    "transfer_accepted": _("Receiving body accepted the transfer"),
    "transfer_refused": _("Receiving body refused the transfer"),
    "transfer_result": _("Receiving body reported its result"),
    **{name: step.label for name, step in STEPS.items()},
}


def action_label(action: str) -> str | Promise:
    return ACTION_LABELS.get(action, action)


class CaseView:
    """Read-only personal fields of ``case``: the real values only when ``reveal`` is true."""

    def __init__(self, case: Case, reveal: bool) -> None:
        self.case = case
        self.is_purged = case.personal_data_purged_at is not None
        self.is_revealed = reveal and not self.is_purged

    def _show(self, value: str, mask: Callable[[str], str]) -> str:
        return value if self.is_revealed else mask(value)

    @property
    def complainant_name(self) -> str:
        return self._show(self.case.complainant_name, mask_name)

    @property
    def complainant_phone(self) -> str:
        return self._show(self.case.complainant_phone, mask_phone)

    @property
    def complainant_id_number(self) -> str:
        return self._show(self.case.complainant_id_number, mask_id_number)

    @property
    def complainant_email(self) -> str:
        return self._show(self.case.complainant_email, mask_email)

    @property
    def complainant_address(self) -> str:
        return self._show(self.case.complainant_address, mask_address)

    # Free text quotes people too ("张三投诉…，电话13812341234"): shown redacted unless revealed.
    @cached_property
    def _known(self) -> Known:
        return known_of(self.case)

    def _text(self, value: str) -> str:
        return value if self.is_revealed else redact(value, self._known)

    @property
    def subject(self) -> str:
        return self._text(self.case.subject)

    @property
    def facts(self) -> str:
        return self._text(self.case.facts)

    @property
    def request(self) -> str:
        return self._text(self.case.request)


@dataclass(frozen=True)
class DueInfo:
    """A deadline as the office reads it: how many working days are left, or how many it is late."""

    date: dt.date | None
    days_left: int
    state: str  # "overdue", "soon", "ok", or "" when nothing is due

    @property
    def days_late(self) -> int:
        # Due on Friday and looked at on Saturday: late, though no working day has passed yet.
        return max(1, -self.days_left)


def due_info(due_date: dt.date | None, today: dt.date, soon_days: int = SOON_DAYS) -> DueInfo:
    if due_date is None:
        return DueInfo(None, 0, "")
    days = working_days_between(today, due_date)
    if due_date < today:
        return DueInfo(due_date, days, "overdue")
    return DueInfo(due_date, days, "soon" if days <= soon_days else "ok")


def rule_label(key: str) -> str | Promise:
    """The deadline rule's label; an unknown key (a rule since removed) shows as itself."""
    if not key:
        return ""
    try:
        return deadlines.rule(key).label
    except KeyError:
        return key
