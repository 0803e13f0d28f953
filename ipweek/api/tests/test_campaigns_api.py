import datetime as dt

import pytest

from ipweek.api.tests.helpers import api_url, campaign_url, error_of, send
from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    CampaignFactory,
    MembershipFactory,
    RegionFactory,
    UnitFactory,
)
from ipweek.units.models import Membership, Region, Unit


def new_campaign_body(campaign, **overrides):
    """A valid body for a new campaign by admin_zhang's office, in a region without one yet."""
    region = RegionFactory(code="990500", name="新建市", slug="xinjian", level=Region.Level.CITY)
    body = {
        "year": 2027,
        "level": "city",
        "region_id": region.pk,
        "organiser_id": campaign.organiser_id,
        "title": "2027年新建市知识产权宣传周活动方案",
    }
    return {**body, **overrides}


# ---- list and read


def test_campaign_list_shows_the_callers_campaigns(client, campaign, outsider_wang):
    CampaignFactory(year=2026)
    client.force_login(outsider_wang)

    response = client.get(api_url("/campaigns"))

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [campaign.pk]


def test_campaign_list_is_empty_for_a_user_without_roles(client, campaign, stranger):
    client.force_login(stranger)

    response = client.get(api_url("/campaigns"))

    assert response.status_code == 200
    assert response.json() == []


def test_campaign_list_includes_children_for_a_higher_office_viewer(client, campaign, stranger):
    province = CampaignFactory(level=Campaign.Level.PROVINCE)
    MembershipFactory(user=stranger, campaign=province, role=Membership.Role.HIGHER_OFFICE_VIEWER)
    Campaign.objects.filter(pk=campaign.pk).update(parent=province)
    client.force_login(stranger)

    response = client.get(api_url("/campaigns"))

    assert sorted(row["id"] for row in response.json()) == sorted([province.pk, campaign.pk])


@pytest.mark.parametrize("count", [1, 3])
def test_campaign_list_queries_do_not_grow(client, superuser, count, django_assert_num_queries):
    CampaignFactory.create_batch(count)
    client.force_login(superuser)

    with django_assert_num_queries(3):
        response = client.get(api_url("/campaigns"))

    assert len(response.json()) == count


def test_campaign_detail_is_readable_by_a_viewer(client, campaign, viewer_zhao):
    client.force_login(viewer_zhao)

    response = client.get(campaign_url(campaign))

    body = response.json()
    assert response.status_code == 200
    assert (body["id"], body["year"], body["region"]["code"]) == (campaign.pk, 2027, "990400")
    assert body["access"] == {"can_manage": False, "can_add_activity": False}


def test_campaign_detail_is_hidden_from_a_user_without_roles(client, campaign, stranger):
    client.force_login(stranger)

    response = client.get(campaign_url(campaign))

    assert error_of(response, 404)["code"] == "not_found"


def test_campaign_detail_of_a_missing_campaign_is_404(client, admin_zhang):
    client.force_login(admin_zhang)

    response = client.get(api_url("/campaigns/999999"))

    assert response.status_code == 404


def test_campaign_detail_is_readable_through_a_parent_campaign(client, campaign, stranger):
    province = CampaignFactory(level=Campaign.Level.PROVINCE)
    MembershipFactory(user=stranger, campaign=province, role=Membership.Role.OFFICE_STAFF)
    Campaign.objects.filter(pk=campaign.pk).update(parent=province)
    client.force_login(stranger)

    response = client.get(campaign_url(campaign))

    assert response.status_code == 200
    assert response.json()["access"]["can_manage"] is False


# ---- create


def test_campaign_create_by_office_staff_starts_a_draft(client, campaign, admin_zhang):
    client.force_login(admin_zhang)
    body = new_campaign_body(campaign)

    response = send(client, "post", api_url("/campaigns"), body)

    created = Campaign.objects.get(pk=response.json()["id"])
    assert response.status_code == 201
    assert (created.status, created.start_date, created.end_date) == (
        "draft",
        dt.date(2027, 4, 20),
        dt.date(2027, 4, 26),
    )
    assert created.memberships.filter(user=admin_zhang, role=Membership.Role.OFFICE_STAFF).exists()
    assert response.json()["access"]["can_manage"] is True


def test_campaign_create_by_superuser_may_name_any_ip_office(client, campaign, superuser):
    other_office = UnitFactory(kind=Unit.Kind.IP_OFFICE)
    client.force_login(superuser)

    response = send(client, "post", api_url("/campaigns"), new_campaign_body(campaign, organiser_id=other_office.pk))

    assert response.status_code == 201
    assert response.json()["organiser"] == {"id": other_office.pk, "name": other_office.name}


@pytest.mark.parametrize("persona", ["viewer_zhao", "coordinator_li", "stranger"])
def test_campaign_create_is_refused_without_an_office_role(client, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))
    before = Campaign.objects.count()

    response = send(client, "post", api_url("/campaigns"), new_campaign_body(campaign))

    assert error_of(response, 403)["code"] == "permission_denied"
    assert Campaign.objects.count() == before


def test_campaign_create_for_another_office_is_refused(client, campaign, admin_zhang):
    other_office = UnitFactory(kind=Unit.Kind.IP_OFFICE)
    client.force_login(admin_zhang)
    before = Campaign.objects.count()

    response = send(client, "post", api_url("/campaigns"), new_campaign_body(campaign, organiser_id=other_office.pk))

    assert response.status_code == 403
    assert Campaign.objects.count() == before


