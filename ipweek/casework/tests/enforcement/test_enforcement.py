"""The enforcement log's services: verifying marks, officers, saving all or nothing, totals and the report push."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ipweek.casework.models import Case, Inspection, InspectionItem, SpecialAction
from ipweek.casework.services import enforcement as services
from ipweek.casework.services.intake import submit_case
from ipweek.casework.tests.enforcement.support import GOOD, OFFICERS, inspection_data
from ipweek.core.models import AuditEvent
from ipweek.patents.numbers import check_mark, check_number
from ipweek.reporting.models import ActivityReport, Figure

V = InspectionItem.Verification


def verify(mark, claimed_type="", number="", known=""):
    return services.verify_item(mark_text=mark, claimed_type=claimed_type, claimed_number=number, known_status=known)


def test_a_matching_mark_is_unknown_until_the_officer_looks_it_up():
    assert verify(f"实用新型专利 {GOOD}").status == V.UNKNOWN
    looked_up = verify(f"实用新型专利 {GOOD}", known="expired")
    assert (looked_up.status, looked_up.is_suspect) == (V.EXPIRED, True)
    assert verify(f"实用新型专利 {GOOD}", known="valid").is_suspect is False


def test_what_the_number_shows_wins_over_the_status_looked_up():
    result = verify(f"发明专利 {GOOD}", known="valid")

    assert (result.status, result.is_suspect) == (V.TYPE_MISMATCH, True)


def test_a_malformed_number_is_explained_by_the_part_that_is_wrong():
    result = verify("实用新型专利", number="ZL201220687633.5")

    assert (result.status, result.is_suspect) == (V.MALFORMED, True)
    assert [(problem.code, problem.part) for problem in result.check.problems] == [("check_wrong", "check")]
    with translation.override("en"):
        text = services.describe_mark(result.check)
    assert text == ["The check character after the dot is “5”, but for these digits it must be “0”: "
                    "a digit is wrong or the number is made up."]  # fmt: skip


def test_every_problem_code_has_wording_that_fills_its_parameters():
    numbers = [
        "",
        "2012206A87633.0",
        "ZI201220687633.0",
        "2012206876.3",
        "203010012345.0",
        "05101765.0",
        "201240687633.0",
        "201910000000.1",
        "ZL201220687633",
        "ZL201220687633.05",
        "2012206876330",
        "ZL 20 12 2 0687633 .0",
        "CN10234567A",
        "CN502345678A",
        "CN202345678A",
    ]
    marks = [
        "本产品已获专利",
        "ZL201220687633.0 ZL201710601862.3",
        "发明专利 ZL201220687633.0",
        "专利申请 201710601862.3",
    ]
    checks = [check_number(number, this_year=2026) for number in numbers]
    problems = [problem for check in checks for problem in check.problems]
    problems += [problem for mark in [*marks, "CN102345678A"] for problem in check_mark(mark, this_year=2026).problems]

    with translation.override("en"):
        texts = {problem.code: services.describe_problem(problem) for problem in problems}

    assert set(texts) == set(services.PROBLEM_TEXT)
    assert all("%(" not in text and text != code for code, text in texts.items())


def test_the_application_wording_is_only_an_application():
    result = verify("发明专利申请 申请号 201710601862.3")

    assert (result.status, result.is_suspect) == (V.APPLICATION_ONLY, False)


def test_no_mark_means_nothing_to_verify():
    result = verify("", known="valid")

    assert (result.status, result.is_suspect, result.note) == (V.UNKNOWN, False, "")


def test_fewer_than_two_officers_are_refused():
    with pytest.raises(ValidationError) as caught:
        services.clean_officers([{"name": "吴某", "certificate": "ZF-001"}, {"name": "", "certificate": ""}])

    assert list(caught.value.message_dict) == ["officers"]


def test_an_officer_without_a_certificate_or_a_repeated_certificate_is_refused():
    with pytest.raises(ValidationError):
        services.clean_officers([*OFFICERS, {"name": "冯某", "certificate": ""}])
    with pytest.raises(ValidationError):
        services.clean_officers([*OFFICERS, {"name": "冯某", "certificate": "zf-001"}])


def test_an_inspection_is_saved_with_verified_items_and_audited(inspection):
    items = list(inspection.items.order_by("pk"))

    assert [item.verification for item in items] == [V.UNKNOWN, V.MALFORMED]
    assert [item.suspected_counterfeit for item in items] == [False, True]
    assert items[1].verification_note
    event = AuditEvent.objects.get(action="enforcement.inspection_created")
    assert "陈大明" not in str(event.data)


def test_an_inspection_with_one_officer_saves_nothing(action, caseworker):
    with pytest.raises(ValidationError):
        services.save_inspection(
            action=action,
            data=inspection_data(),
            officers=OFFICERS[:1],
            items=[services.ItemInput(product="枕头", mark_text=GOOD)],
            case=None,
            actor=caseworker,
        )

    assert not Inspection.objects.exists() and not InspectionItem.objects.exists()


def test_a_case_of_another_office_cannot_be_linked(action, caseworker, campaign):
    case = submit_case(office=campaign.organiser, kind="consultation", channel="web", data={"subject": "咨询"}).case

    with pytest.raises(ValidationError) as caught:
        services.save_inspection(
            action=action, data=inspection_data(), officers=OFFICERS, items=[], case=case, actor=caseworker
        )

    assert "case_number" in caught.value.message_dict
    assert not Inspection.objects.exists()


def test_editing_changes_deletes_and_reverifies_items(inspection, caseworker):
    good, bad = inspection.items.order_by("pk")

    services.save_inspection(
        action=inspection.action,
        data={"outcome": "correct_marking"},
        officers=OFFICERS,
        items=[
            services.ItemInput(
                product=good.product, mark_text=good.mark_text, known_status="invalidated", item_id=good.pk
            ),
            services.ItemInput(product=bad.product, item_id=bad.pk, delete=True),
        ],
        case=None,
        actor=caseworker,
        inspection=inspection,
    )

    good.refresh_from_db()
    assert (good.verification, good.suspected_counterfeit) == (V.INVALIDATED, True)
    assert list(inspection.items.values_list("pk", flat=True)) == [good.pk]
    assert Inspection.objects.get().outcome == "correct_marking"


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

    totals = services.action_totals(action)

    assert totals == services.ActionTotals(
        officers=3, inspections=3, items=4, quantity=51, suspected=3, seized=24, cases_opened=2, cases_closed=1
    )
    assert str(totals.closure_rate) == "50.0"
    assert totals.figures() == {"officers": 3, "inspections": 3, "seized_items": 24, "cases": 2}


def test_totals_of_an_empty_action_are_zero_with_no_closure_rate(action):
    totals = services.action_totals(action)

    assert totals == services.ActionTotals()
    assert totals.closure_rate is None


def test_totals_for_several_actions_are_kept_apart(action, inspection, centre, caseworker):
    other = SpecialAction.objects.create(office=centre, name="另一行动", starts_on=action.starts_on)

    totals = services.totals_for_actions([action.pk, other.pk])

    assert (totals[action.pk].inspections, totals[other.pk].inspections) == (1, 0)


def test_pushing_totals_writes_the_lead_units_closing_report(action, inspection, caseworker, campaign):
    result = services.push_action_totals(action=action, actor=caseworker)

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

    result = services.push_action_totals(action=action, actor=caseworker)

    assert result.unit == centre
    assert ActivityReport.objects.filter(unit=centre, kind="closing").exists()


def test_pushing_into_a_submitted_report_is_refused_and_changes_nothing(action, inspection, caseworker, campaign):
    report = ActivityReport.objects.create(
        activity=action.activity, unit=campaign.organiser, kind="closing", title="总结", status="submitted"
    )

    result = services.push_action_totals(action=action, actor=caseworker)

    assert not result.is_pushed
    assert not Figure.objects.filter(report=report).exists()
    assert not AuditEvent.objects.filter(action="enforcement.totals_pushed").exists()


def test_pushing_an_action_without_activity_is_refused(centre, caseworker):
    lone = SpecialAction.objects.create(office=centre, name="单独行动", starts_on="2027-04-20")

    with pytest.raises(ValidationError):
        services.push_action_totals(action=lone, actor=caseworker)
