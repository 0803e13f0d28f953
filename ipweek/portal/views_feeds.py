"""Feeds and integration: RSS/Atom, iCalendar, sitemap.xml and the embed widget."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from ipweek.portal import feeds


def _absolute(request: HttpRequest) -> feeds.Absolute:
    return request.build_absolute_uri


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def rss(request: HttpRequest, year: int, region_slug: str) -> HttpResponse:
    campaign = feeds.get_public_campaign(year, region_slug)
    feed = feeds.news_feed(campaign, at=feeds.now(), absolute=_absolute(request))
    return HttpResponse(feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8")


@require_safe
def atom(request: HttpRequest, year: int, region_slug: str) -> HttpResponse:
    campaign = feeds.get_public_campaign(year, region_slug)
    feed = feeds.news_feed(campaign, at=feeds.now(), absolute=_absolute(request), atom=True)
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")


@require_safe
def schedule_ical(request: HttpRequest, year: int, region_slug: str) -> HttpResponse:
    campaign = feeds.get_public_campaign(year, region_slug)
    calendar = feeds.schedule_calendar(campaign, absolute=_absolute(request))
    return _calendar_response(calendar.to_ical(), f"ipweek-{year}-{region_slug}.ics")


@require_safe
def activity_ical(request: HttpRequest, year: int, region_slug: str, activity_id: int) -> HttpResponse:
    campaign = feeds.get_public_campaign(year, region_slug)
    calendar = feeds.activity_calendar(campaign, activity_id, absolute=_absolute(request))
    return _calendar_response(calendar.to_ical(), f"ipweek-activity-{activity_id}.ics")


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    body = feeds.sitemap_xml(at=feeds.now(), absolute=_absolute(request))
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_safe
@xframe_options_exempt  # the office's main website shows this widget in an iframe; only this view
def embed(request: HttpRequest, year: int, region_slug: str) -> HttpResponse:
    campaign = feeds.get_public_campaign(year, region_slug)
    absolute = _absolute(request)
    posts = [
        (post, absolute(feeds.post_path(post, campaign)))
        for post in feeds.public_posts(campaign, feeds.now())[: feeds.EMBED_LENGTH]
    ]
    context = {
        "campaign": campaign,
        "home_url": absolute(feeds.campaign_home_path(campaign)),
        "posts": posts,
    }
    return render(request, "portal/embed.html", context)
