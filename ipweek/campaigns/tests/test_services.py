import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from ipweek.campaigns import services
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanSection, Theme
from ipweek.campaigns.services.activities import UnitAssignment
from ipweek.campaigns.tests.factories import ActivityFactory, ActivityUnitFactory, PlanItemFactory, PlanSectionFactory
from ipweek.core.models import AuditEvent


def activity_data(**overrides):
    return {"title": "知识产权宣传服务广场日", "category": "square_day", "date_text": "4月26日上午", **overrides}


def test_create_campaign_defaults_to_the_week_ending_on_world_ip_day(campaign, admin_zhang, unit_a):
    new = services.create_campaign(
        actor=admin_zhang, year=2028, level="city", region=campaign.region, organiser=campaign.organiser, title="2028"
    )

    assert (new.start_date, new.end_date) == (dt.date(2028, 4, 20), dt.date(2028, 4, 26))
    assert new.memberships.filter(user=admin_zhang, role="office_staff").exists()
    assert AuditEvent.objects.filter(action="campaign.created", object_id=str(new.pk)).exists()


def test_create_campaign_refuses_a_second_campaign_for_the_year_and_region(campaign, admin_zhang):
    with pytest.raises(ValidationError) as error:
        services.create_campaign(
            actor=admin_zhang, year=campaign.year, level="city", region=campaign.region,
            organiser=campaign.organiser, title="重复",
        )  # fmt: skip

    assert "year" in error.value.message_dict
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (dt.date(2027, 4, 26), dt.date(2027, 4, 20), "end_date"),
        (dt.date(2026, 4, 20), dt.date(2027, 4, 26), "start_date"),
    ],
)
def test_update_campaign_refuses_bad_dates_and_saves_nothing(campaign, admin_zhang, start, end, field):
    with pytest.raises(ValidationError) as error:
        services.update_campaign(campaign=campaign, actor=admin_zhang, start_date=start, end_date=end, title="改")

    campaign.refresh_from_db()
    assert field in error.value.message_dict
    assert (campaign.start_date, campaign.title) == (dt.date(2027, 4, 20), "2027年示例市知识产权宣传周活动方案")


def test_issue_campaign_requires_a_lead_unit_for_every_activity(campaign, admin_zhang, activity_of_a):
    ActivityFactory(campaign=campaign, title="无人牵头的活动")

    with pytest.raises(ValidationError) as error:
        services.change_campaign_status(campaign=campaign, status="issued", actor=admin_zhang)

    campaign.refresh_from_db()
    assert "无人牵头的活动" in error.value.message_dict["status"][0]
    assert campaign.status == Campaign.Status.DRAFT


def test_issue_campaign_moves_status_and_records_it(campaign, admin_zhang, activity_of_a):
    services.change_campaign_status(campaign=campaign, status="issued", actor=admin_zhang)

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.ISSUED
    assert AuditEvent.objects.get(action="campaign.status").data == {"old": "draft", "new": "issued"}


@pytest.mark.parametrize("status", ["reported", "closed", "nonsense"])
def test_change_status_refuses_skipping_steps(campaign, admin_zhang, status):
    with pytest.raises(ValidationError):
        services.change_campaign_status(campaign=campaign, status=status, actor=admin_zhang)