def test_campaign_create_second_for_same_year_and_region_is_422(client, campaign, admin_zhang):
    client.force_login(admin_zhang)
    body = new_campaign_body(campaign, region_id=campaign.region_id)

    response = send(client, "post", api_url("/campaigns"), body)

    assert "year" in error_of(response, 422)["fields"]
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_date": "2027-04-26", "end_date": "2027-04-20"}, "end_date"),
        ({"start_date": "2026-04-20", "end_date": "2027-04-26"}, "start_date"),
        ({"region_id": 987654}, "region_id"),
        ({"organiser_id": 987654}, "organiser_id"),
        ({"parent_id": 987654}, "parent_id"),
        ({"title": "   "}, "title"),
        ({"year": 1900}, "year"),
        ({"level": "planet"}, "level"),
        ({"start_date": "20 April"}, "start_date"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_campaign_create_bad_input_is_422_naming_the_field(client, campaign, admin_zhang, overrides, field):
    client.force_login(admin_zhang)
    before = Campaign.objects.count()

    response = send(client, "post", api_url("/campaigns"), new_campaign_body(campaign, **overrides))

    error = error_of(response, 422)
    assert error["code"] == "invalid"
    assert error["message"] == "提交的数据有误。"
    assert field in error["fields"]
    assert Campaign.objects.count() == before


def test_campaign_create_with_malformed_body_is_400(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = send(client, "post", api_url("/campaigns"), '{"year": 2027,')

    assert error_of(response, 400)["code"] == "malformed_body"
    assert Campaign.objects.count() == 1


def test_campaign_create_anonymous_is_401(client, campaign):
    response = send(client, "post", api_url("/campaigns"), new_campaign_body(campaign))

    assert response.status_code == 401
    assert Campaign.objects.count() == 1


# ---- change


def test_campaign_patch_changes_only_what_is_sent(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = send(
        client, "patch", campaign_url(campaign), {"theme": "新主题", "doc_agency_code": "示知发", "doc_serial": 5}
    )

    campaign.refresh_from_db()
    assert response.status_code == 200
    assert (campaign.theme, campaign.title, campaign.start_date) == (
        "新主题",
        response.json()["title"],
        dt.date(2027, 4, 20),
    )
    assert response.json()["document_number"] == "示知发〔2027〕5号"


@pytest.mark.parametrize("persona", ["viewer_zhao", "coordinator_li"])
def test_campaign_patch_by_a_reader_is_403(client, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = send(client, "patch", campaign_url(campaign), {"theme": "新主题"})

    campaign.refresh_from_db()
    assert error_of(response, 403)["code"] == "permission_denied"
    assert campaign.theme == "知识产权与测试"


def test_campaign_patch_by_a_user_without_roles_is_404(client, campaign, stranger):
    client.force_login(stranger)

    response = send(client, "patch", campaign_url(campaign), {"theme": "新主题"})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"end_date": "2027-04-19"}, "end_date"),
        ({"start_date": "2028-04-20", "end_date": "2028-04-26"}, "start_date"),
        ({"start_date": None}, "start_date"),
        ({"title": None}, "title"),
        ({"parent_id": 0}, "parent_id"),
    ],
)
def test_campaign_patch_bad_input_is_422_and_changes_nothing(client, campaign, admin_zhang, body, field):
    client.force_login(admin_zhang)

    response = send(client, "patch", campaign_url(campaign), body)

    campaign.refresh_from_db()
    assert field in error_of(response, 422)["fields"]
    assert (campaign.start_date, campaign.end_date) == (dt.date(2027, 4, 20), dt.date(2027, 4, 26))


def test_campaign_patch_into_a_taken_year_and_region_is_422(client, campaign, admin_zhang):
    CampaignFactory(year=2028, region=campaign.region, organiser=campaign.organiser)
    client.force_login(admin_zhang)

    response = send(
        client, "patch", campaign_url(campaign), {"year": 2028, "start_date": "2028-04-20", "end_date": "2028-04-26"}
    )

    campaign.refresh_from_db()
    assert "year" in error_of(response, 422)["fields"]
    assert campaign.year == 2027


# ---- status


def test_campaign_status_issues_the_plan(client, campaign, admin_zhang, activity_of_a):
    client.force_login(admin_zhang)

    response = send(client, "post", campaign_url(campaign, "/status"), {"status": "issued"})

    campaign.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["status"] == campaign.status == "issued"


def test_campaign_status_by_a_viewer_is_403(client, campaign, viewer_zhao):
    client.force_login(viewer_zhao)

    response = send(client, "post", campaign_url(campaign, "/status"), {"status": "issued"})

    campaign.refresh_from_db()
    assert response.status_code == 403
    assert campaign.status == "draft"


def test_campaign_status_refuses_to_issue_with_an_activity_without_lead(client, campaign, admin_zhang):
    ActivityFactory(campaign=campaign, title="无人牵头的活动")
    client.force_login(admin_zhang)

    response = send(client, "post", campaign_url(campaign, "/status"), {"status": "issued"})

    campaign.refresh_from_db()
    assert "无人牵头的活动" in error_of(response, 422)["fields"]["status"]
    assert campaign.status == "draft"


@pytest.mark.parametrize("status", ["reported", "published", ""])
def test_campaign_status_refuses_an_impossible_step(client, campaign, admin_zhang, status):
    client.force_login(admin_zhang)

    response = send(client, "post", campaign_url(campaign, "/status"), {"status": status})

    campaign.refresh_from_db()
    assert "status" in error_of(response, 422)["fields"]
    assert campaign.status == "draft"
    assert Activity.objects.count() == 0
