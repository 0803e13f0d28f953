import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.tests.factories import (
    ActivityFactory,
    ActivityUnitFactory,
    CampaignFactory,
    RegionFactory,
    UnitFactory,
)
from ipweek.portal import queries
from ipweek.publishing.models import Asset, Post
from ipweek.units.models import Region

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2027, 4, 21, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    cache.clear()
    moment = {"now": NOW}
    monkeypatch.setattr(queries, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def district(public_campaign):
    region = RegionFactory(code="990401", name="示例区", slug="shili-qu", level=Region.Level.COUNTY,
                           parent=public_campaign.region)  # fmt: skip
    office = UnitFactory(name="示例区知识产权局", region=region)
    return CampaignFactory(region=region, organiser=office, level=Campaign.Level.COUNTY,
                           parent=public_campaign, status=Campaign.Status.ISSUED)  # fmt: skip


@pytest.fixture
def square_day(public_campaign, unit_a, unit_b):
    activity = ActivityFactory(
        campaign=public_campaign, title="4·26广场宣传日", category=Activity.Category.SQUARE_DAY,
        start_date=dt.date(2027, 4, 26), venue="人民广场", audience="市民", status=Activity.Status.CONFIRMED,
    )  # fmt: skip
    ActivityUnitFactory(activity=activity, unit=unit_a, role=ActivityUnit.Role.LEAD)
    ActivityUnitFactory(activity=activity, unit=unit_b, role=ActivityUnit.Role.SUPPORTING)
    return activity


def make_post(campaign, *, publish_at, title="新闻", status=Post.Status.APPROVED, **fields):
    return Post.objects.create(campaign=campaign, title=title, body="<p>正文</p>", status=status,
                               publish_at=publish_at, **fields)  # fmt: skip


def url(name, campaign, *args):
    return reverse(f"portal:{name}", args=[campaign.year, campaign.region.slug, *args])


def test_every_public_page_renders_the_campaign(client, public_campaign, square_day, district):
    post = make_post(public_campaign, publish_at=NOW - dt.timedelta(days=1), is_highlight=True)
    Asset.objects.create(campaign=public_campaign, title="报告", file="assets/2027/report.pdf")

    pages = [
        reverse("portal:home"),
        reverse("portal:archive"),
        url("campaign", public_campaign),
        url("schedule", public_campaign),
        url("activity", public_campaign, square_day.pk),
        url("news", public_campaign),
        url("post", public_campaign, post.pk),
        url("downloads", public_campaign),
    ]

    assert [client.get(page).status_code for page in pages] == [200] * len(pages)


def test_site_home_lists_public_campaigns_by_level(client, public_campaign, district):
    CampaignFactory(status=Campaign.Status.DRAFT)

    response = client.get(reverse("portal:home"))

    groups = {group.level: [c.pk for c in group.campaigns] for group in response.context["groups"]}
    assert groups == {"city": [public_campaign.pk], "county": [district.pk]}


def test_archive_lists_every_year(client, public_campaign):
    CampaignFactory(year=2026, status=Campaign.Status.REPORTED)

    response = client.get(reverse("portal:archive"))

    assert [year for year, _groups in response.context["years"]] == [2027, 2026]


def test_campaign_home_shows_countdown_highlights_and_hotline(client, public_campaign):
    highlight = make_post(public_campaign, publish_at=NOW - dt.timedelta(hours=1), is_highlight=True)

    response = client.get(url("campaign", public_campaign))

    assert (response.context["countdown"].state, response.context["countdown"].days) == ("before", 5)
    assert response.context["highlights"] == [highlight]
    assert response.context["hotline"] == "12330"
    assert "2027年4月20日" in response.content.decode()


@pytest.mark.parametrize(
    ("moment", "state"),
    [(dt.datetime(2027, 4, 26, 8, tzinfo=TZ), "today"), (dt.datetime(2027, 4, 27, 8, tzinfo=TZ), "after")],
)
def test_campaign_home_countdown_follows_the_clock(client, clock, public_campaign, moment, state):
    clock["now"] = moment

    response = client.get(url("campaign", public_campaign))

    assert response.context["countdown"].state == state


def test_draft_campaign_is_not_public(client, campaign):
    response = client.get(url("campaign", campaign))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/2031/shili/", "/2027/nowhere/", "/2027/shili/activities/999999/", "/2027/shili/news/999999/", "/nope/"],
)
def test_unknown_addresses_get_the_helpful_404_page(client, public_campaign, path):
    response = client.get(path)

    assert response.status_code == 404
    assert reverse("portal:archive") in response.content.decode()


def test_schedule_shows_own_and_child_activities_only_when_confirmed(client, public_campaign, square_day, district):
    child = ActivityFactory(campaign=district, status=Activity.Status.CONFIRMED)
    ActivityFactory(campaign=public_campaign, status=Activity.Status.DRAFT)
    ActivityFactory(campaign=public_campaign, status=Activity.Status.CANCELLED)

    response = client.get(url("schedule", public_campaign))

    shown = {a.pk for day in response.context["schedule"].days for a in day.activities}
    assert shown == {square_day.pk, child.pk}
    assert district.region.name in response.content.decode()


