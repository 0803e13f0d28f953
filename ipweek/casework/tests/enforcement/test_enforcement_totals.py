"""Totals per special action and pushing them into the closing report of the action's activity."""

import pytest
from django.core.exceptions import ValidationError

from ipweek.casework.models import Case, SpecialAction
from ipweek.casework.services import enforcement as services
from ipweek.casework.services import enforcement_totals
from ipweek.casework.services.intake import submit_case
from ipweek.casework.tests.enforcement.support import GOOD, OFFICERS, inspection_data
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import ActivityReport, Figure


def _case(centre, closed):
    case = submit_case(office=centre, kind="consultation", channel="web", data={"subject": "线索"}).case
    if closed:
        Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    return case


def test_totals_count_officers_premises_items_suspects_and_cases(action, inspection, caseworker, centre):
    more_officers = [OFFICERS[0], {"name": "冯某", "certificate": "ZF-003"}]
    for closed in (True, False):
        services.save_inspection(
            action=action,
            data=inspection_data(outcome="case_opened", seized_count=12),
            officers=more_officers,
            items=[services.ItemInput(product="榨汁杯", quantity=3, mark_text=f"发明专利 {GOOD}")],
            case=_case(centre, closed),
            actor=caseworker,
        )

    totals = enforcement_totals.action_totals(action)

    assert totals == enforcement_totals.ActionTotals(
        officers=3, inspections=3, items=4, quantity=51, suspected=3, seized=24, cases_opened=2, cases_closed=1
    )
    assert str(totals.closure_rate) == "50.0"
    assert totals.figures() == {"officers": 3, "inspections": 3, "seized_items": 24, "cases": 2}


def test_totals_of_an_empty_action_are_zero_with_no_closure_rate(action):
    totals = enforcement_totals.action_totals(action)

    assert totals == enforcement_totals.ActionTotals()
    assert totals.closure_rate is None


def test_totals_for_several_actions_are_kept_apart(action, inspection, centre, caseworker):
    other = SpecialAction.objects.create(office=centre, name="另一行动", starts_on=action.starts_on)

    totals = enforcement_totals.totals_for_actions([action.pk, other.pk])

    assert (totals[action.pk].inspections, totals[other.pk].inspections) == (1, 0)


def test_pushing_totals_writes_the_lead_units_closing_report(action, inspection, caseworker, campaign):
    result = enforcement_totals.push_action_totals(action=action, actor=caseworker)

    assert result.is_pushed and result.unit == campaign.organiser
    report = ActivityReport.objects.get(activity=action.activity, kind="closing")
    figures = dict(Figure.objects.filter(report=report).values_list("metric", "value"))
    assert {metric: int(value) for metric, value in figures.items()} == {
        "officers": 2,
        "inspections": 1,
        "seized_items": 0,
        "cases": 0,
    }


def test_pushing_goes_to_the_offices_own_report_when_it_takes_part(action, inspection, caseworker, centre):
    from ipweek.campaigns.models import ActivityUnit

    ActivityUnit.objects.create(activity=action.activity, unit=centre, role=ActivityUnit.Role.SUPPORTING)

    result = enforcement_totals.push_action_totals(action=action, actor=caseworker)

    assert result.unit == centre
    assert ActivityReport.objects.filter(unit=centre, kind="closing").exists()


def test_pushing_into_a_submitted_report_is_refused_and_changes_nothing(action, inspection, caseworker, campaign):
    report = ActivityReport.objects.create(
        activity=action.activity, unit=campaign.organiser, kind="closing", title="总结", status="submitted"
    )

    result = enforcement_totals.push_action_totals(action=action, actor=caseworker)

    assert not result.is_pushed
    assert not Figure.objects.filter(report=report).exists()
    assert not AuditEvent.objects.filter(action="enforcement.totals_pushed").exists()


def test_pushing_an_action_without_activity_is_refused(centre, caseworker):
    lone = SpecialAction.objects.create(office=centre, name="单独行动", starts_on="2027-04-20")

    with pytest.raises(ValidationError):
        enforcement_totals.push_action_totals(action=lone, actor=caseworker)
