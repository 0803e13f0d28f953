"""Signage mode: a full-screen page for LED screens and TVs that runs unattended for days.

No JavaScript: slides rotate by CSS animation and the page reloads itself every few minutes
(``<meta http-equiv="refresh">``), so memory never grows and a dropped network recovers on the
next reload. Publication is read from ``feeds.now()`` like the feeds, so an embargoed release
reaches the screen at the same second as the website.
"""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ipweek.campaigns.models import Campaign, Theme
from ipweek.core.qr import qr_svg as core_qr_svg
from ipweek.portal import feeds

HOTLINE = "12330"
REFRESH_SECONDS = 300
HEADLINES = 3
MAX_VENUE_CHARS = 200


def slogans_for(campaign: Campaign) -> list[str]:
    """The campaign's theme, the national and World IP Day themes, then our standing slogans."""
    theme = Theme.objects.filter(year=campaign.year).first()
    candidates = [campaign.theme]
    if theme is not None:
        candidates += [theme.national_theme, theme.world_ip_day_theme_zh]
    candidates += [_("Respect knowledge, protect innovation"), _("Report infringement and counterfeits: call 12330")]
    return list(dict.fromkeys(text.strip() for text in candidates if text and text.strip()))


def qr_svg(url: str) -> str:
    """An inline SVG QR code of ``url``, drawn dark on light for any camera."""
    return core_qr_svg(url, scale=8, title=url, svgclass="signage-qr-code")


@require_safe
def signage(request: HttpRequest, year: int, region_slug: str) -> HttpResponse:
    campaign = feeds.get_public_campaign(year, region_slug)
    venue = request.GET.get("venue", "").strip()[:MAX_VENUE_CHARS]
    at = feeds.now()
    today = timezone.localdate(at)
    activities = feeds.public_activities(campaign).filter(start_date__isnull=False, start_date__lte=today)
    if venue:
        activities = activities.filter(venue__icontains=venue)
    todays = [activity for activity in activities if activity.occurs_on(today)]
    todays.sort(key=lambda a: (a.start_time is None, a.start_time or dt.time(), a.position))
    complaint_url = request.build_absolute_uri(feeds.complaint_path(campaign))
    context = {
        "campaign": campaign,
        "venue": venue,
        "today": today,
        "slogans": slogans_for(campaign),
        "activities": todays,
        "posts": feeds.public_posts(campaign, at)[:HEADLINES],
        "hotline": HOTLINE,
        "complaint_url": complaint_url,
        "qr_svg": qr_svg(complaint_url),
        "refresh_seconds": REFRESH_SECONDS,
    }
    response = render(request, "portal/signage.html", context)
    response["Cache-Control"] = "no-cache"
    return response
