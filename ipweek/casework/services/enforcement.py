"""The enforcement log: saving special actions and their inspections, and verifying the marks checked.

An inspection records what FACTS.md §3.5 lists. Each product checked carries its patent mark as
printed; :func:`verify_item` checks it with :mod:`ipweek.patents.numbers` and decides the
verification: what the number itself shows (malformed, type mismatch, application only) comes
first, because it needs no register; otherwise the status the officer looked up (valid, expired,
invalidated, non-existent), or “unknown”. A problem found that way, or the officer's own doubt,
marks the item as a suspected counterfeit patent (专利法实施细则 art. 101).

Totals per action live in :mod:`~ipweek.casework.services.enforcement_totals`; the wording of a
number's problems in :mod:`~ipweek.casework.patent_wording`.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, Campaign
from ipweek.casework.models import Case, Inspection, InspectionItem, SpecialAction
from ipweek.casework.patent_wording import describe_mark
from ipweek.casework.services.enforcement_cases import open_case_for_inspection
from ipweek.core.audit import record_audit
from ipweek.patents.numbers import MarkCheck, check_mark
from ipweek.units.models import Unit

V = InspectionItem.Verification
KNOWN_STATUSES = (V.VALID, V.EXPIRED, V.INVALIDATED, V.NON_EXISTENT)
SUSPICIOUS = frozenset({V.MALFORMED, V.TYPE_MISMATCH, V.EXPIRED, V.INVALIDATED, V.NON_EXISTENT})
MIN_OFFICERS = 2  # 专利行政执法办法 art. 28: two or more officers
ACTION_FIELDS = ("name", "starts_on", "ends_on", "legal_basis")
INSPECTION_FIELDS = (
    "inspected_at",
    "location",
    "market_kind",
    "party_name",
    "party_credit_code",
    "party_address",
    "party_person",
    "legal_basis",
    "evidence_note",
    "record_ref",
    "seizure_list",
    "seized_count",
    "signatures",
    "outcome",
    "follow_up_due",
)


@dataclass(frozen=True)
class ItemInput:
    """One product checked, as the form gives it; ``item_id`` for an existing row, ``delete`` to drop it."""

    product: str
    model: str = ""
    quantity: int = 1
    mark_text: str = ""
    claimed_type: str = ""
    claimed_number: str = ""
    known_status: str = ""
    officer_suspects: bool = False
    item_id: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class ItemVerification:
    status: str
    note: str
    is_suspect: bool
    check: MarkCheck


# --- verification ------------------------------------------------------------------------------------


def verify_item(*, mark_text: str, claimed_type: str, claimed_number: str, known_status: str = "") -> ItemVerification:
    """The verification of one item: the number's own evidence first, then the status the officer recorded."""
    check = check_mark(mark_text, claimed_type, number=claimed_number)
    finding = check.finding
    if finding is not None:
        status = str(finding)
    elif known_status in KNOWN_STATUSES and check.has_mark:
        status = known_status
    else:
        status = V.UNKNOWN
    note = " ".join(describe_mark(check))[:300]
    return ItemVerification(status=status, note=note, is_suspect=status in SUSPICIOUS, check=check)


def clean_officers(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Officers with a name and a certificate number, each certificate once; two or more or a ValidationError."""
    officers: list[dict[str, str]] = []
    seen: set[str] = set()
    for row in rows:
        name, certificate = (row.get("name") or "").strip(), (row.get("certificate") or "").strip()
        if not (name or certificate):
            continue
        if not (name and certificate):
            raise ValidationError({"officers": _("Give each officer both a name and a certificate number.")})
        key = certificate.upper()
        if key in seen:
            raise ValidationError({"officers": _("Each certificate number may appear only once.")})
        seen.add(key)
        officers.append({"name": name, "certificate": certificate})
    if len(officers) < MIN_OFFICERS:
        raise ValidationError(
            {"officers": _("At least two officers with enforcement certificate numbers must take part.")}
        )
    return officers


# --- saving ------------------------------------------------------------------------------------------


@transaction.atomic
def save_action(
    *,
    office: Unit,
    data: dict[str, Any],
    actor: User,
    activity: Activity | None = None,
    campaign: Campaign | None = None,
    action: SpecialAction | None = None,
) -> SpecialAction:
    """Create or change a special action; with an activity, the campaign is the activity's. Audited."""
    if action is None:
        action = SpecialAction(office=office, created_by=actor)
    for name in ACTION_FIELDS:
        if name in data:
            setattr(action, name, data[name])
    action.activity = activity
    action.campaign = activity.campaign if activity is not None else campaign
    if action.ends_on and action.ends_on < action.starts_on:
        raise ValidationError({"ends_on": _("The action cannot end before it starts.")})
    is_new = action.pk is None
    action.save()
    record_audit(
        actor=actor,
        action="enforcement.action_created" if is_new else "enforcement.action_changed",
        obj=action,
        campaign_id=action.campaign_id,
        office_id=action.office_id,
    )
    return action


@transaction.atomic
def save_inspection(
    *,
    action: SpecialAction,
    data: dict[str, Any],
    officers: list[dict[str, str]],
    items: list[ItemInput],
    case: Case | None,
    actor: User,
    inspection: Inspection | None = None,
    open_case: bool = False,
) -> Inspection:
    """Record an inspection with its items, all or nothing; verifies every mark and audits the change.

    ``case`` links the case opened on the inspection's findings; it must belong to the action's office.
    ``open_case`` instead opens a new report case on the findings, in the same transaction
    (:func:`~ipweek.casework.services.enforcement_cases.open_case_for_inspection`).
    """
    checked_officers = clean_officers(officers)
    if case is not None and case.office_id != action.office_id:
        raise ValidationError({"case_number": _("No case of this office has that number.")})
    if case is not None and open_case:
        raise ValidationError({"open_case": _("Link a case by its number or open a new one, not both.")})
    if inspection is None:
        inspection = Inspection(action=action, created_by=actor)
    for name in INSPECTION_FIELDS:
        if name in data:
            setattr(inspection, name, data[name])
    inspection.officers = checked_officers
    inspection.case = case
    inspection.full_clean(exclude=["action", "created_by", "case", "officers"])
    is_new = inspection.pk is None
    inspection.save()
    _save_items(inspection, items)
    record_audit(
        actor=actor,
        action="enforcement.inspection_created" if is_new else "enforcement.inspection_changed",
        obj=inspection,
        campaign_id=action.campaign_id,
        action_id=action.pk,
        outcome=inspection.outcome,
        items=inspection.items.count(),
    )
    if open_case:
        open_case_for_inspection(inspection=inspection, actor=actor)
    return inspection


def _save_items(inspection: Inspection, items: list[ItemInput]) -> None:
    existing = {item.pk: item for item in inspection.items.all()}
    for entry in items:
        row = existing.get(entry.item_id) if entry.item_id else None
        if entry.delete:
            if row is not None:
                row.delete()
            continue
        if row is None:
            row = InspectionItem(inspection=inspection)
        verification = verify_item(
            mark_text=entry.mark_text,
            claimed_type=entry.claimed_type,
            claimed_number=entry.claimed_number,
            known_status=entry.known_status,
        )
        row.product, row.model, row.quantity = entry.product.strip(), entry.model.strip(), entry.quantity
        row.mark_text, row.claimed_type = entry.mark_text.strip(), entry.claimed_type
        row.claimed_number = entry.claimed_number.strip()
        row.verification, row.verification_note = verification.status, verification.note
        row.suspected_counterfeit = verification.is_suspect or entry.officer_suspects
        row.save()
