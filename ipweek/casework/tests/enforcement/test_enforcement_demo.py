"""The demo enforcement log: one action, three inspections showing each verification, loaded once."""

from ipweek.casework.demo import DemoContext
from ipweek.casework.demo_enforcement import ACTION_NAME, fill
from ipweek.casework.models import Case, Inspection, InspectionItem, Platform, SpecialAction
from ipweek.casework.services.enforcement_totals import action_totals


def test_demo_fills_one_action_with_three_inspections_once(
    campaign, centre, caseworker, admin_zhang, enforcement_activity
):
    context = DemoContext(
        city=campaign,
        centre=centre,
        caseworker=caseworker,
        office=admin_zhang,
        platform=Platform.objects.create(office=centre, name="示例商城"),
    )

    fill(context)
    fill(context)

    action = SpecialAction.objects.get()
    assert (action.name, action.activity, action.office) == (ACTION_NAME, enforcement_activity, centre)
    assert Inspection.objects.count() == 3
    marked = InspectionItem.objects.exclude(mark_text="").order_by("inspection__inspected_at")
    assert list(marked.values_list("verification", flat=True)) == ["valid", "malformed", "type_mismatch"]
    totals = action_totals(action)
    assert (totals.officers, totals.inspections, totals.suspected, totals.cases_opened) == (3, 3, 2, 1)


def test_demo_opens_one_case_found_during_the_trade_fair_inspection(
    campaign, centre, caseworker, admin_zhang, enforcement_activity
):
    context = DemoContext(
        city=campaign,
        centre=centre,
        caseworker=caseworker,
        office=admin_zhang,
        platform=Platform.objects.create(office=centre, name="示例商城"),
    )

    fill(context)
    fill(context)

    opened = Inspection.objects.get(outcome=Inspection.Outcome.CASE_OPENED)
    assert opened.case is not None
    assert (opened.case.kind, opened.case.channel, opened.case.is_real_name) == ("report", "inspection", False)
    assert Case.objects.count() == 1
