import datetime as dt
from decimal import Decimal

import pytest

from ipweek.api.tests.helpers import campaign_url, error_of, send
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.tests.factories import ActivityFactory, ActivityUnitFactory, UnitFactory


def activities_url(campaign, activity=None):
    return campaign_url(campaign, "/activities" + (f"/{activity.pk}" if activity else ""))


def rows():
    """What "nothing saved" is measured by."""
    return Activity.objects.count(), ActivityUnit.objects.count()


# ---- list and read


def test_activity_list_shows_everything_to_office_staff(client, campaign, admin_zhang, activity_of_a, activity_of_b):
    client.force_login(admin_zhang)

    response = client.get(activities_url(campaign))

    assert response.status_code == 200
    assert [row["title"] for row in response.json()] == ["知识产权进企业宣讲", "知识产权进校园"]


def test_activity_list_hides_other_units_drafts_from_a_liaison(
    client, campaign, coordinator_li, activity_of_a, activity_of_b
):
    confirmed = ActivityFactory(campaign=campaign, title="已确认的活动", status=Activity.Status.CONFIRMED)
    client.force_login(coordinator_li)

    response = client.get(activities_url(campaign))

    assert [row["id"] for row in response.json()] == [activity_of_a.pk, confirmed.pk]
    assert [row["can_edit"] for row in response.json()] == [True, False]


def test_activity_list_is_hidden_from_a_user_without_roles(client, campaign, stranger, activity_of_a):
    client.force_login(stranger)

    response = client.get(activities_url(campaign))

    assert error_of(response, 404)["code"] == "not_found"


@pytest.mark.parametrize("count", [1, 4])
def test_activity_list_queries_do_not_grow(client, campaign, admin_zhang, unit_a, count, django_assert_num_queries):
    for activity in ActivityFactory.create_batch(count, campaign=campaign):
        ActivityUnitFactory(activity=activity, unit=unit_a)
    client.force_login(admin_zhang)

    with django_assert_num_queries(6):
        response = client.get(activities_url(campaign))

    assert len(response.json()) == count


def test_activity_detail_shows_units_with_role_and_date_as_written(
    client, campaign, viewer_zhao, activity_of_a, unit_a
):
    client.force_login(viewer_zhao)

    response = client.get(activities_url(campaign, activity_of_a))

    body = response.json()
    assert response.status_code == 200
    assert body["units"] == [{"unit_id": unit_a.pk, "name": "示例市市场监督管理局", "role": "lead"}]
    assert (body["date_text"], body["start_date"], body["start_time"]) == ("4月21日上午9:30", "2027-04-21", "09:30")
    assert body["can_edit"] is False


def test_activity_detail_of_another_units_draft_is_404_for_a_liaison(client, campaign, outsider_wang, activity_of_a):
    client.force_login(outsider_wang)

    response = client.get(activities_url(campaign, activity_of_a))

    assert response.status_code == 404


def test_activity_detail_of_another_campaigns_activity_is_404(client, campaign, admin_zhang):
    elsewhere = ActivityFactory(title="别处的活动")
    client.force_login(admin_zhang)

    response = client.get(activities_url(campaign, elsewhere))

    assert response.status_code == 404


# ---- create


def test_activity_create_by_office_staff_saves_units_in_their_roles(client, campaign, admin_zhang, unit_a, unit_b):
    client.force_login(admin_zhang)
    body = {
        "title": "知识产权宣传周启动仪式",
        "category": "launch_ceremony",
        "date_text": "4月20日（暂定）上午9:30",
        "start_date": "2027-04-20",
        "start_time": "09:30",
        "end_time": "11:00",
        "is_tentative": True,
        "budget": "12000.50",
        "lead_unit_ids": [campaign.organiser_id],
        "co_organiser_unit_ids": [unit_a.pk],
        "supporting_unit_ids": [unit_b.pk],
    }

    response = send(client, "post", activities_url(campaign), body)

    activity = Activity.objects.get(pk=response.json()["id"])
    assert response.status_code == 201
    assert (activity.start_date, activity.start_time, activity.budget) == (
        dt.date(2027, 4, 20),
        dt.time(9, 30),
        Decimal("12000.50"),
    )
    assert [(r["unit_id"], r["role"]) for r in response.json()["units"]] == [
        (campaign.organiser_id, "lead"),
        (unit_a.pk, "co_organiser"),
        (unit_b.pk, "supporting"),
    ]
    assert response.json()["budget"] == "12000.50"


