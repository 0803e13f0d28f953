"""The steps after intake: the office's opinion and close, the platform's measure, declaration, complaint and end."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.casework import deadlines
from ipweek.casework.models import Case, CaseEvent, EcommerceRequest
from ipweek.casework.services.workflow import apply_step, require_handler
from ipweek.core.audit import record_audit

Measure, Opinion, Final = EcommerceRequest.Measure, EcommerceRequest.Opinion, EcommerceRequest.Final
STALE = "stale_version"
TAKEN_MEASURES = frozenset(Measure.values) - {Measure.NONE}


# --- the office's opinion ------------------------------------------------------------------------


def is_late_opinion(request: EcommerceRequest) -> bool:
    return request.opinion_at is not None and timezone.localdate(request.opinion_at) > request.opinion_due


def _lock_case(request: EcommerceRequest, version: int | None) -> Case:
    case = Case.objects.select_for_update().get(pk=request.case_id)
    if version is not None and case.version != version:
        raise ValidationError(
            _("Someone else changed this case in the meantime. Reload the page and try again."), code=STALE
        )
    return case


def issue_opinion(
    *, request: EcommerceRequest, actor: User, opinion: str, reasons: str, version: int | None = None
) -> EcommerceRequest:
    """A caseworker's opinion; decides the case (outcome ``opinion``) and tells the right holder. Late is allowed."""
    require_handler(actor, request.case)
    reasons = reasons.strip()
    errors = {}
    if opinion not in Opinion.values:
        errors["opinion"] = _("Choose the opinion.")
    if not reasons or len(reasons) > 5000:
        errors["reasons"] = _("Give the reasons for the opinion (at most 5000 characters).")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _lock_case(request, version)
        locked = EcommerceRequest.objects.select_for_update().get(pk=request.pk)
        if locked.opinion:
            raise ValidationError(_("The opinion has already been issued."))
        with translation.override("zh-hans"):
            note = f"{Opinion(opinion).label}：{reasons}"
        case = apply_step(
            case=request.case, step_name="decide", actor=actor, note=note, outcome=Case.Outcome.OPINION_ISSUED
        )
        locked.opinion, locked.opinion_text, locked.opinion_at = opinion, reasons, case.decided_at
        locked.save(update_fields=["opinion", "opinion_text", "opinion_at"])
        late = is_late_opinion(locked)
        record_audit(
            actor=actor, action="ecommerce.opinion", obj=locked, number=case.number, opinion=opinion, late=late
        )
    locked.case = case
    return locked


def close_request(*, request: EcommerceRequest, actor: User, version: int | None = None) -> Case:
    """The office closes a decided e-commerce case (usually once the platform has finished)."""
    require_handler(actor, request.case)
    with transaction.atomic():
        _lock_case(request, version)
        return apply_step(case=request.case, step_name="close", actor=actor)


# --- the platform's steps ------------------------------------------------------------------------


def _platform_step(request: EcommerceRequest, actor: User, version: int | None) -> tuple[EcommerceRequest, Case]:
    """Lock the case and the request for a platform step; refuse others and finished requests."""
    if request.platform.user_id is None or actor.pk != request.platform.user_id:
        raise PermissionDenied(_("Only the platform that sent the request may record its steps."))
    case = _lock_case(request, version)
    locked = EcommerceRequest.objects.select_for_update().select_related("platform").get(pk=request.pk)
    if locked.final or case.status in {Case.Status.CLOSED, Case.Status.REFUSED}:
        raise ValidationError(_("This request is finished; nothing more can be recorded."))
    return locked, case


def _record(locked: EcommerceRequest, case: Case, actor: User, action: str, note: str, **audit: Any) -> None:
    Case.objects.filter(pk=case.pk).update(version=F("version") + 1, updated_at=timezone.now())
    CaseEvent.objects.create(
        case=case, actor=actor, action=action, from_status=case.status, to_status=case.status, note=note
    )
    record_audit(actor=actor, action=f"ecommerce.{action}", obj=locked, number=case.number, **audit)
    locked.case = Case.objects.get(pk=case.pk)


def record_measure(
    *, request: EcommerceRequest, actor: User, measure: str, version: int | None = None
) -> EcommerceRequest:
    """The measure the platform took (E-commerce Law art. 42), once; "no measure" ends the platform's track."""
    if measure not in Measure.values:
        raise ValidationError({"measure": _("Choose the measure.")})
    with transaction.atomic():
        locked, case = _platform_step(request, actor, version)
        if locked.measure:
            raise ValidationError(_("The measure has already been recorded."))
        locked.measure, locked.measure_at = measure, timezone.now()
        locked.save(update_fields=["measure", "measure_at"])
        with translation.override("zh-hans"):
            note = _("Platform measure: %(measure)s") % {"measure": Measure(measure).label}
        _record(locked, case, actor, "platform_measure", note, measure=measure)
    return locked


