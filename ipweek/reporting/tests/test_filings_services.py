import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ipweek.core.models import AuditEvent
from ipweek.reporting.models import Filing
from ipweek.reporting.services.filings import (
    STALE_VERSION,
    approve_filing,
    initial_filing_data,
    is_late,
    is_valid_phone,
    return_filing,
    save_filing,
    submit_filing,
)
from ipweek.reporting.tests.factories_filings import CampaignDeadlinesFactory, FilingFactory, local


def filing_data(**overrides):
    return {
        "host": "示例市市场监督管理局", "co_hosts": "", "venue": "示例市民广场", "latitude": None, "longitude": None,
        "starts_at": local(2027, 4, 21, 9, 30), "ends_at": local(2027, 4, 21, 11, 30), "contact_name": "李明",
        "contact_phone": "13800138000", "budget": Decimal("5000"), "expected_headcount": 300,
        "audience": "企业", "channels": "微信公众号", **overrides,
    }  # fmt: skip


def events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_save_filing_creates_a_draft_and_records_it(activity_of_a, unit_a, coordinator_li):
    filing = save_filing(activity=activity_of_a, unit=unit_a, data=filing_data(), actor=coordinator_li, version=0)

    assert (filing.status, filing.unit, filing.version) == (Filing.Status.DRAFT, unit_a, 1)
    assert filing.submitted_at is None
    assert [e.object_id for e in events("filing.created")] == [str(filing.pk)]


def test_save_filing_with_submit_sends_it_for_review(activity_of_a, unit_a, coordinator_li):
    filing = save_filing(
        activity=activity_of_a, unit=unit_a, data=filing_data(), actor=coordinator_li, version=0, submit=True
    )

    assert filing.status == Filing.Status.SUBMITTED
    assert filing.submitted_by == coordinator_li
    assert len(events("filing.submitted")) == 1


def test_save_filing_lets_a_draft_be_incomplete_but_not_a_submission(activity_of_a, unit_a, coordinator_li):
    data = filing_data(host="", contact_phone="")

    draft = save_filing(activity=activity_of_a, unit=unit_a, data=data, actor=coordinator_li, version=0)
    with pytest.raises(ValidationError) as refused:
        save_filing(activity=activity_of_a, unit=unit_a, data=data, actor=coordinator_li, version=1, submit=True)

    assert draft.status == Filing.Status.DRAFT
    assert set(refused.value.message_dict) == {"host", "contact_phone"}
    assert Filing.objects.get().status == Filing.Status.DRAFT


@pytest.mark.parametrize(
    "phone", ["13800138000", "138 0013 8000", "+8613800138000", "0571-88888888", "0571 8888 8888", "010-12345678"]
)
def test_is_valid_phone_accepts_mobiles_and_landlines(phone):
    assert is_valid_phone(phone)


@pytest.mark.parametrize("phone", ["12800138000", "1380013800", "88888888", "0571-888", "phone", "1380013800a"])
def test_is_valid_phone_refuses_other_numbers(phone):
    assert not is_valid_phone(phone)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"latitude": Decimal("91"), "longitude": Decimal("120")}, "latitude"),
        ({"latitude": Decimal("30"), "longitude": Decimal("-181")}, "longitude"),
        ({"latitude": Decimal("30"), "longitude": None}, "longitude"),
        ({"ends_at": local(2027, 4, 21, 8, 0)}, "ends_at"),
        ({"starts_at": None}, "starts_at"),
        ({"budget": Decimal("-1")}, "budget"),
        ({"expected_headcount": 10**9}, "expected_headcount"),
    ],
)
def test_save_filing_refuses_bad_input_and_saves_nothing(activity_of_a, unit_a, coordinator_li, overrides, field):
    with pytest.raises(ValidationError) as refused:
        save_filing(activity=activity_of_a, unit=unit_a, data=filing_data(**overrides), actor=coordinator_li, version=0)

    assert field in refused.value.message_dict
    assert not Filing.objects.exists()


def test_save_filing_accepts_coordinates_in_range(activity_of_a, unit_a, coordinator_li):
    data = filing_data(latitude=Decimal("30.274085"), longitude=Decimal("120.155070"))

    filing = save_filing(activity=activity_of_a, unit=unit_a, data=data, actor=coordinator_li, version=0)

    filing.refresh_from_db()
    assert (filing.latitude, filing.longitude) == (Decimal("30.274085"), Decimal("120.155070"))


def test_save_filing_refuses_a_stale_version_and_overwrites_nothing(activity_of_a, unit_a, coordinator_li, admin_zhang):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, venue="原场地", version=3)

    with pytest.raises(ValidationError) as refused:
        save_filing(
            activity=activity_of_a, unit=unit_a, data=filing_data(venue="新场地"), actor=coordinator_li, version=2
        )

    filing.refresh_from_db()
    assert refused.value.code == STALE_VERSION
    assert (filing.venue, filing.version) == ("原场地", 3)
    assert not AuditEvent.objects.exists()


def test_save_filing_refuses_a_second_new_filing(activity_of_a, unit_a, coordinator_li):
    FilingFactory(activity=activity_of_a, unit=unit_a, venue="先到者")

    with pytest.raises(ValidationError) as refused:
        save_filing(activity=activity_of_a, unit=unit_a, data=filing_data(), actor=coordinator_li, version=0)

    assert refused.value.code == STALE_VERSION
    assert Filing.objects.get().venue == "先到者"


def test_save_filing_raises_the_version_on_every_change(activity_of_a, unit_a, coordinator_li):
    save_filing(activity=activity_of_a, unit=unit_a, data=filing_data(), actor=coordinator_li, version=0)

    filing = save_filing(
        activity=activity_of_a, unit=unit_a, data=filing_data(venue="新场地"), actor=coordinator_li, version=1
    )

    assert filing.version == 2
    assert events("filing.updated")[0].data["changes"] == {"venue": ["示例市民广场", "新场地"]}


