"""Totals of a special action and their way into the closing report of the action's activity.

Totals per action are counted with aggregates, a fixed handful of queries however many actions a
page lists, and can be pushed into the closing report of the action's activity through
:func:`~ipweek.casework.services.figures.push_figures`.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit
from ipweek.casework.models import Case, Inspection, InspectionItem, SpecialAction
from ipweek.casework.services.figures import push_figures
from ipweek.core.audit import record_audit
from ipweek.reporting.models import ActivityReport
from ipweek.units.models import Unit


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
