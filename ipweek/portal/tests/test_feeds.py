import datetime as dt
import zoneinfo
from xml.etree import ElementTree

import icalendar
import pytest
from django.urls import reverse

from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.tests.factories import ActivityFactory
from ipweek.portal import feeds
from ipweek.publishing.models import Post

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
BRIEFING = dt.datetime(2027, 4, 25, 10, 0, tzinfo=SHANGHAI)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def clock(monkeypatch):
    """Freeze the feeds' clock; returns a setter."""

    def set_clock(moment):
        monkeypatch.setattr(feeds, "now", lambda: moment)

    set_clock(BRIEFING - dt.timedelta(hours=1))
    return set_clock


def make_post(campaign, title, publish_at, status=Post.Status.APPROVED):
    return Post.objects.create(campaign=campaign, title=title, body="<p>正文</p>", status=status, publish_at=publish_at)


@pytest.fixture
def posts(public_campaign):
    return {
        "news": make_post(public_campaign, "启动仪式举行", BRIEFING - dt.timedelta(days=2)),
        "embargoed": make_post(public_campaign, "白皮书发布", BRIEFING),
        "draft": make_post(public_campaign, "草稿新闻", None, status=Post.Status.DRAFT),
    }


def parse_xml(content):
    return ElementTree.fromstring(content)  # noqa: S314 — our own output, parsed back to validate it


def url(name, campaign, *args):
    return reverse(f"portal:{name}", args=[campaign.year, campaign.region.slug, *args])


def rss_titles(client, campaign):
    response = client.get(url("rss", campaign))
    assert response.status_code == 200
    root = parse_xml(response.content)
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(client, campaign):
    response = client.get(url("atom", campaign))
    assert response.status_code == 200
    root = parse_xml(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def calendar_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_rss_lists_public_posts_only(client, posts, clock):
    titles = rss_titles(client, posts["news"].campaign)

    assert titles == ["启动仪式举行"]


def test_atom_lists_public_posts_only(client, posts, clock):
    titles = atom_titles(client, posts["news"].campaign)

    assert titles == ["启动仪式举行"]


def test_embargoed_post_enters_every_feed_at_its_second(client, posts, clock):
    campaign = posts["news"].campaign
    clock(BRIEFING - dt.timedelta(seconds=1))
    before = (rss_titles(client, campaign), atom_titles(client, campaign), client.get(url("embed", campaign)))

    clock(BRIEFING)
    after = (rss_titles(client, campaign), atom_titles(client, campaign), client.get(url("embed", campaign)))

    assert "白皮书发布" not in before[0] + before[1]
    assert "白皮书发布" not in before[2].content.decode()
    assert after[0][0] == after[1][0] == "白皮书发布"
    assert "白皮书发布" in after[2].content.decode()


def test_schedule_ical_has_shanghai_timezone_and_local_times(client, public_campaign):
    ActivityFactory(status="confirmed",
        campaign=public_campaign, title="广场咨询日", start_date=dt.date(2027, 4, 26),
        start_time=dt.time(9, 0), end_time=dt.time(11, 30), venue="市民广场",
    )  # fmt: skip

    calendar = calendar_of(client.get(url("ical", public_campaign)))

    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    (event,) = calendar.walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert str(event["SUMMARY"]) == "广场咨询日" and str(event["LOCATION"]) == "市民广场"
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        dt.datetime(2027, 4, 26, 9, 0), dt.datetime(2027, 4, 26, 11, 30),
    )  # fmt: skip
    assert start.utcoffset() == dt.timedelta(hours=8)


def test_schedule_ical_has_all_day_events_and_leaves_out_undated_and_cancelled(client, public_campaign):
    ActivityFactory(status="confirmed",
        campaign=public_campaign, title="网上专利展", start_date=dt.date(2027, 4, 20),
        end_date=dt.date(2027, 4, 26), start_time=None,
    )  # fmt: skip
    ActivityFactory(
        status="confirmed", campaign=public_campaign, title="宣传周期间进社区", start_date=None, start_time=None
    )
    ActivityFactory(campaign=public_campaign, title="取消的活动", status=Activity.Status.CANCELLED)

    calendar = calendar_of(client.get(url("ical", public_campaign)))

    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "网上专利展"
    assert event.decoded("DTSTART") == dt.date(2027, 4, 20)
    assert event.decoded("DTEND") == dt.date(2027, 4, 27)
    assert calendar.walk("VTIMEZONE")


def test_activity_ical_holds_one_event(client, public_campaign):
    activity = ActivityFactory(status="confirmed", campaign=public_campaign, title="专利代理培训")

    calendar = calendar_of(client.get(url("activity_ical", public_campaign, activity.pk)))

    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["专利代理培训"]
    assert calendar.walk("VTIMEZONE")


def test_activity_ical_of_undated_activity_is_404(client, public_campaign):
    activity = ActivityFactory(status="confirmed", campaign=public_campaign, start_date=None, start_time=None)

    response = client.get(url("activity_ical", public_campaign, activity.pk))

    assert response.status_code == 404


def test_activity_ical_of_another_campaigns_activity_is_404(client, public_campaign):
    other = ActivityFactory(
        status="confirmed",
    )

    response = client.get(url("activity_ical", public_campaign, other.pk))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["rss", "atom", "ical", "embed", "signage"])
def test_draft_campaign_has_no_feeds(client, campaign, name):
    response = client.get(url(name, campaign))

    assert response.status_code == 404


def test_draft_campaign_has_no_activity_calendar(client, campaign):
    activity = ActivityFactory(status="confirmed", campaign=campaign)

    response = client.get(url("activity_ical", campaign, activity.pk))

    assert response.status_code == 404


def test_sitemap_lists_public_pages_and_no_drafts(client, posts, clock):
    campaign = posts["news"].campaign
    draft_campaign = Campaign.objects.create(
        year=2027, level=campaign.level, region=campaign.organiser.region.__class__.objects.create(
            code="990499", name="草稿县", slug="caogao", level="county"
        ), organiser=campaign.organiser, title="草稿方案", start_date=campaign.start_date, end_date=campaign.end_date,
    )  # fmt: skip
    activity = ActivityFactory(status="confirmed", campaign=campaign)

    response = client.get(reverse("portal:sitemap"))

    assert response.status_code == 200
    locations = [loc.text for loc in parse_xml(response.content).iter(f"{SITEMAP}loc")]
    base = f"http://testserver/{campaign.year}/{campaign.region.slug}/"
    assert base in locations
    assert f"{base}schedule/" in locations
    assert f"{base}activities/{activity.pk}/" in locations
    assert f"{base}news/{posts['news'].pk}/" in locations
    assert f"{base}news/{posts['embargoed'].pk}/" not in locations
    assert f"{base}news/{posts['draft'].pk}/" not in locations
    assert not any(f"/{draft_campaign.region.slug}/" in location for location in locations)


def test_embed_allows_framing_and_has_no_scripts(client, posts, clock):
    response = client.get(url("embed", posts["news"].campaign))

    body = response.content.decode()
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "<script" not in body
    assert "启动仪式举行" in body and "草稿新闻" not in body


def test_other_pages_still_refuse_framing(client, db):
    response = client.get(reverse("portal:knowledge"))

    assert response["X-Frame-Options"] == "DENY"
