"""The enforcement log: special actions, their inspections, the marks checked and the totals per action.

An inspection records what FACTS.md §3.5 lists. Each product checked carries its patent mark as
printed; :func:`verify_item` checks it with :mod:`ipweek.patents.numbers` and decides the
verification: what the number itself shows (malformed, type mismatch, application only) comes
first, because it needs no register; otherwise the status the officer looked up (valid, expired,
invalidated, non-existent), or “unknown”. A problem found that way, or the officer's own doubt,
marks the item as a suspected counterfeit patent (专利法实施细则 art. 101).

Totals per action are counted with aggregates and can be pushed into the closing report of the
action's activity through :func:`~ipweek.casework.services.figures.push_figures`.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.casework.models import Case, Inspection, InspectionItem, SpecialAction
from ipweek.casework.models.cases import IpType
from ipweek.casework.services.figures import push_figures
from ipweek.core.audit import record_audit
from ipweek.patents.numbers import MarkCheck, Part, Problem, check_mark
from ipweek.reporting.models import ActivityReport
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


@dataclass(frozen=True)
class ActionTotals:
    officers: int = 0
    inspections: int = 0
    items: int = 0
    quantity: int = 0
    suspected: int = 0
    seized: int = 0
    cases_opened: int = 0
    cases_closed: int = 0

    @property
    def closure_rate(self) -> Decimal | None:
        """Closed cases as a percentage of cases opened, one decimal; None when none were opened."""
        if not self.cases_opened:
            return None
        rate = Decimal(100 * self.cases_closed) / Decimal(self.cases_opened)
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def figures(self) -> dict[str, int]:
        """The closing-report figures these totals feed (metric → count)."""
        return {
            "officers": self.officers,
            "inspections": self.inspections,
            "seized_items": self.seized,
            "cases": self.cases_opened,
        }


@dataclass(frozen=True)
class PushResult:
    report: ActivityReport | None
    unit: Unit

    @property
    def is_pushed(self) -> bool:
        return self.report is not None


# --- wording --------------------------------------------------------------------------------------------

# What each problem code of ipweek.patents.numbers means, naming the part of the number that is wrong.
PROBLEM_TEXT: dict[str, Promise] = {
    "empty": gettext_lazy("No number was given."),
    "characters": gettext_lazy("The number contains characters that do not belong in a patent number: %(chars)s."),
    "prefix": gettext_lazy(
        "“%(prefix)s” is not a patent number prefix: a patent number starts with ZL, an application number may "
        "start with CN."
    ),
    "length": gettext_lazy(
        "There are %(count)s digits before the dot; an application or patent number has 12 "
        "(8 for applications filed before October 2003)."
    ),
    "year": gettext_lazy(
        "The year “%(year)s” is not possible: numbers of this format run from %(earliest)s to %(latest)s."
    ),
    "year_old_format": gettext_lazy(
        "The year digits “%(year)s” are not possible: the old 8-digit format was used from %(earliest)s to %(latest)s."
    ),
    "type": gettext_lazy("The type digit “%(digit)s” after the year is not a patent type: it must be 1, 2, 3, 8 or 9."),
    "serial_zero": gettext_lazy("The serial number after the type digit cannot be all zeros."),
    "check_missing": gettext_lazy(
        "The check character after the dot is missing; for these digits it is “%(expected)s”."
    ),
    "check_length": gettext_lazy(
        "After the dot there must be a single check character, not “%(found)s”; for these digits it is “%(expected)s”."
    ),
    "check_wrong": gettext_lazy(
        "The check character after the dot is “%(found)s”, but for these digits it must be “%(expected)s”: "
        "a digit is wrong or the number is made up."
    ),
    "dot_missing": gettext_lazy("The dot before the check character is missing."),
    "space_inside": gettext_lazy(
        "There is a space inside the %(part)s; spaces belong only between year, type digit and serial number."
    ),
    "space_around_dot": gettext_lazy("There should be no space around the dot."),
    "document_length": gettext_lazy(
        "A publication or grant number has 9 digits after CN (7 in older documents); this one has %(count)s."
    ),
    "document_type": gettext_lazy(
        "The first digit “%(digit)s” of the publication number is not a patent type: it must be 1, 2 or 3."
    ),
    "kind_code": gettext_lazy(
        "The kind code “%(code)s” does not fit the type of the number (%(type)s); it should be one of %(allowed)s."
    ),
    "number_missing": gettext_lazy("The mark gives no patent number."),
    "more_numbers": gettext_lazy(
        "The mark carries %(count)s numbers; only the first was checked. Record each number as an item of its own."
    ),
    "type_mismatch": gettext_lazy(
        "The mark claims “%(claimed)s”, but the type digit “%(digit)s” of the number means “%(actual)s”."
    ),
    "application_only": gettext_lazy("The mark refers to a patent application, not a granted patent."),
    "publication_not_grant": gettext_lazy(
        "The number is an application publication (kind code %(code)s), not a granted patent."
    ),
}
PART_NAMES: dict[str, Promise] = {
    Part.YEAR: gettext_lazy("year"),
    Part.SERIAL: gettext_lazy("serial number"),
    Part.TYPE: gettext_lazy("type digit"),
}
_TYPE_PARAMS = ("claimed", "actual", "type")


def describe_problem(problem: Problem) -> str:
    """One problem in plain words of the active language."""
    template = PROBLEM_TEXT.get(problem.code)
    if template is None:
        return problem.code
    params: dict[str, str | int] = dict(problem.params)
    if "part" in params:
        params["part"] = str(PART_NAMES.get(str(params["part"]), params["part"]))
    for key in _TYPE_PARAMS:
        if key in params and params[key] in IpType.values:
            params[key] = str(IpType(str(params[key])).label)
    return str(template) % params


def describe_mark(check: MarkCheck) -> list[str]:
    return [describe_problem(problem) for problem in check.problems]


def explain_mark(check: MarkCheck) -> list[tuple[Problem, str]]:
    """Each problem with its wording, for pages that also mark which part of the number it concerns."""
    return [(problem, describe_problem(problem)) for problem in check.problems]


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
) -> Inspection:
    """Record an inspection with its items, all or nothing; verifies every mark and audits the change.

    ``case`` links the case opened on the inspection's findings; it must belong to the action's office.
    """
    checked_officers = clean_officers(officers)
    if case is not None and case.office_id != action.office_id:
        raise ValidationError({"case_number": _("No case of this office has that number.")})
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


# --- totals ------------------------------------------------------------------------------------------


def totals_for_actions(action_ids: list[int]) -> dict[int, ActionTotals]:
    """Totals for several actions in three queries, whatever their number (the list page uses this).

    Officers are counted by distinct certificate number across the action's inspections: the list
    sits in a JSON column, which SQLite and PostgreSQL unpack differently, so it is read and counted here.
    """
    if not action_ids:
        return {}
    inspections = (
        Inspection.objects.filter(action_id__in=action_ids)
        .values("action_id")
        .annotate(
            inspections=Count("pk"),
            seized=Sum("seized_count"),
            opened=Count("pk", filter=Q(outcome=Inspection.Outcome.CASE_OPENED)),
            closed=Count(
                "case",
                filter=Q(outcome=Inspection.Outcome.CASE_OPENED, case__status=Case.Status.CLOSED),
                distinct=True,
            ),
        )
        .order_by()
    )
    items = (
        InspectionItem.objects.filter(inspection__action_id__in=action_ids)
        .values("inspection__action_id")
        .annotate(
            items=Count("pk"), quantity=Sum("quantity"), suspected=Count("pk", filter=Q(suspected_counterfeit=True))
        )
        .order_by()
    )
    certificates: dict[int, set[str]] = {pk: set() for pk in action_ids}
    for action_id, officers in (
        Inspection.objects.filter(action_id__in=action_ids).values_list("action_id", "officers").order_by()
    ):
        certificates[action_id].update(
            str(officer.get("certificate", "")).strip().upper()
            for officer in officers or []
            if isinstance(officer, dict)
        )
    by_action: dict[int, dict[str, int]] = {pk: {"officers": len(certificates[pk] - {""})} for pk in action_ids}
    for row in inspections:
        by_action[row["action_id"]].update(
            inspections=row["inspections"],
            seized=row["seized"] or 0,
            cases_opened=row["opened"],
            cases_closed=row["closed"],
        )
    for item_row in items:
        by_action[item_row["inspection__action_id"]].update(
            items=item_row["items"], quantity=item_row["quantity"] or 0, suspected=item_row["suspected"]
        )
    return {pk: ActionTotals(**values) for pk, values in by_action.items()}


def action_totals(action: SpecialAction) -> ActionTotals:
    """Officers, premises, items, suspected counterfeits, cases opened and closed of one action."""
    return totals_for_actions([action.pk])[action.pk]


# --- the activity's closing report --------------------------------------------------------------------


def reporting_unit_for(action: SpecialAction) -> Unit | None:
    """Whose closing report gets the totals: the action's office if it takes part in the activity, else the lead."""
    if action.activity_id is None:
        return None
    roles = list(ActivityUnit.objects.filter(activity_id=action.activity_id).select_related("unit"))
    for role in roles:
        if role.unit_id == action.office_id:
            return role.unit
    lead = next((role.unit for role in roles if role.role == ActivityUnit.Role.LEAD), None)
    if lead is not None:
        return lead
    activity = Activity.objects.select_related("campaign__organiser").get(pk=action.activity_id)
    return activity.campaign.organiser


def closing_report_for(action: SpecialAction, unit: Unit | None = None) -> ActivityReport | None:
    """The closing report the totals go to (``unit``'s, by default :func:`reporting_unit_for`), if there is one."""
    unit = unit or reporting_unit_for(action)
    if unit is None or action.activity_id is None:
        return None
    return (
        ActivityReport.objects.filter(activity_id=action.activity_id, unit=unit, kind=ActivityReport.Kind.CLOSING)
        .order_by("pk")
        .first()
    )


def push_action_totals(*, action: SpecialAction, actor: User) -> PushResult:
    """Write the action's totals into its activity's closing report; ``report`` is None once that was submitted."""
    unit = reporting_unit_for(action)
    if unit is None or action.activity is None:
        raise ValidationError(_("This action is not linked to an activity."))
    totals = action_totals(action)
    title = _("%(activity)s: closing report") % {"activity": action.activity.title}
    report = push_figures(activity=action.activity, unit=unit, values=totals.figures(), title=title)
    if report is not None:
        record_audit(
            actor=actor,
            action="enforcement.totals_pushed",
            obj=action,
            campaign_id=action.campaign_id,
            report_id=report.pk,
            **totals.figures(),
        )
    return PushResult(report=report, unit=unit)