def test_schedule_filters_by_category_district_and_day(client, public_campaign, square_day, district):
    child = ActivityFactory(campaign=district, status=Activity.Status.CONFIRMED, category=Activity.Category.TRAINING)

    by_district = client.get(url("schedule", public_campaign), {"district": "shili-qu"})
    by_category = client.get(url("schedule", public_campaign), {"category": "square_day"})
    by_day = client.get(url("schedule", public_campaign), {"day": "2027-04-21"})

    def shown(response):
        return {a.pk for day in response.context["schedule"].days for a in day.activities}

    assert (shown(by_district), shown(by_category), shown(by_day)) == ({child.pk}, {square_day.pk}, {child.pk})


@pytest.mark.parametrize(
    "query", [{"day": "2027-13-40"}, {"category": "<script>"}, {"district": "atlantis"}, {"day": "x" * 500}]
)
def test_schedule_ignores_malformed_filters_with_a_notice(client, public_campaign, square_day, query):
    response = client.get(url("schedule", public_campaign), query)

    assert response.status_code == 200
    assert len(response.context["notices"]) == 1
    assert response.context["activity_count"] == 1


@pytest.mark.parametrize("count", [1, 3])
def test_schedule_queries_do_not_grow(client, public_campaign, count, django_assert_num_queries):
    for activity in ActivityFactory.create_batch(count, campaign=public_campaign, status=Activity.Status.CONFIRMED):
        ActivityUnitFactory(activity=activity)

    with django_assert_num_queries(5):
        response = client.get(url("schedule", public_campaign))

    assert response.context["activity_count"] == count


def test_activity_page_tells_who_where_and_how(client, public_campaign, square_day, unit_a, unit_b):
    response = client.get(url("activity", public_campaign, square_day.pk))

    assert (response.context["leads"], response.context["supporters"]) == ([unit_a], [unit_b])
    assert response.context["map_url"].startswith("https://www.openstreetmap.org/search?query=")
    assert response.context["ics_url"] == f"/2027/shili/activities/{square_day.pk}.ics"


def test_draft_activity_is_not_public(client, public_campaign):
    draft = ActivityFactory(campaign=public_campaign)

    response = client.get(url("activity", public_campaign, draft.pk))

    assert response.status_code == 404


def test_child_activity_opens_under_the_parent_campaign(client, public_campaign, district):
    child = ActivityFactory(campaign=district, status=Activity.Status.CONFIRMED)

    response = client.get(url("activity", public_campaign, child.pk))

    assert response.status_code == 200
    assert response.context["is_other_campaign"] is True


def test_embargoed_post_stays_hidden_until_its_time(client, clock, public_campaign):
    release = make_post(public_campaign, publish_at=NOW + dt.timedelta(hours=2), title="白皮书", is_highlight=True)

    before = (
        client.get(url("news", public_campaign)).context["posts"],
        client.get(url("campaign", public_campaign)).context["latest_news"],
        client.get(url("post", public_campaign, release.pk)).status_code,
    )
    clock["now"] = release.publish_at
    after = (
        client.get(url("news", public_campaign)).context["posts"],
        client.get(url("campaign", public_campaign)).context["latest_news"],
        client.get(url("post", public_campaign, release.pk)).status_code,
    )

    assert before == ([], [], 404)
    assert after == ([release], [release], 200)


def test_unapproved_post_is_not_public(client, public_campaign):
    draft = make_post(public_campaign, publish_at=NOW - dt.timedelta(days=1), status=Post.Status.PENDING)

    response = client.get(url("post", public_campaign, draft.pk))

    assert response.status_code == 404


def test_downloads_list_only_released_assets(client, clock, public_campaign):
    free = Asset.objects.create(campaign=public_campaign, title="海报", file="assets/2027/poster.pdf")
    embargoed_post = make_post(public_campaign, publish_at=NOW + dt.timedelta(days=1))
    Asset.objects.create(campaign=public_campaign, post=embargoed_post, title="报告", file="assets/2027/r.pdf")

    response = client.get(url("downloads", public_campaign))

    assert response.context["assets"] == [free]


def test_plan_pdf_is_generated_with_cache_headers(client, public_campaign, monkeypatch):
    monkeypatch.setattr(
        "ipweek.portal.views.export_plan", lambda campaign, fmt: (b"%PDF-1.7", "application/pdf", "方案.pdf")
    )

    response = client.get(url("plan_pdf", public_campaign))

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert "max-age=300" in response["Cache-Control"]


def test_plan_pdf_of_a_draft_campaign_is_not_public(client, campaign):
    response = client.get(url("plan_pdf", campaign))

    assert response.status_code == 404


def test_display_switches_work_without_a_csrf_token(client, public_campaign):
    page = url("campaign", public_campaign)

    response = client.post(reverse("portal:large_type"), {"next": page})

    assert (response.status_code, response["Location"]) == (302, page)
    assert client.session["large_type"] is True
