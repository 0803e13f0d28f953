"""Conditional GET and a page cache for the public site, invalidated by content, not by time.

Every request reads a cheap change stamp (one query) first. The ETag and the cache key are
derived from it, so an edit, a withdrawal or an embargo that ends changes both at once: a
scheduled post never shows early, whatever the cache holds. ``Cache-Control: max-age`` is at
most a minute and never reaches past the next scheduled publication.
"""

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from ipweek.campaigns.models import Campaign
from ipweek.portal import queries

MAX_AGE = 60
PAGE_TTL = 600  # seconds an unused rendered page stays in the cache; stale stamps simply age out

CampaignView = Callable[..., HttpResponse]


def max_age_until(next_change: dt.datetime | None, at: dt.datetime) -> int:
    """At most a minute, and never past the next scheduled publication."""
    if next_change is None:
        return MAX_AGE
    return max(0, min(MAX_AGE, int((next_change - at).total_seconds())))


def _variant(request: HttpRequest) -> str:
    is_large_type = bool(request.session.get("large_type", False))
    return f"{translation.get_language()}|{int(is_large_type)}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def serve_cached(
    request: HttpRequest,
    *,
    token: str,
    last_modified: dt.datetime | None,
    max_age: int,
    render: Callable[[], HttpResponse],
) -> HttpResponse:
    """Answer 304 when the client's copy is current, else a cached or freshly rendered page."""
    variant = _variant(request)
    path = request.get_full_path()
    etag = f'"{_digest(token, variant, path)}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        key = f"portal:page:{_digest(path, variant, token)}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
        else:
            response = render()
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, (response.content, response["Content-Type"]), PAGE_TTL)
    if response.status_code in (200, 304):
        response["ETag"] = etag
        if last_modified:
            response["Last-Modified"] = http_date(timestamp)
        patch_cache_control(response, max_age=max_age)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def campaign_and_stamp(year: int, region_slug: str, at: dt.datetime) -> tuple[Campaign, "queries.ChangeStamp"]:
    """The public campaign and its change stamp, remembered for ``IPWEEK_PORTAL_STAMP_SECONDS``.

    At 4·26 peak the stamp query, not the page, is the cost of a cached page; remembering it for a
    second makes a cached page nearly free. An edit shows within that second. An embargo is exact
    all the same: a remembered stamp is never used at or after its ``next_publish_at``.
    """
    seconds = settings.IPWEEK_PORTAL_STAMP_SECONDS
    key = f"portal:stamp:{year}:{region_slug}"
    remembered = cache.get(key) if seconds > 0 else None
    if remembered is not None:
        campaign, stamp = remembered
        if stamp.next_publish_at is None or at < stamp.next_publish_at:
            return campaign, stamp
    campaign = queries.public_campaign(year, region_slug)
    stamp = queries.change_stamp(campaign, at)
    if seconds > 0:
        cache.set(key, (campaign, stamp), seconds)
    return campaign, stamp


def campaign_page(view: CampaignView) -> CampaignView:
    """Resolve the public campaign (404 otherwise) and serve the view's page through the cache.

    The view is called as ``view(request, campaign=…, at=…, **kwargs)``.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, year: int, region_slug: str, **kwargs: Any) -> HttpResponse:
        at = queries.now()
        campaign, stamp = campaign_and_stamp(year, region_slug, at)
        return serve_cached(
            request,
            token=stamp.token,
            last_modified=stamp.last_modified,
            max_age=max_age_until(stamp.next_publish_at, at),
            render=lambda: view(request, campaign=campaign, at=at, **kwargs),
        )

    return wrapper


def site_page(view: CampaignView) -> CampaignView:
    """Serve a site-wide page (home, archive) through the cache; called as ``view(request, at=…)``."""

    @wraps(view)
    def wrapper(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        at = queries.now()
        return serve_cached(
            request,
            token=queries.site_stamp(at),
            last_modified=None,
            max_age=MAX_AGE,
            render=lambda: view(request, at=at, **kwargs),
        )

    return wrapper
