import datetime as dt

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ipweek.campaigns.models import Activity, Campaign, PlanItem, PlanSection
from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    ActivityUnitFactory,
    CampaignFactory,
    MembershipFactory,
    PlanItemFactory,
    PlanSectionFactory,
)


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def activity_post(unit, **overrides):
    return {
        "title": "知识产权进社区", "category": "outreach_communities", "status": "draft", "date_text": "宣传周期间",
        "mode": "offline", "lead_units": [unit.pk], **overrides,
    }  # fmt: skip


# --- anonymous visitors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["dashboard", "plan", "activities", "schedule", "matrix", "matrix_xlsx", "edit", "clone"]
)
def test_campaign_pages_send_anonymous_visitors_to_login(client, campaign, name):
    response = client.get(url(name, campaign.pk))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_campaign_list_sends_anonymous_visitors_to_login(client, db):
    response = client.get(url("list"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


# --- campaign list and dashboard -----------------------------------------------------------------


def test_campaign_list_shows_only_own_campaigns(client, admin_zhang, campaign):
    CampaignFactory(title="别人的宣传周")
    client.force_login(admin_zhang)

    response = client.get(url("list"))

    assert response.status_code == 200
    assert campaign.title in response.text
    assert "别人的宣传周" not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_campaign_list_queries_do_not_grow(client, admin_zhang, campaign, count, django_assert_num_queries):
    for year in range(count):
        other = CampaignFactory(year=2030 + year, region=campaign.region, organiser=campaign.organiser)
        MembershipFactory(user=admin_zhang, campaign=other, unit=campaign.organiser)
    client.force_login(admin_zhang)

    with django_assert_num_queries(5):
        response = client.get(url("list"))

    assert response.status_code == 200


def test_dashboard_is_readable_by_higher_office_viewer(client, viewer_zhao, campaign):
    client.force_login(viewer_zhao)

    response = client.get(url("dashboard", campaign.pk))

    assert response.status_code == 200
    assert campaign.title in response.text
    assert url("edit", campaign.pk) not in response.text


def test_dashboard_is_hidden_from_people_outside_the_campaign(client, campaign, db):
    stranger = MembershipFactory(role="office_staff").user
    client.force_login(stranger)

    response = client.get(url("dashboard", campaign.pk))

    assert response.status_code == 404


def test_parent_campaign_office_reads_child_campaign(client, campaign):
    child = CampaignFactory(parent=campaign, level="county")
    client.force_login(MembershipFactory(campaign=campaign, role="office_staff").user)

    assert client.get(url("dashboard", child.pk)).status_code == 200
    assert client.get(url("edit", child.pk)).status_code == 403


# --- campaign create, edit, status, clone ---------------------------------------------------------


def test_campaign_create_by_office_staff(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    data = {
        "year": 2029,
        "level": "city",
        "region": campaign.region.pk,
        "organiser": campaign.organiser.pk,
        "title": "2029年方案",
    }

    response = client.post(url("create"), data)

    new = Campaign.objects.get(year=2029)
    assert response.status_code == 302
    assert (new.start_date, new.end_date) == (dt.date(2029, 4, 20), dt.date(2029, 4, 26))


def test_campaign_create_refused_for_liaison(client, coordinator_li):
    client.force_login(coordinator_li)

    response = client.get(url("create"))

    assert response.status_code == 403


def test_campaign_create_duplicate_shows_chinese_error(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    data = {
        "year": 2027,
        "level": "city",
        "region": campaign.region.pk,
        "organiser": campaign.organiser.pk,
        "title": "重复",
    }

    response = client.post(url("create"), data)

    assert response.status_code == 400
    assert "已有" in response.text
    assert Campaign.objects.count() == 1


def test_campaign_edit_saves_for_office_staff(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    data = {
        "year": 2027, "level": "city", "region": campaign.region.pk, "organiser": campaign.organiser.pk,
        "title": "新标题", "start_date": "2027-04-19", "end_date": "2027-04-26",
    }  # fmt: skip

    response = client.post(url("edit", campaign.pk), data)

    campaign.refresh_from_db()
    assert response.status_code == 302
    assert (campaign.title, campaign.start_date) == ("新标题", dt.date(2027, 4, 19))


def test_campaign_edit_rejects_end_before_start(client, admin_zhang, campaign):
    client.force_login(admin_zhang)
    data = {
        "year": 2027, "level": "city", "region": campaign.region.pk, "organiser": campaign.organiser.pk,
        "title": "新标题", "start_date": "2027-04-26", "end_date": "2027-04-20",
    }  # fmt: skip

    response = client.post(url("edit", campaign.pk), data)

    campaign.refresh_from_db()
    assert response.status_code == 400
    assert "结束日期早于开始日期" in response.text
    assert campaign.title != "新标题"


def test_campaign_edit_refused_for_viewer(client, viewer_zhao, campaign):
    client.force_login(viewer_zhao)

    response = client.post(url("edit", campaign.pk), {"title": "x"})

    assert response.status_code == 403


def test_campaign_status_issues_the_plan(client, admin_zhang, campaign, activity_of_a):
    client.force_login(admin_zhang)

    response = client.post(url("status", campaign.pk), {"status": "issued"})

    campaign.refresh_from_db()
    assert response.status_code == 302
    assert campaign.status == "issued"


def test_campaign_status_refused_for_liaison(client, coordinator_li, campaign, activity_of_a):
    client.force_login(coordinator_li)

    response = client.post(url("status", campaign.pk), {"status": "issued"})

    campaign.refresh_from_db()
    assert response.status_code == 403
    assert campaign.status == "draft"


def test_campaign_clone_creates_next_year(client, admin_zhang, campaign, activity_of_a):
    client.force_login(admin_zhang)

    response = client.post(url("clone", campaign.pk), {"year": 2028})

    clone = Campaign.objects.get(year=2028)
    assert response.status_code == 302
    assert clone.activities.get().status == Activity.Status.DRAFT


def test_campaign_clone_refused_for_liaison(client, coordinator_li, campaign):
    client.force_login(coordinator_li)

    response = client.post(url("clone", campaign.pk), {"year": 2028})

    assert response.status_code == 403
    assert not Campaign.objects.filter(year=2028).exists()


# --- plan editor ------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_plan_editor_queries_do_not_grow(client, admin_zhang, campaign, count, django_assert_num_queries):
    for _ in range(count):
        PlanItemFactory(section=PlanSectionFactory(campaign=campaign))
    client.force_login(admin_zhang)

    with django_assert_num_queries(7):
        response = client.get(url("plan", campaign.pk))

    assert response.status_code == 200


def test_plan_editor_is_read_only_for_liaison(client, coordinator_li, campaign):
    section = PlanSectionFactory(campaign=campaign, heading="宣传重点")
    client.force_login(coordinator_li)

    response = client.get(url("plan", campaign.pk))

    assert response.status_code == 200
    assert "宣传重点" in response.text
    assert url("section_edit", campaign.pk, section.pk) not in response.text


def test_section_add_appends_a_section(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = client.post(
        url("section_add", campaign.pk), {"heading": "活动主题", "kind": "theme", "body": "<p>主题</p>"}
    )

    assert response.status_code == 302
    assert campaign.sections.get().heading == "活动主题"


def test_section_add_refused_for_liaison(client, coordinator_li, campaign):
    client.force_login(coordinator_li)

    response = client.post(url("section_add", campaign.pk), {"heading": "活动主题", "kind": "theme"})

    assert response.status_code == 403
    assert not campaign.sections.exists()


def test_section_edit_strips_scripts(client, admin_zhang, campaign):
    section = PlanSectionFactory(campaign=campaign)
    client.force_login(admin_zhang)

    response = client.post(
        url("section_edit", campaign.pk, section.pk),
        {"heading": "指导思想", "kind": "guiding_ideology", "body": "<p>好<script>x</script></p>"},
    )

    section.refresh_from_db()
    assert response.status_code == 302
    assert section.body == "<p>好</p>"


def test_section_edit_refused_for_viewer(client, viewer_zhao, campaign):
    section = PlanSectionFactory(campaign=campaign)
    client.force_login(viewer_zhao)

    response = client.post(url("section_edit", campaign.pk, section.pk), {"heading": "改", "kind": "other"})

    section.refresh_from_db()
    assert response.status_code == 403
    assert section.heading != "改"


def test_section_move_and_delete_for_office(client, admin_zhang, campaign):
    first, second = (
        PlanSectionFactory(campaign=campaign, heading="甲"),
        PlanSectionFactory(campaign=campaign, heading="乙"),
    )
    client.force_login(admin_zhang)

    client.post(url("section_move", campaign.pk, second.pk), {"direction": "up"})
    client.post(url("section_delete", campaign.pk, first.pk))

    assert list(campaign.sections.values_list("heading", flat=True)) == ["乙"]


def test_section_move_and_delete_refused_for_liaison(client, coordinator_li, campaign):
    section = PlanSectionFactory(campaign=campaign)
    client.force_login(coordinator_li)

    moved = client.post(url("section_move", campaign.pk, section.pk), {"direction": "up"})
    deleted = client.post(url("section_delete", campaign.pk, section.pk))

    assert (moved.status_code, deleted.status_code) == (403, 403)
    assert PlanSection.objects.filter(pk=section.pk).exists()


def test_section_of_another_campaign_is_not_found(client, admin_zhang, campaign):
    foreign = PlanSectionFactory()
    client.force_login(admin_zhang)

    response = client.post(url("section_delete", campaign.pk, foreign.pk))

    assert response.status_code == 404
    assert PlanSection.objects.filter(pk=foreign.pk).exists()


def test_item_add_edit_move_delete(client, admin_zhang, campaign):
    section = PlanSectionFactory(campaign=campaign)
    client.force_login(admin_zhang)

    client.post(url("item_add", campaign.pk, section.pk), {"title": "甲", "body": "一"})
    client.post(url("item_add", campaign.pk, section.pk), {"title": "乙", "body": "二"})
    second = section.items.get(title="乙")
    client.post(url("item_move", campaign.pk, section.pk, second.pk), {"direction": "up"})
    client.post(url("item_edit", campaign.pk, section.pk, second.pk), {"title": "乙改", "body": "二"})
    first = section.items.get(title="甲")
    client.post(url("item_delete", campaign.pk, section.pk, first.pk))

    assert list(section.items.values_list("title", flat=True)) == ["乙改"]


def test_item_add_rejects_empty_item(client, admin_zhang, campaign):
    section = PlanSectionFactory(campaign=campaign)
    client.force_login(admin_zhang)

    response = client.post(url("item_add", campaign.pk, section.pk), {"title": "", "body": ""})

    assert response.status_code == 400
    assert not section.items.exists()


def test_item_pages_refused_for_liaison(client, coordinator_li, campaign):
    item = PlanItemFactory(section=PlanSectionFactory(campaign=campaign))
    client.force_login(coordinator_li)
    args = (campaign.pk, item.section_id, item.pk)

    responses = [
        client.post(url("item_add", campaign.pk, item.section_id), {"body": "x"}),
        client.post(url("item_edit", *args), {"body": "x"}),
        client.post(url("item_move", *args), {"direction": "up"}),
        client.post(url("item_delete", *args)),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert PlanItem.objects.get(pk=item.pk).body != "x"


# --- activities -------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_activity_list_queries_do_not_grow(client, admin_zhang, campaign, unit_a, count, django_assert_num_queries):
    for _ in range(count):
        ActivityUnitFactory(activity=ActivityFactory(campaign=campaign), unit=unit_a)
    client.force_login(admin_zhang)

    with django_assert_num_queries(7):
        response = client.get(url("activities", campaign.pk))

    assert response.status_code == 200


def test_liaison_does_not_see_another_units_drafts(client, coordinator_li, activity_of_a, activity_of_b):
    activity_of_b.status = Activity.Status.DRAFT
    activity_of_b.save()
    client.force_login(coordinator_li)

    response = client.get(url("activities", activity_of_a.campaign_id))

    assert activity_of_a.title in response.text
    assert activity_of_b.title not in response.text


def test_liaison_edits_own_units_activity(client, coordinator_li, activity_of_a, unit_a):
    client.force_login(coordinator_li)

    response = client.post(
        url("activity_edit", activity_of_a.campaign_id, activity_of_a.pk), activity_post(unit_a, title="进企业（改）")
    )

    activity_of_a.refresh_from_db()
    assert response.status_code == 302
    assert activity_of_a.title == "进企业（改）"


def test_liaison_cannot_edit_another_units_activity(client, coordinator_li, activity_of_b, unit_a):
    activity_of_b.status = Activity.Status.CONFIRMED
    activity_of_b.save()
    client.force_login(coordinator_li)

    response = client.post(url("activity_edit", activity_of_b.campaign_id, activity_of_b.pk), activity_post(unit_a))

    activity_of_b.refresh_from_db()
    assert response.status_code == 403
    assert activity_of_b.title == "知识产权进校园"


def test_liaison_cannot_open_another_units_draft(client, coordinator_li, activity_of_b):
    client.force_login(coordinator_li)

    response = client.get(url("activity_edit", activity_of_b.campaign_id, activity_of_b.pk))

    assert response.status_code == 404


def test_liaison_creates_activity_led_by_own_unit(client, coordinator_li, campaign, unit_a):
    client.force_login(coordinator_li)

    response = client.post(url("activity_create", campaign.pk), activity_post(unit_a))

    assert response.status_code == 302
    assert campaign.activities.get().unit_roles.get().unit == unit_a


def test_liaison_cannot_create_activity_for_another_unit(client, coordinator_li, campaign, unit_b):
    client.force_login(coordinator_li)

    response = client.post(url("activity_create", campaign.pk), activity_post(unit_b))

    assert response.status_code == 400
    assert not campaign.activities.exists()


def test_viewer_cannot_create_activity(client, viewer_zhao, campaign, unit_a):
    client.force_login(viewer_zhao)

    response = client.post(url("activity_create", campaign.pk), activity_post(unit_a))

    assert response.status_code == 403
    assert not campaign.activities.exists()


def test_activity_create_rejects_unknown_unit(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = client.post(
        url("activity_create", campaign.pk), {**activity_post(campaign.organiser), "lead_units": [999999]}
    )

    assert response.status_code == 400
    assert not campaign.activities.exists()


def test_activity_create_rejects_dates_outside_the_year(client, admin_zhang, campaign, unit_a):
    client.force_login(admin_zhang)

    response = client.post(url("activity_create", campaign.pk), activity_post(unit_a, start_date="2026-04-21"))

    assert response.status_code == 400
    assert "2027" in response.text
    assert not campaign.activities.exists()


def test_activity_delete_by_office_and_refused_for_other_liaison(client, admin_zhang, outsider_wang, activity_of_a):
    client.force_login(outsider_wang)
    refused = client.post(url("activity_delete", activity_of_a.campaign_id, activity_of_a.pk))
    client.force_login(admin_zhang)
    allowed = client.post(url("activity_delete", activity_of_a.campaign_id, activity_of_a.pk))

    assert refused.status_code in (403, 404)
    assert allowed.status_code == 302
    assert not Activity.objects.filter(pk=activity_of_a.pk).exists()


# --- schedule and matrix ----------------------------------------------------------------------------


def test_schedule_puts_activities_on_their_day_and_lists_undated(client, admin_zhang, campaign, unit_a):
    ActivityFactory(campaign=campaign, title="启动仪式", start_date=dt.date(2027, 4, 20), start_time=dt.time(9, 30))
    ActivityFactory(campaign=campaign, title="执法检查", start_date=None, start_time=None, date_text="宣传周期间")
    client.force_login(admin_zhang)

    response = client.get(url("schedule", campaign.pk))

    days = response.context["schedule"].days
    assert [a.title for a in days[0].activities] == ["启动仪式"]
    assert [a.title for a in response.context["schedule"].undated] == ["执法检查"]
    assert "宣传周期间" in response.text


def test_schedule_refused_for_strangers(client, campaign, db):
    client.force_login(MembershipFactory().user)

    assert client.get(url("schedule", campaign.pk)).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_schedule_queries_do_not_grow(client, admin_zhang, campaign, unit_a, count, django_assert_num_queries):
    for _ in range(count):
        ActivityUnitFactory(activity=ActivityFactory(campaign=campaign), unit=unit_a)
    client.force_login(admin_zhang)

    with django_assert_num_queries(7):
        client.get(url("schedule", campaign.pk))


@pytest.mark.parametrize("count", [1, 3])
def test_matrix_queries_do_not_grow(client, admin_zhang, campaign, unit_a, count, django_assert_num_queries):
    for _ in range(count):
        ActivityUnitFactory(activity=ActivityFactory(campaign=campaign), unit=unit_a)
    client.force_login(admin_zhang)

    with django_assert_num_queries(7):
        client.get(url("matrix", campaign.pk))


def test_matrix_xlsx_marks_lead_and_supporting(client, admin_zhang, campaign, unit_a, unit_b):
    activity = ActivityFactory(campaign=campaign, title="广场日")
    ActivityUnitFactory(activity=activity, unit=unit_a, role="lead")
    ActivityUnitFactory(activity=activity, unit=unit_b, role="supporting")
    client.force_login(admin_zhang)

    response = client.get(url("matrix_xlsx", campaign.pk))

    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert rows == {unit_a.name: "★", unit_b.name: "△"}


def test_matrix_refused_for_strangers(client, campaign, db):
    client.force_login(MembershipFactory().user)

    assert client.get(url("matrix_xlsx", campaign.pk)).status_code == 404
