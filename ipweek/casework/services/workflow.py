"""The life of a case: a state machine with an event for every step and a deadline for the next one.

    received → accepted | refused (reasons) | more_material (补正) → …
    accepted → assigned → mediation | investigation | transferred → decided → closed
    closed | refused → (reopen, with a reason) → accepted

Only caseworkers of the case's office move it. Each step checks the version the caseworker saw
(two people acting on one case at once: the second is told to reload), writes a :class:`CaseEvent`,
sets the next deadline from ``casework.deadlines`` and, where the complainant is owed an answer,
notifies them (``casework.services.notify``).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipweek.accounts.models import User
from ipweek.casework import deadlines
from ipweek.casework.models import Case, CaseEvent
from ipweek.casework.permissions import casework_access
from ipweek.casework.services import notify

S = Case.Status


@dataclass(frozen=True)
class Step:
    label: "str | Promise"
    sources: frozenset[str]
    target: str
    needs_note: bool = False
    needs_outcome: bool = False
    needs_handler: bool = False
    notifies: bool = False
    kinds: frozenset[str] | None = None  # the types of case the step fits; None: every type


_OPEN_WORK = frozenset({S.ACCEPTED, S.ASSIGNED, S.MEDIATION, S.INVESTIGATION, S.TRANSFERRED})
STEPS: dict[str, Step] = {
    "accept": Step(gettext_lazy("Accept"), frozenset({S.RECEIVED, S.MORE_MATERIAL}), S.ACCEPTED, notifies=True),
    "refuse": Step(
        gettext_lazy("Refuse"), frozenset({S.RECEIVED, S.MORE_MATERIAL}), S.REFUSED, needs_note=True, notifies=True
    ),
    "request_material": Step(
        gettext_lazy("Request more material"), frozenset({S.RECEIVED}), S.MORE_MATERIAL, needs_note=True, notifies=True
    ),
    "material_received": Step(gettext_lazy("Material received"), frozenset({S.MORE_MATERIAL}), S.RECEIVED),
    "assign": Step(gettext_lazy("Assign"), frozenset({S.ACCEPTED, S.ASSIGNED}), S.ASSIGNED, needs_handler=True),
    "mediate": Step(
        gettext_lazy("Start mediation"),
        frozenset({S.ASSIGNED}),
        S.MEDIATION,
        kinds=frozenset({Case.Kind.COMPLAINT, Case.Kind.DISPUTE, Case.Kind.ASSISTANCE}),
    ),
    "investigate": Step(gettext_lazy("Start investigation"), frozenset({S.ASSIGNED, S.MEDIATION}), S.INVESTIGATION),
    "decide": Step(
        gettext_lazy("Record the decision"),
        frozenset({S.RECEIVED, *_OPEN_WORK}),
        S.DECIDED,
        needs_outcome=True,
        notifies=True,
    ),
    "close": Step(gettext_lazy("Close"), frozenset({S.DECIDED, S.REFUSED}), S.CLOSED),
    "reopen": Step(gettext_lazy("Reopen"), frozenset({S.CLOSED, S.REFUSED}), S.ACCEPTED, needs_note=True),
}
# The transfer step has its own service (casework.services.transfers) but is listed for the trail.
TRANSFER_SOURCES = frozenset({S.ACCEPTED, S.ASSIGNED, S.INVESTIGATION, S.TRANSFERRED})

# The deadline that starts when a case enters a state (by type where it differs).
_ACCEPTED_RULE: dict[str, str] = {
    Case.Kind.COMPLAINT: "complaint.mediation",
    Case.Kind.REPORT: "investigation.decide",
    Case.Kind.DISPUTE: "dispute.decide",
    Case.Kind.ASSISTANCE: "assistance.review",
    Case.Kind.CONSULTATION: "consultation.answer",
    Case.Kind.ECOMMERCE: "ecommerce.opinion",
}
_STATE_RULE: dict[str, str] = {
    S.MORE_MATERIAL: "more_material.reply",
    S.MEDIATION: "complaint.mediation",
    S.INVESTIGATION: "investigation.decide",
    S.DECIDED: "notify.result",
}


def fits(case: Case, step_name: str) -> bool:
    """Whether ``step_name`` may follow from the case's state, for its type.

    Only a consultation (answered) and an e-commerce request (given its opinion) are decided straight
    from "received"; every other case is accepted or refused first, and its complainant told.
    """
    step = STEPS[step_name]
    if case.status not in step.sources or (step.kinds is not None and case.kind not in step.kinds):
        return False
    direct = {Case.Kind.CONSULTATION, Case.Kind.ECOMMERCE}
    return not (step_name == "decide" and case.status == S.RECEIVED and case.kind not in direct)


def available_steps(case: Case) -> list[str]:
    """The generic steps that may follow, in display order; e-commerce cases move on their own pages."""
    if case.kind == Case.Kind.ECOMMERCE:
        return []
    steps = [name for name in STEPS if fits(case, name)]
    if case.status in TRANSFER_SOURCES:
        steps.append("transfer")
    return steps


def require_handler(actor: User, case: Case) -> None:
    if not casework_access(actor).can_handle(case.office_id):
        raise PermissionDenied(_("Only caseworkers of this office may handle the case."))


def next_deadline(case: Case, status: str, today: dt.date) -> tuple[dt.date | None, str]:
    if status in {S.CLOSED, S.REFUSED}:
        return None, ""
    if status == S.RECEIVED:
        key = deadlines.acceptance_rule_key(case.kind, case.channel)
    elif status in {S.ACCEPTED, S.ASSIGNED}:
        if case.status in {S.ACCEPTED, S.ASSIGNED} and case.due_date:
            return case.due_date, case.due_rule  # assigning does not restart the clock
        key = _ACCEPTED_RULE[case.kind]
    elif status == S.MEDIATION and case.due_rule == "complaint.mediation" and case.due_date:
        return case.due_date, case.due_rule  # the 45 working days run from acceptance, not from the first talk
    elif status in _STATE_RULE:
        key = _STATE_RULE[status]
    else:
        return case.due_date, case.due_rule
    return deadlines.due(key, today), key


def apply_step(
    *,
    case: Case,
    step_name: str,
    actor: User,
    version: int | None = None,
    note: str = "",
    outcome: str = "",
    handler: User | None = None,
) -> Case:
    """Move ``case`` by one step; a ValidationError explains a step that does not fit."""
    step = STEPS.get(step_name)
    if step is None:
        raise ValidationError({"step": _("Unknown step.")})
    require_handler(actor, case)
    note = note.strip()
    _check_inputs(case, step, note, outcome, handler)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if version is not None and locked.version != version:
            raise ValidationError(_("Someone else changed this case in the meantime. Reload the page and try again."))
        if not fits(locked, step_name):
            raise ValidationError(
                _("This step is not possible while the case is “%(status)s”.") % {"status": locked.get_status_display()}
            )
        if step_name == "mediate" and not locked.consents_to_mediation:
            raise ValidationError(_("The complainant has not agreed to mediation."))
        _apply(locked, step_name, step, actor, note, outcome, handler)
    return locked


def _check_inputs(case: Case, step: Step, note: str, outcome: str, handler: User | None) -> None:
    errors: dict[str, str] = {}
    if step.needs_note and not note:
        errors["note"] = _("Give the reasons; the complainant will be told.")
    if step.needs_outcome and outcome not in Case.Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if step.needs_handler and (handler is None or not casework_access(handler).can_handle(case.office_id)):
        errors["handler"] = _("Choose a caseworker of this office.")
    if len(note) > 5000:
        errors["note"] = _("The note is too long.")
    if errors:
        raise ValidationError(errors)


def _apply(case: Case, step_name: str, step: Step, actor: User, note: str, outcome: str, handler: User | None) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    previous = case.status
    due_date, due_rule = next_deadline(case, step.target, today)
    case.status, case.due_date, case.due_rule = step.target, due_date, due_rule
    if handler is not None:
        case.handler = handler
    if step_name == "decide":
        case.outcome, case.decided_at = outcome, now
    elif step_name == "refuse":
        case.outcome = Case.Outcome.REFUSED
        case.closed_at = now  # a refusal ends the case (unless reopened): retention counts from here
    elif step_name == "close":
        case.closed_at = now
    elif step_name == "reopen":
        case.closed_at = case.decided_at = None
        case.outcome = ""
    case.version = F("version") + 1
    case.save()
    case.refresh_from_db(fields=["version"])
    CaseEvent.objects.create(
        case=case,
        at=now,
        actor=actor,
        action=step_name,
        from_status=previous,
        to_status=step.target,
        note=note,
        due_date=due_date,
    )
    if step.notifies:
        notify.tell_complainant(case, step_name, note=note)


def record_note(*, case: Case, actor: User, note: str) -> CaseEvent:
    """A working note on the trail; it changes nothing else."""
    require_handler(actor, case)
    note = note.strip()
    if not note or len(note) > 5000:
        raise ValidationError({"note": _("Write a note of at most 5000 characters.")})
    return CaseEvent.objects.create(case=case, actor=actor, action="note", note=note)
