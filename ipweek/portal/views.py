"""The public special-topic site (网络专题): no login, readable permanent URLs, cached pages."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.queries import week_schedule
from ipweek.core import views as core_views
from ipweek.documents.exporters import export_plan
from ipweek.documents.render_pdf import NoFontsError
from ipweek.portal import queries
from ipweek.portal.caching import campaign_page, site_page

LATEST_NEWS = 5
PLAN_PDF_MAX_AGE = 300
OSM_SEARCH = "https://www.openstreetmap.org/search"


def _desk_hours() -> str:
    return _("Weekdays 8:30–17:30")


@dataclass
class Countdown:
    state: str  # "before", "today" or "after"
    days: int
    text: str


def countdown_to_ip_day(campaign: Campaign, today: dt.date) -> Countdown:
    """Days until 26 April of the campaign's year, computed on the server (no JavaScript)."""
    ip_day = dt.date(campaign.year, 4, 26)
    days = (ip_day - today).days
    if days > 0:
        text = ngettext("%(days)d day to World IP Day (26 April)", "%(days)d days to World IP Day (26 April)", days) % {
            "days": days
        }
        return Countdown("before", days, text)
    if days == 0:
        return Countdown("today", 0, _("Today is World IP Day (26 April)"))
    return Countdown("after", days, _("World IP Day (26 April) is over"))


def _campaign_context(campaign: Campaign, **extra: object) -> dict[str, object]:
    return {"campaign": campaign, "hotline": queries.HOTLINE, "desk_hours": _desk_hours(), **extra}


@require_GET
@site_page
def site_home(request: HttpRequest, at: dt.datetime) -> HttpResponse:
    year = queries.site_home_year(timezone.localdate(at))
    groups = queries.campaigns_by_level(queries.campaigns_of_year(year)) if year else []
    return render(
        request,
        "portal/site_home.html",
        {"year": year, "groups": groups, "hotline": queries.HOTLINE, "desk_hours": _desk_hours()},
    )


@require_GET
@site_page
def archive(request: HttpRequest, at: dt.datetime) -> HttpResponse:
    return render(request, "portal/archive.html", {"years": queries.archive_by_year(), "hotline": queries.HOTLINE})


@require_GET
@campaign_page
def campaign_home(request: HttpRequest, campaign: Campaign, at: dt.datetime) -> HttpResponse:
    posts = queries.public_posts(campaign, at)
    context = _campaign_context(
        campaign,
        section="home",
        countdown=countdown_to_ip_day(campaign, timezone.localdate(at)),
        highlights=list(posts.filter(is_highlight=True)[:3]),
        latest_news=list(posts[:LATEST_NEWS]),
    )
    return render(request, "portal/campaign_home.html", context)


@dataclass
class ScheduleFilters:
    category: str = ""
    district: str = ""
    day: dt.date | None = None

    @property
    def is_active(self) -> bool:
        return bool(self.category or self.district or self.day)


def _schedule_filters(request: HttpRequest, district_slugs: set[str]) -> tuple[ScheduleFilters, list[str]]:
    """Valid filters from the query string; each malformed value is dropped with a notice."""
    filters, notices = ScheduleFilters(), []
    category = request.GET.get("category", "").strip()
    if category:
        if category in Activity.Category.values:
            filters.category = category
        else:
            notices.append(_("The category filter was not understood and has been ignored."))
    district = request.GET.get("district", "").strip()
    if district:
        if district in district_slugs:
            filters.district = district
        else:
            notices.append(_("The district filter was not understood and has been ignored."))
    day = request.GET.get("day", "").strip()
    if day:
        try:
            filters.day = dt.date.fromisoformat(day)
        except ValueError:
            notices.append(_("The date filter was not understood (use YYYY-MM-DD) and has been ignored."))
    return filters, notices


@require_GET
@campaign_page
def schedule(request: HttpRequest, campaign: Campaign, at: dt.datetime) -> HttpResponse:
    districts = queries.district_regions(campaign)
    filters, notices = _schedule_filters(request, {region.slug for region in districts})
    activities = queries.public_activities(campaign)
    if filters.category:
        activities = activities.filter(category=filters.category)
    if filters.district:
        activities = activities.filter(campaign__region__slug=filters.district)
    shown = list(activities)
    if filters.day:
        shown = [activity for activity in shown if activity.occurs_on(filters.day)]
    context = _campaign_context(
        campaign,
        section="schedule",
        schedule=week_schedule(campaign, shown),
        activity_count=len(shown),
        filters=filters,
        notices=notices,
        categories=Activity.Category.choices,
        districts=districts,
    )
    return render(request, "portal/schedule.html", context)


@require_GET
@campaign_page
def activity_detail(request: HttpRequest, campaign: Campaign, at: dt.datetime, activity_id: int) -> HttpResponse:
    activity = queries.public_activity(campaign, activity_id)
    roles = list(activity.unit_roles.all())
    context = _campaign_context(
        campaign,
        section="schedule",
        activity=activity,
        leads=[r.unit for r in roles if r.role == ActivityUnit.Role.LEAD],
        co_organisers=[r.unit for r in roles if r.role == ActivityUnit.Role.CO_ORGANISER],
        supporters=[r.unit for r in roles if r.role == ActivityUnit.Role.SUPPORTING],
        map_url=f"{OSM_SEARCH}?{urlencode({'query': activity.venue})}" if activity.venue else "",
        ics_url=f"/{campaign.year}/{campaign.region.slug}/activities/{activity.pk}.ics",
        is_other_campaign=activity.campaign_id != campaign.pk,
    )
    return render(request, "portal/activity.html", context)


@require_GET
@campaign_page
def news_list(request: HttpRequest, campaign: Campaign, at: dt.datetime) -> HttpResponse:
    context = _campaign_context(campaign, section="news", posts=list(queries.public_posts(campaign, at)))
    return render(request, "portal/news_list.html", context)


@require_GET
@campaign_page
def news_detail(request: HttpRequest, campaign: Campaign, at: dt.datetime, post_id: int) -> HttpResponse:
    post = queries.public_post(campaign, post_id, at)
    return render(request, "portal/news_detail.html", _campaign_context(campaign, section="news", post=post))


@require_GET
@campaign_page
def downloads(request: HttpRequest, campaign: Campaign, at: dt.datetime) -> HttpResponse:
    context = _campaign_context(campaign, section="downloads", assets=list(queries.released_assets(campaign, at)))
    return render(request, "portal/downloads.html", context)


@require_GET
def plan_pdf(request: HttpRequest, year: int, region_slug: str) -> HttpResponse:
    """The plan as PDF, generated on request; browsers and proxies may keep it a few minutes."""
    campaign = queries.public_campaign(year, region_slug)
    try:
        content, content_type, filename = export_plan(campaign, "pdf")
    except NoFontsError:
        context = _campaign_context(campaign, section="downloads", assets=[], pdf_unavailable=True)
        return render(request, "portal/downloads.html", context, status=503)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = f"max-age={PLAN_PDF_MAX_AGE}"
    return response


# The public pages are cached for everyone, so they carry no CSRF token. Their display switches
# post here instead; switching language or type size on someone's behalf does no harm.
@csrf_exempt
@require_POST
def switch_large_type(request: HttpRequest) -> HttpResponse:
    return core_views.large_type(request)


@csrf_exempt
@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    return django_set_language(request)
