"""Cases the office finds itself during an inspection (依职权发现): opened from the inspection's record.

Nobody complained, so the case has no complainant (``is_real_name`` False) and comes in through the
``inspection`` channel, which gives it the ex-officio time limit: 5 working days from discovery
(专利行政执法办法 art. 28), counted from the moment of the inspection, not from when the form was
filled in. The respondent, the facts and the IP type come from the inspection and its suspicious
items. The intake key is derived from the inspection, so opening it twice gives the same case.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.casework import numbering
from ipweek.casework.models import Case, Inspection, InspectionItem
from ipweek.casework.models.cases import IpType
from ipweek.casework.permissions import casework_access
from ipweek.casework.services.intake import IntakeResult, submit_case
from ipweek.core import cn
from ipweek.core.audit import record_audit
from ipweek.patents.numbers import check_mark

SUBJECT_LIMIT = 200
RIGHT_NUMBER_LIMIT = 64
MAX_PRODUCTS_IN_SUBJECT = 3


def intake_key(inspection: Inspection) -> str:
    return f"inspection-{inspection.pk}"


@transaction.atomic
def open_case_for_inspection(*, inspection: Inspection, actor: User) -> IntakeResult:
    """Open a violation report on what ``inspection`` found and link it; repeat-safe, audited.

    Refused unless the actor handles the action's office and the inspection's outcome is “case
    opened”; refused too when the inspection is already linked to another case (found by number).
    """
    action = inspection.action
    if not casework_access(actor).can_handle(action.office_id):
        raise PermissionDenied(_("Only caseworkers of this office may open its cases."))
    if inspection.outcome != Inspection.Outcome.CASE_OPENED:
        raise ValidationError({"open_case": _("Only an inspection whose outcome is “case opened” can open a case.")})
    key = intake_key(inspection)
    # Locked, so that two clicks at once link one case and audit it once.
    linked_id = Inspection.objects.select_for_update().values_list("case_id", flat=True).get(pk=inspection.pk)
    stored = numbering.stored_key(Case.Channel.INSPECTION, action.office_id, key)
    if linked_id is not None and not Case.objects.filter(pk=linked_id, idempotency_key=stored).exists():
        raise ValidationError({"case_number": _("This inspection is already linked to a case.")})
    result = submit_case(
        office=action.office,
        kind=Case.Kind.REPORT,
        channel=Case.Channel.INSPECTION,
        data=case_data(inspection),
        campaign=action.campaign,
        activity=action.activity,
        actor=actor,
        idempotency_key=key,
        received_at=min(inspection.inspected_at, timezone.now()),
    )
    inspection.case = result.case
    if linked_id != result.case.pk:
        Inspection.objects.filter(pk=inspection.pk).update(case=result.case)
        record_audit(
            actor=actor,
            action="enforcement.case_opened",
            obj=inspection,
            campaign_id=action.campaign_id,
            action_id=action.pk,
            case_id=result.case.pk,
            number=result.case.number,
        )
    return result


def case_data(inspection: Inspection) -> dict[str, object]:
    """The case's fields as :func:`~ipweek.casework.services.intake.submit_case` takes them."""
    items = list(inspection.items.all())
    suspicious = [item for item in items if item.suspected_counterfeit] or items
    first = suspicious[0] if suspicious else None
    return {
        "subject": _subject(inspection, suspicious),
        "respondent_name": inspection.party_name,
        "respondent_address": inspection.party_address,
        "place_of_infringement": inspection.location,
        "facts": _facts(inspection, suspicious),
        "ip_type": _ip_type(first),
        "right_number": _right_number(first),
        "is_real_name": False,  # the office found it: there is no complainant to name
    }


def _subject(inspection: Inspection, items: list[InspectionItem]) -> str:
    products = "、".join(item.product for item in items[:MAX_PRODUCTS_IN_SUBJECT])
    if len(items) > MAX_PRODUCTS_IN_SUBJECT:
        products = _("%(products)s and others") % {"products": products}
    if not products:
        subject = _("%(party)s: suspected counterfeit patent") % {"party": inspection.party_name}
    else:
        subject = _("%(party)s: suspected counterfeit patent on %(products)s") % {
            "party": inspection.party_name,
            "products": products,
        }
    return subject[:SUBJECT_LIMIT]


def _facts(inspection: Inspection, items: list[InspectionItem]) -> str:
    found = _("Found during the inspection of %(place)s on %(date)s, special action “%(action)s”.") % {
        "place": inspection.location,
        "date": cn.cn_date(timezone.localtime(inspection.inspected_at).date()),
        "action": inspection.action.name,
    }
    lines = [found, *(_item_line(item) for item in items)]
    if inspection.evidence_note:
        lines.append(_("Evidence collected: %(note)s") % {"note": inspection.evidence_note})
    return "\n".join(lines)


def _item_line(item: InspectionItem) -> str:
    product = f"{item.product} {item.model}".strip()
    finding = item.verification_note or str(item.get_verification_display())
    mark = item.mark_text or item.claimed_number or "—"
    return _("%(product)s, %(quantity)s pieces, mark “%(mark)s”: %(finding)s") % {
        "product": product,
        "quantity": item.quantity,
        "mark": mark,
        "finding": finding,
    }


def _ip_type(item: InspectionItem | None) -> str:
    """The type the mark claims (chosen or in its words); failing that, the type the number shows; else “other”."""
    if item is None:
        return IpType.OTHER
    check = check_mark(item.mark_text, item.claimed_type, number=item.claimed_number)
    if check.claimed_type is not None:
        return str(check.claimed_type)
    if check.number is not None and check.number.patent_type is not None:
        return str(check.number.patent_type)
    return IpType.OTHER


def _right_number(item: InspectionItem | None) -> str:
    if item is None:
        return ""
    number = check_mark(item.mark_text, item.claimed_type, number=item.claimed_number).number
    return number.normalised[:RIGHT_NUMBER_LIMIT] if number is not None else ""