def test_activity_create_accepts_budget_as_a_number(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = send(client, "post", activities_url(campaign), {"title": "培训", "budget": 800})

    assert response.status_code == 201
    assert Activity.objects.get().budget == Decimal("800")


def test_activity_create_by_a_liaison_for_their_own_unit(client, campaign, coordinator_li, unit_a, unit_b):
    client.force_login(coordinator_li)

    response = send(
        client,
        "post",
        activities_url(campaign),
        {"title": "进企业", "co_organiser_unit_ids": [unit_a.pk], "lead_unit_ids": [unit_b.pk]},
    )

    assert response.status_code == 201
    assert response.json()["can_edit"] is True


def test_activity_create_by_a_liaison_without_their_unit_is_403(client, campaign, coordinator_li, unit_b):
    client.force_login(coordinator_li)
    before = rows()

    response = send(client, "post", activities_url(campaign), {"title": "别人的活动", "lead_unit_ids": [unit_b.pk]})

    assert error_of(response, 403)["code"] == "permission_denied"
    assert rows() == before


@pytest.mark.parametrize("persona", ["viewer_zhao"])
def test_activity_create_by_a_viewer_is_403(client, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = send(client, "post", activities_url(campaign), {"title": "活动"})

    assert response.status_code == 403
    assert rows() == (0, 0)


def test_activity_create_in_a_closed_campaign_is_403(client, campaign, coordinator_li, unit_a):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    client.force_login(coordinator_li)

    response = send(client, "post", activities_url(campaign), {"title": "活动", "lead_unit_ids": [unit_a.pk]})

    assert response.status_code == 403
    assert rows() == (0, 0)


def test_activity_create_anonymous_is_401(client, campaign):
    response = send(client, "post", activities_url(campaign), {"title": "活动"})

    assert response.status_code == 401
    assert rows() == (0, 0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"start_date": "2027-04-22", "end_date": "2027-04-21"}, "end_date"),
        ({"start_date": "2027-04-21", "start_time": "10:00", "end_time": "09:00"}, "end_time"),
        ({"start_date": "2026-04-21"}, "start_date"),
        ({"end_date": "2028-01-01", "start_date": "2027-12-31"}, "end_date"),
        ({"start_time": "09:30"}, "start_date"),
        ({"lead_unit_ids": [987654]}, "lead_unit_ids"),
        ({"supporting_unit_ids": [1, 987654]}, "supporting_unit_ids"),
        ({"lead_unit_ids": ["甲"]}, "lead_unit_ids"),
        ({"parent_id": 987654}, "parent_id"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"budget": "-1"}, "budget"),
        ({"budget": "1.005"}, "budget"),
        ({"budget": "1e20"}, "budget"),
        ({"budget": "NaN"}, "budget"),
        ({"start_time": "25:00", "start_date": "2027-04-21"}, "start_time"),
        ({"start_date": "2027-02-30"}, "start_date"),
        ({"category": "picnic"}, "category"),
        ({"venue": "大厅\x00"}, "venue"),
        ({"lead_units": [1]}, "lead_units"),
    ],
)
def test_activity_create_bad_input_is_422_naming_the_field(client, campaign, admin_zhang, body, field):
    client.force_login(admin_zhang)

    response = send(client, "post", activities_url(campaign), {"title": "活动", **body})

    error = error_of(response, 422)
    assert field in error["fields"], error
    assert rows() == (0, 0)


