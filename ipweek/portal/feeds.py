"""What the feeds, the embed widget and the signage screen publish: RSS/Atom, iCalendar, sitemap.

Everything that depends on publication reads the clock through ``now()`` once per request, so an
embargoed release appears in every feed at the same second (and tests can freeze the clock).
"""

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable
from xml.etree import ElementTree

import icalendar
from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import feedgenerator, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ipweek.campaigns.models import Activity, Campaign
from ipweek.publishing.models import Article, Post

PUBLIC_CAMPAIGN_STATUSES = (
    Campaign.Status.ISSUED,
    Campaign.Status.RUNNING,
    Campaign.Status.CLOSED,
    Campaign.Status.REPORTED,
)
FEED_LENGTH = 20
EMBED_LENGTH = 5
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

Absolute = Callable[[str], str]


def now() -> dt.datetime:
    """The publication clock of the feeds, the widget and the signage screen."""
    return timezone.now()


def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


# --- campaigns and their public pages -------------------------------------------------------


def public_campaigns() -> QuerySet[Campaign]:
    """Campaigns the public may see: issued or later, never drafts."""
    return Campaign.objects.filter(status__in=PUBLIC_CAMPAIGN_STATUSES).select_related("region")


def get_public_campaign(year: int, region_slug: str) -> Campaign:
    """The public campaign at ``/<year>/<region-slug>/``; 404 for unknown or draft campaigns."""
    return get_object_or_404(public_campaigns(), year=year, region__slug=region_slug)


def public_activities(campaign: Campaign) -> QuerySet[Activity]:
    """Confirmed activities only, as on the public pages: drafts are the office's business."""
    return campaign.activities.filter(status=Activity.Status.CONFIRMED).order_by(
        "start_date", "start_time", "position", "pk"
    )


def public_posts(campaign: Campaign, at: dt.datetime) -> QuerySet[Post]:
    """Posts of ``campaign`` that are public at ``at``, newest first."""
    return Post.objects.public(at).filter(campaign=campaign).order_by("-publish_at", "-pk")


def _portal_path(name: str, args: list[object], fallback: str) -> str:
    # The page views live beside us in the portal; their documented permanent paths are the fallback.
    try:
        return reverse(f"portal:{name}", args=args)
    except NoReverseMatch:
        return fallback


def campaign_path(campaign: Campaign, suffix: str = "") -> str:
    """A path under the campaign's permanent public address, e.g. ``/2027/shenyang/schedule/``."""
    return f"/{campaign.year}/{campaign.region.slug}/{suffix}"


def campaign_home_path(campaign: Campaign) -> str:
    return _portal_path("campaign", [campaign.year, campaign.region.slug], campaign_path(campaign))


def activity_path(activity: Activity, campaign: Campaign) -> str:
    return _portal_path(
        "activity",
        [campaign.year, campaign.region.slug, activity.pk],
        campaign_path(campaign, f"activities/{activity.pk}/"),
    )


def post_path(post: Post, campaign: Campaign) -> str:
    return _portal_path(
        "post", [campaign.year, campaign.region.slug, post.pk], campaign_path(campaign, f"news/{post.pk}/")
    )


def complaint_path(campaign: Campaign) -> str:
    return _portal_path("complaint", [campaign.year, campaign.region.slug], campaign_path(campaign, "complaint/"))


# --- RSS and Atom ---------------------------------------------------------------------------


def news_feed(
    campaign: Campaign, *, at: dt.datetime, absolute: Absolute, atom: bool = False
) -> feedgenerator.SyndicationFeed:
    """The campaign's public posts at ``at`` as an RSS 2.0 (or Atom 1.0) feed."""
    feed_class = feedgenerator.Atom1Feed if atom else feedgenerator.Rss201rev2Feed
    feed_name = "atom" if atom else "rss"
    feed = feed_class(
        title=_("%(title)s — news") % {"title": campaign.title},
        link=absolute(campaign_home_path(campaign)),
        description=campaign.theme or campaign.title,
        language="zh-cn",
        feed_url=absolute(reverse(f"portal:{feed_name}", args=[campaign.year, campaign.region.slug])),
        feed_guid=absolute(campaign_home_path(campaign)),
    )
    for post in public_posts(campaign, at)[:FEED_LENGTH]:
        link = absolute(post_path(post, campaign))
        feed.add_item(
            title=post.title,
            link=link,
            description=post.summary or Truncator(strip_tags(post.body)).chars(300),
            content=post.body or None,
            unique_id=link,
            unique_id_is_permalink=True,
            pubdate=post.publish_at,
            updateddate=max(post.publish_at, post.updated_at) if post.publish_at else post.updated_at,
            categories=[post.get_kind_display()],
        )
    return feed


