import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.tests.factories import ActivityFactory
from ipweek.portal import queries
from ipweek.portal.caching import max_age_until
from ipweek.publishing.models import Post

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2027, 4, 21, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    cache.clear()
    moment = {"now": NOW}
    monkeypatch.setattr(queries, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def activity(public_campaign):
    return ActivityFactory(campaign=public_campaign, status=Activity.Status.CONFIRMED)


def home_url(campaign):
    return reverse("portal:campaign", args=[campaign.year, campaign.region.slug])


def schedule_url(campaign):
    return reverse("portal:schedule", args=[campaign.year, campaign.region.slug])


def test_conditional_get_answers_304_for_a_current_etag(client, public_campaign, activity):
    first = client.get(schedule_url(public_campaign))

    second = client.get(schedule_url(public_campaign), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert (second.status_code, second["ETag"], second.content) == (304, first["ETag"], b"")


def test_conditional_get_answers_304_for_if_modified_since(client, public_campaign, activity):
    first = client.get(home_url(public_campaign))

    second = client.get(home_url(public_campaign), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert second.status_code == 304


def test_editing_an_activity_changes_the_etag_and_the_page(client, public_campaign, activity):
    first = client.get(schedule_url(public_campaign))
    activity.title = "改名后的活动"
    activity.save()

    second = client.get(schedule_url(public_campaign), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert "改名后的活动" in second.content.decode()


def test_a_cached_page_is_served_without_rendering(client, public_campaign, activity, django_assert_num_queries):
    first = client.get(schedule_url(public_campaign))

    with django_assert_num_queries(2):  # the campaign and its change stamp
        second = client.get(schedule_url(public_campaign))

    assert (second.status_code, second.content) == (200, first.content)


def test_cache_keys_differ_by_language(client, public_campaign, activity):
    chinese = client.get(home_url(public_campaign))

    english = client.get(home_url(public_campaign), HTTP_ACCEPT_LANGUAGE="en")

    assert english["ETag"] != chinese["ETag"]
    assert english.content != chinese.content
    assert "Accept-Language" in english["Vary"]


def test_cache_keys_differ_by_large_type(client, public_campaign, activity):
    normal = client.get(home_url(public_campaign))
    client.post(reverse("portal:large_type"), {"next": "/"})

    large = client.get(home_url(public_campaign))

    assert large["ETag"] != normal["ETag"]
    assert b'class="large-type"' in large.content


def test_max_age_stops_at_the_next_scheduled_publication(client, public_campaign):
    Post.objects.create(campaign=public_campaign, title="发布会", status=Post.Status.APPROVED,
                        publish_at=NOW + dt.timedelta(seconds=25))  # fmt: skip

    response = client.get(home_url(public_campaign))

    assert "max-age=25" in response["Cache-Control"]


def test_a_cached_page_expires_when_an_embargo_ends(client, clock, public_campaign):
    release = Post.objects.create(campaign=public_campaign, title="年度报告", status=Post.Status.APPROVED,
                                  publish_at=NOW + dt.timedelta(minutes=5))  # fmt: skip
    before = client.get(home_url(public_campaign))
    clock["now"] = release.publish_at - dt.timedelta(seconds=1)
    still_before = client.get(home_url(public_campaign), HTTP_IF_NONE_MATCH=before["ETag"])

    clock["now"] = release.publish_at
    after = client.get(home_url(public_campaign), HTTP_IF_NONE_MATCH=before["ETag"])

    assert still_before.status_code == 304
    assert after.status_code == 200
    assert "年度报告" in after.content.decode()
    assert "年度报告" not in before.content.decode()


def test_withdrawing_a_post_changes_the_etag(client, public_campaign):
    post = Post.objects.create(campaign=public_campaign, title="新闻", status=Post.Status.APPROVED,
                               publish_at=NOW - dt.timedelta(days=1))  # fmt: skip
    first = client.get(home_url(public_campaign))
    post.status = Post.Status.WITHDRAWN
    post.save()

    second = client.get(home_url(public_campaign), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second.context["latest_news"] == []


def test_site_home_etag_changes_when_a_campaign_is_published(client, campaign):
    first = client.get(reverse("portal:home"))
    campaign.status = Campaign.Status.ISSUED
    campaign.save()

    second = client.get(reverse("portal:home"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert [c.pk for group in second.context["groups"] for c in group.campaigns] == [campaign.pk]


@pytest.mark.parametrize(
    ("next_change", "expected"),
    [(None, 60), (NOW + dt.timedelta(seconds=10), 10), (NOW + dt.timedelta(hours=1), 60), (NOW, 0)],
)
def test_max_age_until(next_change, expected):
    assert max_age_until(next_change, NOW) == expected


def test_remembered_stamp_is_never_used_past_an_embargo(settings, monkeypatch, db):
    import datetime as dt

    from ipweek.portal import caching, queries
    from ipweek.portal.queries import ChangeStamp

    settings.IPWEEK_PORTAL_STAMP_SECONDS = 60
    embargo = dt.datetime(2027, 4, 20, 10, 30, tzinfo=dt.UTC)
    calls = []

    def fake_stamp(campaign, at):
        calls.append(at)
        return ChangeStamp(
            campaign_updated_at=None, activities_updated_at=None, activity_count=len(calls), posts_updated_at=None,
            public_post_count=0, last_published_at=None, next_publish_at=embargo, assets_created_at=None,
            asset_count=0, today=at.date(),
        )  # fmt: skip

    monkeypatch.setattr(queries, "public_campaign", lambda year, slug: object())
    monkeypatch.setattr(queries, "change_stamp", fake_stamp)
    before = embargo - dt.timedelta(seconds=1)

    caching.campaign_and_stamp(2027, "x", before)
    caching.campaign_and_stamp(2027, "x", before)
    caching.campaign_and_stamp(2027, "x", embargo)

    assert calls == [before, embargo]