def test_activity_create_with_oversized_rich_text_is_422(client, campaign, admin_zhang, settings):
    settings.IPWEEK_RICH_TEXT_MAX_CHARS = 50
    client.force_login(admin_zhang)

    response = send(
        client, "post", activities_url(campaign), {"title": "活动", "description": "<p>" + "长" * 60 + "</p>"}
    )

    assert "description" in error_of(response, 422)["fields"]
    assert rows() == (0, 0)


def test_activity_create_without_lead_in_an_issued_campaign_is_422(client, campaign, admin_zhang, unit_a):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.ISSUED)
    client.force_login(admin_zhang)

    response = send(client, "post", activities_url(campaign), {"title": "活动", "supporting_unit_ids": [unit_a.pk]})

    assert "lead_unit_ids" in error_of(response, 422)["fields"]
    assert rows() == (0, 0)


def test_activity_create_naming_a_unit_twice_is_422(client, campaign, admin_zhang, unit_a):
    client.force_login(admin_zhang)

    response = send(
        client,
        "post",
        activities_url(campaign),
        {"title": "活动", "lead_unit_ids": [unit_a.pk], "supporting_unit_ids": [unit_a.pk]},
    )

    assert "units" in error_of(response, 422)["fields"]
    assert rows() == (0, 0)


def test_activity_create_with_a_unit_of_another_region_is_422(client, campaign, admin_zhang):
    far_away = UnitFactory(name="远方单位")
    client.force_login(admin_zhang)

    response = send(client, "post", activities_url(campaign), {"title": "活动", "lead_unit_ids": [far_away.pk]})

    assert str(far_away.pk) in error_of(response, 422)["fields"]["lead_unit_ids"]
    assert rows() == (0, 0)


@pytest.mark.parametrize("body", ["{not json", "[1, 2", ""])
def test_activity_create_with_malformed_body_is_refused(client, campaign, admin_zhang, body):
    client.force_login(admin_zhang)

    response = send(client, "post", activities_url(campaign), body)

    assert response.status_code in {400, 422}
    error_of(response, response.status_code)
    assert rows() == (0, 0)


@pytest.mark.parametrize("body", ["[]", '"a string"', "42", "null"])
def test_activity_create_with_a_body_that_is_not_an_object_is_422(client, campaign, admin_zhang, body):
    client.force_login(admin_zhang)

    response = client.post(activities_url(campaign), body, content_type="application/json")

    error_of(response, 422)
    assert rows() == (0, 0)


def test_activity_create_with_a_sub_activity(client, campaign, admin_zhang, activity_of_a):
    client.force_login(admin_zhang)

    response = send(client, "post", activities_url(campaign), {"title": "分会场", "parent_id": activity_of_a.pk})

    assert response.status_code == 201
    assert response.json()["parent_id"] == activity_of_a.pk


# ---- change


def test_activity_patch_changes_only_what_is_sent(client, campaign, admin_zhang, activity_of_a, unit_a):
    client.force_login(admin_zhang)

    response = send(
        client, "patch", activities_url(campaign, activity_of_a), {"venue": "市民中心", "status": "confirmed"}
    )

    activity_of_a.refresh_from_db()
    assert response.status_code == 200
    assert (activity_of_a.venue, activity_of_a.status, activity_of_a.title) == (
        "市民中心",
        "confirmed",
        "知识产权进企业宣讲",
    )
    assert [(r["unit_id"], r["role"]) for r in response.json()["units"]] == [(unit_a.pk, "lead")]


def test_activity_patch_replaces_only_the_role_lists_that_are_sent(
    client, campaign, admin_zhang, activity_of_a, unit_a, unit_b
):
    client.force_login(admin_zhang)

    response = send(client, "patch", activities_url(campaign, activity_of_a), {"supporting_unit_ids": [unit_b.pk]})

    roles = list(activity_of_a.unit_roles.values_list("unit_id", "role"))
    assert response.status_code == 200
    assert roles == [(unit_a.pk, "lead"), (unit_b.pk, "supporting")]