# --- iCalendar ------------------------------------------------------------------------------


def _new_calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//IPWeek//Public schedule//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Always carry the zone's definition, even for a calendar of all-day events only.
    calendar.add_component(
        icalendar.Timezone.from_tzid(settings.TIME_ZONE, first_date=dt.date(2000, 1, 1), last_date=dt.date(2100, 1, 1))
    )
    return calendar


def _event_times(activity: Activity) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime | None]:
    if activity.start_date is None:
        raise ValueError(f"activity {activity.pk} has no date")
    last_date = activity.last_date or activity.start_date
    if activity.start_time is None:
        # All-day: DTEND is exclusive, the day after the last day.
        return activity.start_date, last_date + dt.timedelta(days=1)
    zone = local_zone()
    start = dt.datetime.combine(activity.start_date, activity.start_time, tzinfo=zone)
    if activity.end_time is not None:
        end = dt.datetime.combine(last_date, activity.end_time, tzinfo=zone)
    elif activity.end_date is not None and activity.end_date != activity.start_date:
        end = dt.datetime.combine(activity.end_date + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    else:
        return start, None
    return start, end if end > start else None


def activity_event(activity: Activity, campaign: Campaign, *, absolute: Absolute) -> icalendar.Event:
    """One dated activity as a VEVENT; times are local to Asia/Shanghai."""
    start, end = _event_times(activity)
    event = icalendar.Event()
    event.add("uid", f"activity-{activity.pk}-{campaign.year}-{campaign.region.slug}@ipweek")
    event.add("dtstamp", activity.updated_at)
    event.add("last-modified", activity.updated_at)
    event.add("summary", activity.title)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    if activity.venue:
        event.add("location", activity.venue)
    description = "\n".join(
        part for part in (activity.date_text, strip_tags(activity.description).strip(), campaign.title) if part
    )
    event.add("description", description)
    event.add("url", absolute(activity_path(activity, campaign)))
    event.add("categories", [activity.get_category_display()])
    if activity.status == Activity.Status.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "TENTATIVE" if activity.is_tentative else "CONFIRMED")
    return event


def schedule_calendar(campaign: Campaign, *, absolute: Absolute) -> icalendar.Calendar:
    """The campaign's dated, not cancelled activities; undated ones (宣传周期间) are left out."""
    calendar = _new_calendar(campaign.title)
    for activity in public_activities(campaign).filter(start_date__isnull=False):
        calendar.add_component(activity_event(activity, campaign, absolute=absolute))
    return calendar


def activity_calendar(campaign: Campaign, activity_id: int, *, absolute: Absolute) -> icalendar.Calendar:
    """One activity as a calendar file; 404 when it has no date to put in a calendar."""
    activity = get_object_or_404(campaign.activities, pk=activity_id)
    if not activity.is_dated:
        raise Http404(_("This activity has no date yet."))
    calendar = _new_calendar(activity.title)
    calendar.add_component(activity_event(activity, campaign, absolute=absolute))
    return calendar


# --- sitemap --------------------------------------------------------------------------------


def _sitemap_entries(at: dt.datetime) -> Iterable[tuple[str, dt.date | None]]:
    yield "/", None
    yield reverse("portal:knowledge"), None
    for article in Article.objects.filter(is_published=True).only("pk", "updated_at").order_by("pk"):
        yield reverse("portal:knowledge_article", args=[article.pk]), timezone.localdate(article.updated_at)
    for campaign in public_campaigns().order_by("-year", "region__code"):
        yield campaign_home_path(campaign), timezone.localdate(campaign.updated_at)
        for name, suffix in (("schedule", "schedule/"), ("news", "news/")):
            yield _portal_path(name, [campaign.year, campaign.region.slug], campaign_path(campaign, suffix)), None
        for activity in public_activities(campaign).only("pk", "updated_at"):
            yield activity_path(activity, campaign), timezone.localdate(activity.updated_at)
        for post in public_posts(campaign, at).only("pk", "updated_at", "publish_at"):
            yield (
                post_path(post, campaign),
                timezone.localdate(max(post.updated_at, post.publish_at or post.updated_at)),
            )


def sitemap_xml(*, at: dt.datetime, absolute: Absolute) -> bytes:
    """sitemap.xml of every public page: campaigns, their pages, public posts, the knowledge base."""
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    for path, lastmod in _sitemap_entries(at):
        url = ElementTree.SubElement(urlset, "url")
        ElementTree.SubElement(url, "loc").text = absolute(path)
        if lastmod is not None:
            ElementTree.SubElement(url, "lastmod").text = lastmod.isoformat()
    return ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