def test_editing_an_approved_filing_flags_it_and_records_the_diff(activity_of_a, unit_a, coordinator_li):
    filing = FilingFactory(
        activity=activity_of_a, unit=unit_a, status=Filing.Status.APPROVED, version=4, expected_headcount=100
    )
    data = filing_data(venue="新会场", expected_headcount=250, starts_at=filing.starts_at, ends_at=filing.ends_at)

    saved = save_filing(activity=activity_of_a, unit=unit_a, data=data, actor=coordinator_li, version=4)

    saved.refresh_from_db()
    assert (saved.status, saved.changed_after_approval) == (Filing.Status.APPROVED, True)
    [event] = events("filing.changed_after_approval")
    assert event.data["changes"]["venue"] == ["示例市民广场", "新会场"]
    assert event.data["changes"]["expected_headcount"] == [100, 250]
    assert "starts_at" not in event.data["changes"]
    assert event.actor == coordinator_li


def test_saving_an_approved_filing_unchanged_does_not_flag_it(activity_of_a, unit_a, coordinator_li):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.APPROVED, budget=None)
    data = {name: getattr(filing, name) for name in filing_data()}

    save_filing(activity=activity_of_a, unit=unit_a, data=data, actor=coordinator_li, version=filing.version)

    filing.refresh_from_db()
    assert not filing.changed_after_approval
    assert not AuditEvent.objects.exists()


def test_approve_filing_approves_and_clears_the_changed_flag(activity_of_a, unit_a, admin_zhang):
    filing = FilingFactory(
        activity=activity_of_a, unit=unit_a, status=Filing.Status.APPROVED, changed_after_approval=True
    )

    approve_filing(filing=filing, actor=admin_zhang, comment="已核")

    filing.refresh_from_db()
    assert (filing.status, filing.changed_after_approval, filing.reviewed_by) == (
        Filing.Status.APPROVED,
        False,
        admin_zhang,
    )
    assert events("filing.approved")[0].data["changes_acknowledged"] is True


def test_approve_filing_refuses_a_draft(activity_of_a, unit_a, admin_zhang):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.DRAFT)

    with pytest.raises(ValidationError):
        approve_filing(filing=filing, actor=admin_zhang)

    filing.refresh_from_db()
    assert filing.status == Filing.Status.DRAFT


def test_return_filing_needs_a_comment(activity_of_a, unit_a, admin_zhang):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        return_filing(filing=filing, actor=admin_zhang, comment="  ")

    filing.refresh_from_db()
    assert "comment" in refused.value.message_dict
    assert filing.status == Filing.Status.SUBMITTED


def test_return_filing_sends_it_back_with_the_comment(activity_of_a, unit_a, admin_zhang):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED)

    return_filing(filing=filing, actor=admin_zhang, comment="请补充安保方案")

    filing.refresh_from_db()
    assert (filing.status, filing.review_comment) == (Filing.Status.RETURNED, "请补充安保方案")
    assert events("filing.returned")[0].data["comment"] == "请补充安保方案"


def test_review_refuses_a_stale_version(activity_of_a, unit_a, admin_zhang):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.SUBMITTED, version=5)

    with pytest.raises(ValidationError) as refused:
        approve_filing(filing=filing, actor=admin_zhang, version=4)

    filing.refresh_from_db()
    assert refused.value.code == STALE_VERSION
    assert filing.status == Filing.Status.SUBMITTED


def test_returned_filing_can_be_submitted_again(activity_of_a, unit_a, coordinator_li):
    filing = FilingFactory(activity=activity_of_a, unit=unit_a, status=Filing.Status.RETURNED)

    submit_filing(filing=filing, actor=coordinator_li)

    filing.refresh_from_db()
    assert filing.status == Filing.Status.SUBMITTED


def test_is_late_compares_submission_with_the_filing_deadline(activity_of_a, unit_a):
    due = local(2027, 4, 15, 18)
    submitted = {"activity": activity_of_a, "unit": unit_a, "status": Filing.Status.SUBMITTED}
    on_time = FilingFactory.build(**submitted, submitted_at=due - dt.timedelta(hours=1))
    late = FilingFactory.build(**submitted, submitted_at=due + dt.timedelta(hours=1))
    draft = FilingFactory.build(activity=activity_of_a, unit=unit_a, status=Filing.Status.DRAFT)

    assert not is_late(on_time, due)
    assert is_late(late, due)
    assert not is_late(late, None)
    assert is_late(None, due, now=due + dt.timedelta(minutes=1))
    assert not is_late(None, due, now=due - dt.timedelta(minutes=1))
    assert is_late(draft, due, now=due + dt.timedelta(minutes=1))


def test_submitting_after_the_deadline_is_accepted_and_recorded_as_late(
    activity_of_a, unit_a, coordinator_li, campaign
):
    CampaignDeadlinesFactory(campaign=campaign, filing_due=local(2026, 1, 1))

    filing = save_filing(
        activity=activity_of_a, unit=unit_a, data=filing_data(), actor=coordinator_li, version=0, submit=True
    )

    assert filing.status == Filing.Status.SUBMITTED
    assert events("filing.submitted")[0].data["is_late"] is True


def test_initial_filing_data_comes_from_the_activity(activity_of_a, unit_a):
    activity_of_a.venue = "市民中心"
    activity_of_a.save()

    data = initial_filing_data(activity_of_a)

    assert data["host"] == unit_a.name
    assert data["venue"] == "市民中心"
    assert data["starts_at"] == local(2027, 4, 21, 9, 30)
