"""Cases found during an inspection (依职权发现): the ex-officio time limit and opening a case from the record."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipweek.casework import deadlines
from ipweek.casework.models import Case, Inspection
from ipweek.casework.permissions import casework_access
from ipweek.casework.services import enforcement as services
from ipweek.casework.services.enforcement_cases import case_data, open_case_for_inspection
from ipweek.casework.services.intake import submit_case
from ipweek.casework.services.stats import Period, case_statistics
from ipweek.casework.tests.enforcement.support import FOUND_AT, GOOD, OFFICERS, inspection_data
from ipweek.core.models import AuditEvent
from ipweek.core.workdays import add_working_days

THURSDAY = dt.date(2026, 4, 30)
REPORT = {
    "subject": "假冒专利线索",
    "respondent_name": "示例商行",
    "facts": "标注的专利号不存在。",
    "is_real_name": False,
}


# --- the time limit --------------------------------------------------------------------------------------


def test_a_report_found_during_an_inspection_has_the_ex_officio_rule(db):
    assert deadlines.acceptance_rule("report", "inspection").key == "report.open_ex_officio"
    assert deadlines.acceptance_rule("report", "inspection").days == 5
    assert deadlines.acceptance_rule("report", "web").key == "report.open"
    assert deadlines.acceptance_rule("report").key == "report.open"
    assert deadlines.acceptance_rule("consultation", "inspection").key == "consultation.answer"


def test_the_ex_officio_limit_runs_five_working_days_across_may_day_2026(centre):
    # May 1–5 are holidays and Saturday 9 May is a make-up working day: 6, 7, 8, 9 and 11 May.
    assert add_working_days(THURSDAY, 5) == dt.date(2026, 5, 11)

    found = submit_case(office=centre, kind="report", channel="inspection", data=REPORT, received_at=FOUND_AT).case
    reported = submit_case(office=centre, kind="report", channel="web", data=REPORT, received_at=FOUND_AT).case

    assert (found.due_date, found.due_rule) == (dt.date(2026, 5, 11), "report.open_ex_officio")
    assert (reported.due_date, reported.due_rule) == (add_working_days(THURSDAY, 10), "report.open")


# --- opening the case ------------------------------------------------------------------------------------


def test_opening_a_case_makes_a_report_without_complainant_and_links_it(found_inspection, caseworker, action):
    result = open_case_for_inspection(inspection=found_inspection, actor=caseworker)

    case = result.case
    found_inspection.refresh_from_db()
    assert result.created and found_inspection.case == case
    assert (case.kind, case.channel, case.office, case.is_real_name) == ("report", "inspection", action.office, False)
    assert (case.campaign, case.activity) == (action.campaign, action.activity)
    assert case.respondent_name == "示例智能家电有限公司" and case.respondent_address == "示例市示例路88号"
    assert "示例智能家电有限公司" in case.subject and "便携式榨汁杯" in case.subject
    assert "纯棉四件套" not in case.subject  # only the suspicious product
    assert (case.ip_type, case.right_number) == ("invention", GOOD)
    assert found_inspection.items.get(product="便携式榨汁杯").verification_note in case.facts
    assert case.complainant_name == "" and case.complainant_phone == ""
    assert (case.received_at, case.due_date) == (FOUND_AT, dt.date(2026, 5, 11))


def test_opening_twice_gives_one_case_and_one_audit_entry(found_inspection, caseworker):
    first = open_case_for_inspection(inspection=found_inspection, actor=caseworker)
    again = open_case_for_inspection(inspection=Inspection.objects.get(pk=found_inspection.pk), actor=caseworker)

    assert (first.created, again.created) == (True, False)
    assert again.case == first.case and Case.objects.count() == 1
    audit = AuditEvent.objects.filter(action="enforcement.case_opened")
    assert audit.count() == 1
    assert "钱大海" not in str(audit.get().data)  # the person in charge stays out of the audit trail


@pytest.mark.parametrize("user", ["admin_zhang", "stranger_caseworker", "outsider_wang"])
def test_only_the_offices_caseworkers_may_open_a_case(found_inspection, user, request):
    with pytest.raises(PermissionDenied):
        open_case_for_inspection(inspection=found_inspection, actor=request.getfixturevalue(user))

    assert not Case.objects.exists()


def test_an_inspection_without_the_case_opened_outcome_opens_nothing(inspection, caseworker):
    with pytest.raises(ValidationError) as caught:
        open_case_for_inspection(inspection=inspection, actor=caseworker)

    assert "open_case" in caught.value.message_dict
    assert not Case.objects.exists()


def test_an_inspection_linked_to_another_case_opens_nothing(found_inspection, caseworker, centre):
    other = submit_case(office=centre, kind="report", channel="web", data=REPORT).case
    Inspection.objects.filter(pk=found_inspection.pk).update(case=other)

    with pytest.raises(ValidationError):
        open_case_for_inspection(inspection=found_inspection, actor=caseworker)

    assert Case.objects.get() == other


def test_the_ip_type_falls_back_to_the_numbers_type_then_other(found_inspection):
    item = found_inspection.items.get(product="便携式榨汁杯")
    item.mark_text, item.claimed_type = f"专利 {GOOD}", ""
    item.save()
    assert case_data(found_inspection)["ip_type"] == "utility_model"

    item.mark_text = ""
    item.save()
    assert case_data(found_inspection)["ip_type"] == "other"


def test_saving_an_inspection_can_open_its_case_in_the_same_step(action, caseworker):
    saved = services.save_inspection(
        action=action,
        data=inspection_data(inspected_at=FOUND_AT, outcome="case_opened"),
        officers=OFFICERS,
        items=[services.ItemInput(product="榨汁杯", mark_text=f"发明专利 {GOOD}")],
        case=None,
        actor=caseworker,
        open_case=True,
    )

    assert saved.case is not None and saved.case.channel == "inspection"
    assert Inspection.objects.get().case == saved.case


def test_linking_a_case_and_opening_one_at_once_saves_nothing(action, caseworker, centre):
    other = submit_case(office=centre, kind="report", channel="web", data=REPORT).case

    with pytest.raises(ValidationError) as caught:
        services.save_inspection(
            action=action,
            data=inspection_data(outcome="case_opened"),
            officers=OFFICERS,
            items=[],
            case=other,
            actor=caseworker,
            open_case=True,
        )

    assert "open_case" in caught.value.message_dict
    assert not Inspection.objects.exists() and Case.objects.count() == 1


def test_opening_a_case_on_a_wrong_outcome_while_saving_saves_nothing(action, caseworker):
    with pytest.raises(ValidationError):
        services.save_inspection(
            action=action,
            data=inspection_data(outcome="no_issue"),
            officers=OFFICERS,
            items=[],
            case=None,
            actor=caseworker,
            open_case=True,
        )

    assert not Inspection.objects.exists() and not Case.objects.exists()


# --- statistics ------------------------------------------------------------------------------------------


def test_statistics_count_cases_found_during_inspections_under_their_channel(found_inspection, caseworker):
    open_case_for_inspection(inspection=found_inspection, actor=caseworker)

    stats = case_statistics(casework_access(caseworker), Period(dt.date(2026, 4, 27), dt.date(2026, 5, 15)))

    assert stats.total == 1
    assert {row.key: row.count for row in stats.by_channel if row.count} == {"inspection": 1}
    assert {row.key: row.count for row in stats.by_kind if row.count} == {"report": 1}