def test_save_activity_keeps_the_date_phrase_beside_parsed_dates(campaign, admin_zhang, unit_a, unit_b):
    activity = services.save_activity(
        campaign=campaign,
        actor=admin_zhang,
        data=activity_data(
            date_text="4月21日（暂定）上午9:30",
            start_date=dt.date(2027, 4, 21),
            start_time=dt.time(9, 30),
            is_tentative=True,
        ),
        units=UnitAssignment(lead=[unit_a], supporting=[unit_b]),
    )

    activity.refresh_from_db()
    assert (activity.date_text, activity.start_time, activity.is_tentative) == (
        "4月21日（暂定）上午9:30",
        dt.time(9, 30),
        True,
    )
    assert [(r.unit, r.role) for r in activity.unit_roles.all()] == [(unit_a, "lead"), (unit_b, "supporting")]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_date": dt.date(2027, 4, 22), "end_date": dt.date(2027, 4, 21)}, "end_date"),
        ({"start_date": dt.date(2026, 4, 22)}, "start_date"),
        ({"start_time": dt.time(9, 0)}, "start_date"),
        ({"title": "   "}, "title"),
        ({"budget": -5}, "budget"),
    ],
)
def test_save_activity_refuses_bad_input_and_saves_nothing(campaign, admin_zhang, unit_a, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.save_activity(
            campaign=campaign, actor=admin_zhang, data=activity_data(**overrides), units=UnitAssignment(lead=[unit_a])
        )

    assert field in error.value.message_dict
    assert Activity.objects.count() == 0
    assert ActivityUnit.objects.count() == 0


def test_save_activity_needs_a_lead_unit_once_the_plan_is_issued(campaign, admin_zhang, unit_a):
    campaign.status = Campaign.Status.ISSUED
    campaign.save()

    with pytest.raises(ValidationError) as error:
        services.save_activity(
            campaign=campaign, actor=admin_zhang, data=activity_data(), units=UnitAssignment(supporting=[unit_a])
        )

    assert "lead_units" in error.value.message_dict
    assert Activity.objects.count() == 0


def test_save_activity_refuses_a_unit_in_two_roles(campaign, admin_zhang, unit_a):
    with pytest.raises(ValidationError) as error:
        services.save_activity(
            campaign=campaign,
            actor=admin_zhang,
            data=activity_data(),
            units=UnitAssignment(lead=[unit_a], supporting=[unit_a]),
        )

    assert "units" in error.value.message_dict


def test_save_activity_sanitises_the_description(campaign, admin_zhang, unit_a):
    activity = services.save_activity(
        campaign=campaign,
        actor=admin_zhang,
        data=activity_data(
            description='<p onclick="x()">现场咨询<script>alert(1)</script></p><a href="javascript:x">链接</a>'
        ),
        units=UnitAssignment(lead=[unit_a]),
    )

    assert "<script" not in activity.description
    assert "onclick" not in activity.description
    assert "javascript:" not in activity.description
    assert "现场咨询" in activity.description


@override_settings(IPWEEK_RICH_TEXT_MAX_CHARS=100)
def test_save_activity_refuses_oversized_rich_text(campaign, admin_zhang, unit_a):
    with pytest.raises(ValidationError) as error:
        services.save_activity(
            campaign=campaign,
            actor=admin_zhang,
            data=activity_data(description="长" * 101),
            units=UnitAssignment(lead=[unit_a]),
        )

    assert "description" in error.value.message_dict


def test_move_plan_section_swaps_neighbours(campaign, admin_zhang):
    first, _second, third = (PlanSectionFactory(campaign=campaign, heading=h) for h in ("一", "二", "三"))

    moved = services.move_plan_section(section=third, actor=admin_zhang, direction="up")
    at_top = services.move_plan_section(section=first, actor=admin_zhang, direction="up")

    assert moved is True
    assert at_top is False
    assert list(campaign.sections.values_list("heading", flat=True)) == ["一", "三", "二"]


def test_add_plan_item_numbers_after_the_last(campaign, admin_zhang):
    section = PlanSectionFactory(campaign=campaign)
    PlanItemFactory(section=section, position=7)

    item = services.add_plan_item(section=section, actor=admin_zhang, title="", body="新的一条")

    assert item.position == 8


def test_add_plan_item_refuses_an_empty_item(campaign, admin_zhang):
    section = PlanSectionFactory(campaign=campaign)

    with pytest.raises(ValidationError):
        services.add_plan_item(section=section, actor=admin_zhang, title=" ", body="")

    assert section.items.count() == 0


def test_clone_campaign_moves_dates_takes_theme_and_keeps_units(campaign, admin_zhang, unit_a, unit_b):
    Theme.objects.update_or_create(year=2028, defaults={"national_theme": "二〇二八年主题"})
    PlanSectionFactory(campaign=campaign, kind=PlanSection.Kind.TIME, heading="活动时间")
    parent = ActivityFactory(
        campaign=campaign, title="培训", start_date=dt.date(2027, 4, 23), date_text="2027年4月23日", status="confirmed"
    )
    ActivityUnitFactory(activity=parent, unit=unit_a)
    child = ActivityFactory(campaign=campaign, title="子培训", parent=parent, start_date=dt.date(2027, 4, 24))
    ActivityUnitFactory(activity=child, unit=unit_b, role="supporting")

    clone = services.clone_campaign(source=campaign, year=2028, actor=admin_zhang)

    new_parent = clone.activities.get(title="培训")
    new_child = clone.activities.get(title="子培训")
    assert (clone.start_date, clone.end_date, clone.theme) == (
        dt.date(2028, 4, 20),
        dt.date(2028, 4, 26),
        "二〇二八年主题",
    )
    assert clone.title == "2028年示例市知识产权宣传周活动方案"
    assert (new_parent.start_date, new_parent.date_text, new_parent.status) == (
        dt.date(2028, 4, 23),
        "2028年4月23日",
        "draft",
    )
    assert new_child.parent == new_parent
    assert [(r.unit, r.role) for r in new_child.unit_roles.all()] == [(unit_b, "supporting")]
    assert clone.sections.get().heading == "活动时间"
    assert campaign.activities.count() == 2


def test_clone_campaign_refuses_a_year_that_already_exists(campaign, admin_zhang):
    with pytest.raises(ValidationError):
        services.clone_campaign(source=campaign, year=campaign.year, actor=admin_zhang)

    assert Campaign.objects.count() == 1