def test_activity_patch_by_a_liaison_of_the_lead_unit(client, campaign, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = send(client, "patch", activities_url(campaign, activity_of_a), {"title": "知识产权进企业（修订）"})

    activity_of_a.refresh_from_db()
    assert response.status_code == 200
    assert activity_of_a.title == "知识产权进企业（修订）"


def test_activity_patch_of_another_units_confirmed_activity_is_403(client, campaign, coordinator_li, activity_of_b):
    Activity.objects.filter(pk=activity_of_b.pk).update(status=Activity.Status.CONFIRMED)
    client.force_login(coordinator_li)

    response = send(client, "patch", activities_url(campaign, activity_of_b), {"title": "改掉"})

    activity_of_b.refresh_from_db()
    assert error_of(response, 403)["code"] == "permission_denied"
    assert activity_of_b.title == "知识产权进校园"


def test_activity_patch_of_another_units_draft_is_404(client, campaign, coordinator_li, activity_of_b):
    client.force_login(coordinator_li)

    response = send(client, "patch", activities_url(campaign, activity_of_b), {"title": "改掉"})

    activity_of_b.refresh_from_db()
    assert response.status_code == 404
    assert activity_of_b.title == "知识产权进校园"


def test_activity_patch_by_a_liaison_dropping_their_own_unit_is_403(
    client, campaign, coordinator_li, activity_of_a, unit_b
):
    client.force_login(coordinator_li)

    response = send(client, "patch", activities_url(campaign, activity_of_a), {"lead_unit_ids": [unit_b.pk]})

    assert response.status_code == 403
    assert list(activity_of_a.unit_roles.values_list("unit__name", flat=True)) == ["示例市市场监督管理局"]


def test_activity_patch_by_a_viewer_is_403(client, campaign, viewer_zhao, activity_of_a):
    client.force_login(viewer_zhao)

    response = send(client, "patch", activities_url(campaign, activity_of_a), {"title": "改掉"})

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"end_date": "2027-04-01"}, "end_date"),
        ({"title": None}, "title"),
        ({"title": "  "}, "title"),
        ({"parent_id": "self"}, "parent_id"),
        ({"lead_unit_ids": []}, "lead_unit_ids"),
    ],
)
def test_activity_patch_bad_input_is_422_and_changes_nothing(client, campaign, admin_zhang, activity_of_a, body, field):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.ISSUED)
    body = {key: activity_of_a.pk if value == "self" else value for key, value in body.items()}
    client.force_login(admin_zhang)
    before = rows()

    response = send(client, "patch", activities_url(campaign, activity_of_a), body)

    activity_of_a.refresh_from_db()
    assert field in error_of(response, 422)["fields"]
    assert (activity_of_a.title, activity_of_a.end_date) == ("知识产权进企业宣讲", None)
    assert rows() == before


# ---- delete


def test_activity_delete_by_a_liaison_of_the_lead_unit(client, campaign, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = client.delete(activities_url(campaign, activity_of_a))

    assert response.status_code == 204
    assert not Activity.objects.filter(pk=activity_of_a.pk).exists()


def test_activity_delete_of_another_units_activity_is_refused(client, campaign, coordinator_li, activity_of_b):
    client.force_login(coordinator_li)

    response = client.delete(activities_url(campaign, activity_of_b))

    assert response.status_code in {403, 404}
    assert Activity.objects.filter(pk=activity_of_b.pk).exists()


def test_activity_delete_by_a_viewer_is_403(client, campaign, viewer_zhao, activity_of_a):
    client.force_login(viewer_zhao)

    response = client.delete(activities_url(campaign, activity_of_a))

    assert response.status_code == 403
    assert Activity.objects.filter(pk=activity_of_a.pk).exists()


def test_activity_delete_by_office_staff_removes_sub_activities(client, campaign, admin_zhang, activity_of_a):
    ActivityFactory(campaign=campaign, parent=activity_of_a, title="分会场")
    client.force_login(admin_zhang)

    response = client.delete(activities_url(campaign, activity_of_a))

    assert response.status_code == 204
    assert Activity.objects.filter(campaign=campaign).count() == 0
