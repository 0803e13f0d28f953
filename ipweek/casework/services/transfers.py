"""Passing a case to the competent enforcement body, and recording what that body answers.

A transfer starts two clocks (FACTS.md §3.3, local transfer rule): the body returns a receipt —
accepted or refused — within ``transfer.receipt`` and reports its result within ``transfer.result``.
The case waits in ``transferred`` meanwhile, and its own deadline follows whichever answer is owed.
The complainant is told of the transfer and of every answer that ends the body's part: a refused
receipt or a result. After a result the caseworker records the office's decision (``decide``).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.casework import deadlines
from ipweek.casework.models import Case, CaseEvent, Transfer
from ipweek.casework.services import notify
from ipweek.casework.services.workflow import TRANSFER_SOURCES, require_handler

MAX_NOTE = 5000


def _clean_text(value: str, field: str, *, required: bool, limit: int = MAX_NOTE) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return value


def _lock_case(case: Case, version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise ValidationError(_("Someone else changed this case in the meantime. Reload the page and try again."))
    return locked


def _save_case(case: Case, due_date: dt.date | None, due_rule: str, **changes: object) -> None:
    case.due_date, case.due_rule = due_date, due_rule
    for name, value in changes.items():
        setattr(case, name, value)
    case.version = F("version") + 1  # type: ignore[assignment]
    case.save()
    case.refresh_from_db(fields=["version"])


def transfer_case(
    *, case: Case, actor: User, body_kind: str, body_name: str, note: str = "", version: int | None = None
) -> Transfer:
    """Send ``case`` to an enforcement body; sets both answer deadlines, writes the trail, tells the complainant."""
    require_handler(actor, case)
    if body_kind not in Transfer.Body.values:
        raise ValidationError({"body_kind": _("Choose one of the options.")})
    body_name = _clean_text(body_name, "body_name", required=True, limit=200)
    note = _clean_text(note, "note", required=False)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        locked = _lock_case(case, version)
        if locked.status not in TRANSFER_SOURCES:
            raise ValidationError(
                _("This step is not possible while the case is “%(status)s”.") % {"status": locked.get_status_display()}
            )
        transfer = Transfer.objects.create(
            case=locked,
            body_kind=body_kind,
            body_name=body_name,
            sent_at=now,
            sent_by=actor,
            receipt_due=deadlines.due("transfer.receipt", today),
            result_due=deadlines.due("transfer.result", today),
        )
        previous = locked.status
        _save_case(locked, transfer.receipt_due, "transfer.receipt", status=Case.Status.TRANSFERRED)
        CaseEvent.objects.create(
            case=locked,
            at=now,
            actor=actor,
            action="transfer",
            from_status=previous,
            to_status=Case.Status.TRANSFERRED,
            note=_join(body_name, note),
            due_date=transfer.receipt_due,
        )
        notify.tell_complainant(locked, "transfer", body_name=body_name)
    return transfer


def _lock_transfer(transfer: Transfer, actor: User) -> tuple[Transfer, Case]:
    require_handler(actor, transfer.case)
    locked = Transfer.objects.select_for_update().select_related("case").get(pk=transfer.pk)
    case = Case.objects.select_for_update().get(pk=locked.case_id)
    if not case.is_open:
        raise ValidationError(
            _("This step is not possible while the case is “%(status)s”.") % {"status": case.get_status_display()}
        )
    return locked, case


def record_receipt(*, transfer: Transfer, actor: User, receipt: str, note: str = "") -> Transfer:
    """The body's receipt: accepted (the case now waits for its result) or refused (the complainant is told)."""
    if receipt not in Transfer.Receipt.values:
        raise ValidationError({"receipt": _("Choose one of the options.")})
    note = _clean_text(note, "note", required=receipt == Transfer.Receipt.REFUSED)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        locked, case = _lock_transfer(transfer, actor)
        if locked.receipt or locked.result:
            raise ValidationError(_("The receipt of this transfer has already been recorded."))
        locked.receipt, locked.receipt_at = receipt, now
        due_date: dt.date | None = locked.result_due
        due_rule = "transfer.result"
        if receipt == Transfer.Receipt.REFUSED:
            locked.result_due = None  # nothing more is owed by that body
            due_date, due_rule = deadlines.due("notify.result", today), "notify.result"
        locked.save(update_fields=["receipt", "receipt_at", "result_due"])
        if case.status == Case.Status.TRANSFERRED:
            _save_case(case, due_date, due_rule)
        CaseEvent.objects.create(
            case=case,
            at=now,
            actor=actor,
            action=f"transfer_{receipt}",
            note=_join(locked.body_name, note),
            due_date=due_date,
        )
        if receipt == Transfer.Receipt.REFUSED:
            with translation.override("zh-hans"):
                told = _("%(body)s did not accept the case: %(note)s") % {"body": locked.body_name, "note": note}
            notify.tell_complainant(case, "transfer_result", note=told, body_name=locked.body_name)
    return locked


def record_result(*, transfer: Transfer, actor: User, result: str) -> Transfer:
    """The body's result; the complainant is told, and the caseworker then records the decision."""
    result = _clean_text(result, "result", required=True)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        locked, case = _lock_transfer(transfer, actor)
        if locked.receipt == Transfer.Receipt.REFUSED:
            raise ValidationError(_("The body refused this transfer; it owes no result."))
        if locked.result:
            raise ValidationError(_("The result of this transfer has already been recorded."))
        if not locked.receipt:  # a result implies the body took the case
            locked.receipt, locked.receipt_at = Transfer.Receipt.ACCEPTED, now
        locked.result, locked.result_at = result, now
        locked.save(update_fields=["receipt", "receipt_at", "result", "result_at"])
        due_date = deadlines.due("notify.result", today)
        if case.status == Case.Status.TRANSFERRED:
            _save_case(case, due_date, "notify.result")
        CaseEvent.objects.create(
            case=case,
            at=now,
            actor=actor,
            action="transfer_result",
            note=_join(locked.body_name, result),
            due_date=due_date,
        )
        notify.tell_complainant(case, "transfer_result", note=result, body_name=locked.body_name)
    return locked


def _join(head: str, note: str) -> str:
    return f"{head}\n{note}" if note else head
