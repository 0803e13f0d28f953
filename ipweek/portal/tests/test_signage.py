import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from ipweek.campaigns.tests.factories import ActivityFactory
from ipweek.portal import feeds
from ipweek.publishing.models import Post

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
SQUARE_DAY = dt.datetime(2027, 4, 26, 8, 0, tzinfo=SHANGHAI)


@pytest.fixture
def frozen(monkeypatch):
    def set_clock(moment):
        monkeypatch.setattr(feeds, "now", lambda: moment)

    set_clock(SQUARE_DAY)
    return set_clock


def signage_url(campaign):
    return reverse("portal:signage", args=[campaign.year, campaign.region.slug])


def test_signage_renders_qr_hotline_and_refresh(client, public_campaign, frozen):
    response = client.get(signage_url(public_campaign))

    body = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="300">' in body
    assert "<svg" in body and 'class="signage-qr-code"' in body
    assert f"http://testserver/{public_campaign.year}/{public_campaign.region.slug}/complaint/" in body
    assert "12330" in body
    assert "<script" not in body


def test_signage_shows_todays_activities_at_the_venue(client, public_campaign, frozen):
    ActivityFactory(
        status="confirmed",
        campaign=public_campaign,
        title="广场咨询日",
        start_date=dt.date(2027, 4, 26),
        venue="市民广场",
    )
    ActivityFactory(
        status="confirmed", campaign=public_campaign, title="进校园", start_date=dt.date(2027, 4, 26), venue="第一中学"
    )
    ActivityFactory(
        status="confirmed",
        campaign=public_campaign,
        title="昨天的培训",
        start_date=dt.date(2027, 4, 25),
        venue="市民广场",
    )

    response = client.get(signage_url(public_campaign), {"venue": "市民广场"})

    body = response.content.decode()
    assert "广场咨询日" in body
    assert "进校园" not in body and "昨天的培训" not in body


def test_signage_shows_embargoed_release_from_its_second(client, public_campaign, frozen):
    release_at = SQUARE_DAY + dt.timedelta(hours=2)
    Post.objects.create(
        campaign=public_campaign, title="白皮书发布", status=Post.Status.APPROVED, publish_at=release_at
    )
    frozen(release_at - dt.timedelta(seconds=1))
    before = client.get(signage_url(public_campaign)).content.decode()

    frozen(release_at)
    after = client.get(signage_url(public_campaign)).content.decode()

    assert "白皮书发布" not in before and "白皮书发布" in after


def test_signage_of_unknown_campaign_is_404(client, public_campaign):
    response = client.get(reverse("portal:signage", args=[public_campaign.year, "nowhere"]))

    assert response.status_code == 404
