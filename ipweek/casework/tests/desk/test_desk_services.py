"""The desk's rules: who records for which unit, upserts by key, checks, figures and full cases."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ipweek.campaigns.models import Activity
from ipweek.casework import queries_desk as desk_queries
from ipweek.casework.models import Case, DeskEntry
from ipweek.casework.services import desk as desk_services
from ipweek.casework.tests.desk.support import entry
from ipweek.reporting.models import ActivityReport, Figure

COMPLAINT = {
    "subject": "广场日现场投诉：仿冒实用新型产品",
    "complainant_name": "张三",
    "complainant_phone": "13812341234",
    "complainant_address": "示例市人民路1号",
    "respondent_name": "某某五金店",
    "respondent_address": "示例市建设路8号",
    "facts": "该店销售仿冒本人实用新型专利的产品。",
    "request": "请依法处理。",
    "ip_type": "utility_model",
}


def figures_of(activity, unit):
    report = ActivityReport.objects.get(activity=activity, unit=unit, kind=ActivityReport.Kind.CLOSING)
    return {f.metric: int(f.value) for f in Figure.objects.filter(report=report)}


def test_a_caseworker_records_for_the_intake_office(square, caseworker, centre):
    desk = desk_services.desk_access(caseworker, square)

    assert desk.allowed and desk.is_caseworker
    assert desk.units == (centre,)


def test_a_liaison_records_for_their_unit_when_it_takes_part(square, coordinator_li, unit_a):
    desk = desk_services.desk_access(coordinator_li, square)

    assert desk.units == (unit_a,) and not desk.is_caseworker


@pytest.mark.parametrize("persona", ["outsider_wang", "admin_zhang", "viewer_zhao", "other_caseworker"])
def test_people_whose_unit_is_not_at_the_desk_have_none(request, square, persona):
    user = request.getfixturevalue(persona)

    assert not desk_services.desk_access(user, square).allowed


def test_a_cancelled_activity_has_no_desk(square, caseworker):
    square.status = Activity.Status.CANCELLED
    square.save()

    assert not desk_services.desk_access(caseworker, square).allowed


def test_the_same_batch_twice_stores_each_entry_once_with_the_same_ids(square, caseworker):
    desk = desk_services.desk_access(caseworker, square)
    batch = [entry(), entry(topic="application"), entry(topic="policy", ip_type="other")]

    first = desk_services.record_entries(desk=desk, entries=batch, actor=caseworker)
    second = desk_services.record_entries(desk=desk, entries=batch, actor=caseworker)

    assert len(first.accepted) == 3 and first.failed == []
    assert second.accepted == first.accepted
    assert DeskEntry.objects.filter(activity=square).count() == 3


def test_an_invalid_entry_is_reported_by_key_and_the_others_are_kept(square, caseworker):
    desk = desk_services.desk_access(caseworker, square)
    bad = entry(topic="weather", note="x" * 301)

    result = desk_services.record_entries(desk=desk, entries=[entry(), bad, entry()], actor=caseworker)

    assert len(result.accepted) == 2
    [(key, problems)] = result.failed
    assert key == bad["key"] and set(problems) == {"topic", "note"}
    assert not DeskEntry.objects.filter(client_key=bad["key"]).exists()


@pytest.mark.parametrize(
    "recorded_at",
    ["", "yesterday-ish", "2099-01-01T10:00:00+08:00", (timezone.now() - dt.timedelta(days=31)).isoformat()],
)
def test_times_that_are_missing_unreadable_future_or_too_old_are_refused(square, caseworker, recorded_at):
    with pytest.raises(ValidationError) as caught:
        desk_services.clean_entry(entry(recorded_at=recorded_at), now=timezone.now())

    assert set(caught.value.message_dict) == {"recorded_at"}


def test_a_naive_time_is_read_as_local_time_and_a_slow_clock_is_tolerated(square, caseworker):
    now = timezone.now()
    ahead = timezone.localtime(now + dt.timedelta(hours=3)).replace(tzinfo=None).isoformat()

    cleaned = desk_services.clean_entry(entry(recorded_at=ahead), now=now)

    assert abs(cleaned["recorded_at"] - (now + dt.timedelta(hours=3))) < dt.timedelta(seconds=1)


def test_a_case_opened_outcome_cannot_come_from_the_quick_form(square, caseworker):
    with pytest.raises(ValidationError) as caught:
        desk_services.clean_entry(entry(outcome="case_opened"), now=timezone.now())

    assert "outcome" in caught.value.message_dict


def test_a_key_of_another_desk_is_refused(square, caseworker, campaign, centre):
    other_desk = square.__class__.objects.create(campaign=campaign, title="另一咨询台", position=9)
    first = entry()
    desk_services.record_entries(desk=desk_services.desk_access(caseworker, square), entries=[first], actor=caseworker)

    result = desk_services.record_entries(
        desk=desk_services.desk_access(caseworker, other_desk), entries=[first], actor=caseworker
    )

    assert result.accepted == [] and result.failed[0][0] == first["key"]
    assert DeskEntry.objects.get(client_key=first["key"]).activity == square


def test_a_unit_the_user_does_not_record_for_falls_back_to_their_own(square, coordinator_li, unit_a, centre):
    desk = desk_services.desk_access(coordinator_li, square)

    desk_services.record_entries(desk=desk, entries=[entry(unit=centre.pk)], actor=coordinator_li)

    assert DeskEntry.objects.get().unit == unit_a


def test_counts_flow_into_the_units_closing_report(square, caseworker, centre):
    desk = desk_services.desk_access(caseworker, square)

    result = desk_services.record_entries(desk=desk, entries=[entry(), entry(), entry()], actor=caseworker)

    assert not result.figures_locked
    assert figures_of(square, centre) == {"consultations": 3, "complaints": 0, "violation_reports": 0}
    report = ActivityReport.objects.get(activity=square, unit=centre)
    assert report.status == ActivityReport.Status.DRAFT and "现场咨询台记录" in report.title


def test_counts_are_not_written_once_the_report_is_submitted(square, caseworker, centre):
    desk = desk_services.desk_access(caseworker, square)
    desk_services.record_entries(desk=desk, entries=[entry()], actor=caseworker)
    ActivityReport.objects.filter(activity=square, unit=centre).update(status=ActivityReport.Status.SUBMITTED)

    result = desk_services.record_entries(desk=desk, entries=[entry(), entry()], actor=caseworker)

    assert result.figures_locked
    assert figures_of(square, centre)["consultations"] == 1
    assert DeskEntry.objects.filter(activity=square).count() == 3


def test_a_full_case_at_the_desk_is_counted_for_the_desks_unit(square, coordinator_li, unit_a, centre):
    desk = desk_services.desk_access(coordinator_li, square)

    result = desk_services.open_desk_case(
        desk=desk, unit=unit_a, actor=coordinator_li, kind="complaint", topic="infringement", data=COMPLAINT,
        idempotency_key="desk-case-key-0001",
    )  # fmt: skip
    again = desk_services.open_desk_case(
        desk=desk, unit=unit_a, actor=coordinator_li, kind="complaint", topic="infringement", data=COMPLAINT,
        idempotency_key="desk-case-key-0001",
    )  # fmt: skip

    case = result.case
    assert (case.office, case.channel, case.activity, case.campaign) == (centre, "desk", square, square.campaign)
    assert again.case == case and again.access_code == result.access_code
    assert DeskEntry.objects.get(case=case).outcome == DeskEntry.Outcome.CASE_OPENED
    assert figures_of(square, unit_a) == {"consultations": 1, "complaints": 1, "violation_reports": 0}


def test_a_full_case_with_missing_fields_stores_nothing(square, caseworker, centre):
    desk = desk_services.desk_access(caseworker, square)

    with pytest.raises(ValidationError):
        desk_services.open_desk_case(
            desk=desk, unit=centre, actor=caseworker, kind="complaint", topic="infringement",
            data={"subject": "投诉"}, idempotency_key="desk-case-key-0002",
        )  # fmt: skip

    assert not Case.objects.exists() and not DeskEntry.objects.exists()


def test_the_summary_masks_contacts(square, caseworker):
    desk = desk_services.desk_access(caseworker, square)
    desk_services.record_entries(desk=desk, entries=[entry(contact="13912345678")], actor=caseworker)

    summary = desk_queries.desk_summary(square)

    assert (summary.total, summary.today) == (1, 1)
    assert summary.recent[0].contact == "139****5678"