def record_counter_notice(
    *, request: EcommerceRequest, actor: User, at: dt.datetime | dt.date | None = None, version: int | None = None
) -> EcommerceRequest:
    """The seller's declaration (art. 43) arrived; the 15-day window (rule ``ecommerce.window``) starts on that day."""
    moment = _moment(at)
    with transaction.atomic():
        locked, case = _platform_step(request, actor, version)
        if locked.measure not in TAKEN_MEASURES:
            raise ValidationError(_("A seller's declaration answers a measure; record the measure first."))
        if locked.counter_notice_at is not None:
            raise ValidationError(_("The seller's declaration has already been recorded."))
        day = timezone.localdate(moment)
        if locked.measure_at is not None and day < timezone.localdate(locked.measure_at):
            raise ValidationError({"at": _("The declaration cannot come before the measure was taken.")})
        locked.counter_notice_at, locked.window_ends = moment, deadlines.due("ecommerce.window", day)
        locked.save(update_fields=["counter_notice_at", "window_ends"])
        with translation.override("zh-hans"):
            note = _("Seller's declaration received; the window ends on %(date)s.") % {"date": _cn(locked.window_ends)}
        _record(locked, case, actor, "counter_notice", note, window_ends=locked.window_ends.isoformat())
    return locked


def _moment(at: dt.datetime | dt.date | None) -> dt.datetime:
    now = timezone.now()
    if at is None or at == timezone.localdate(now):  # a date of today: the moment it is recorded
        return now
    if not isinstance(at, dt.datetime):
        at = timezone.make_aware(dt.datetime.combine(at, dt.time.min))
    elif timezone.is_naive(at):
        at = timezone.make_aware(at)
    if timezone.localdate(at) > timezone.localdate(now):
        raise ValidationError({"at": _("The date cannot be in the future.")})
    return at


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def record_complaint_or_suit(*, request: EcommerceRequest, actor: User, version: int | None = None) -> EcommerceRequest:
    """The right holder told the platform of a complaint or suit within the window; the measure stays."""
    today = timezone.localdate()
    with transaction.atomic():
        locked, case = _platform_step(request, actor, version)
        if locked.window_ends is None:
            raise ValidationError(_("Record the seller's declaration first: the window starts with it."))
        if locked.complaint_or_suit_notified:
            raise ValidationError(_("The complaint or suit has already been recorded."))
        if today > locked.window_ends:
            raise ValidationError(
                _("The 15-day window ended on %(date)s; a complaint or suit notified later does not keep the measure.")
                % {"date": _cn(locked.window_ends)}
            )
        locked.complaint_or_suit_notified = True
        locked.save(update_fields=["complaint_or_suit_notified"])
        with translation.override("zh-hans"):
            note = _("The right holder complained to an authority or sued.")
        _record(locked, case, actor, "complaint_or_suit", note)
    return locked


def final_refusal(request: EcommerceRequest, final: str, today: dt.date) -> str:
    """Why ``final`` is not possible now ("" when it is); the pages use it to offer only what fits."""
    if final not in Final.values:
        return _("Choose restore or keep.")
    if request.measure not in TAKEN_MEASURES:
        return _("There is no measure to restore or keep.")
    if final == Final.KEPT:
        if request.complaint_or_suit_notified or request.opinion == Opinion.INFRINGING:
            return ""
        return _("Keep the measure only after an opinion of infringement or a complaint or suit by the right holder.")
    if request.complaint_or_suit_notified:
        return _("The right holder complained or sued; the measure stays.")
    if request.window_ends is None:
        return _("Restore only after the seller's declaration and a 15-day window without a complaint or suit.")
    if today <= request.window_ends:
        return _("The 15-day window runs until %(date)s; restore after it ends.") % {"date": _cn(request.window_ends)}
    return ""


def finalise(*, request: EcommerceRequest, actor: User, final: str, version: int | None = None) -> EcommerceRequest:
    """Restore the listing (only after the window passed without a complaint or suit) or keep the measure."""
    with transaction.atomic():
        locked, case = _platform_step(request, actor, version)
        refusal = final_refusal(locked, final, timezone.localdate())
        if refusal:
            raise ValidationError({"final": refusal})
        locked.final, locked.final_at = final, timezone.now()
        locked.save(update_fields=["final", "final_at"])
        with translation.override("zh-hans"):
            note = _("Platform's final state: %(final)s") % {"final": Final(final).label}
        _record(locked, case, actor, "platform_final", note, final=final)
    return locked
