"""Reads of the public site: what a citizen may see of a campaign at a given moment.

Only issued, running, closed or reported campaigns are public; only confirmed activities; only
posts that are public at ``now()``. The clock comes from :func:`now` so that tests can move it.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Aggregate, Count, Max, Min, Prefetch, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.utils import timezone

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.publishing.models import Asset, Post
from ipweek.units.models import Region

PUBLIC_STATUSES = (
    Campaign.Status.ISSUED,
    Campaign.Status.RUNNING,
    Campaign.Status.CLOSED,
    Campaign.Status.REPORTED,
)
LEVEL_ORDER = [Campaign.Level.NATION, Campaign.Level.PROVINCE, Campaign.Level.CITY, Campaign.Level.COUNTY]
HOTLINE = "12330"


def now() -> dt.datetime:
    """The public site's clock; tests monkeypatch this to freeze or move time."""
    return timezone.now()


def public_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.filter(status__in=PUBLIC_STATUSES).select_related("region")


def public_campaign(year: int, region_slug: str) -> Campaign:
    """The public campaign of one year and region, or Http404 (drafts included)."""
    try:
        return public_campaigns().select_related("organiser").get(year=year, region__slug=region_slug)
    except Campaign.DoesNotExist:
        raise Http404("no public campaign at this address") from None


@dataclass
class LevelGroup:
    level: str
    label: str
    campaigns: list[Campaign]


def campaigns_by_level(campaigns: Iterable[Campaign]) -> list[LevelGroup]:
    """Campaigns grouped nation → province → city → county, empty levels left out."""
    by_level: dict[str, list[Campaign]] = {}
    for campaign in campaigns:
        by_level.setdefault(campaign.level, []).append(campaign)
    return [
        LevelGroup(level.value, str(level.label), by_level[level.value])
        for level in LEVEL_ORDER
        if level.value in by_level
    ]


def site_home_year(today: dt.date) -> int | None:
    """This year if it has a public campaign, else the latest year that has one."""
    years = set(public_campaigns().values_list("year", flat=True))
    if not years:
        return None
    return today.year if today.year in years else max(years)


def campaigns_of_year(year: int) -> QuerySet[Campaign]:
    return public_campaigns().filter(year=year).order_by("region__code")


def archive_by_year() -> list[tuple[int, list[LevelGroup]]]:
    """Every public campaign of every year, newest year first, grouped by level."""
    years: dict[int, list[Campaign]] = {}
    for campaign in public_campaigns().order_by("-year", "region__code"):
        years.setdefault(campaign.year, []).append(campaign)
    return [(year, campaigns_by_level(campaigns)) for year, campaigns in years.items()]


def public_activities(campaign: Campaign) -> QuerySet[Activity]:
    """Confirmed activities of the campaign and of its public child campaigns, ready to render."""
    return (
        Activity.objects.filter(
            Q(campaign=campaign) | Q(campaign__parent=campaign, campaign__status__in=PUBLIC_STATUSES),
            status=Activity.Status.CONFIRMED,
        )
        .select_related("campaign__region")
        .prefetch_related(Prefetch("unit_roles", queryset=ActivityUnit.objects.select_related("unit")))
        .order_by("start_date", "start_time", "campaign__region__code", "position", "pk")
    )


def public_activity(campaign: Campaign, activity_id: int) -> Activity:
    try:
        return public_activities(campaign).get(pk=activity_id)
    except Activity.DoesNotExist:
        raise Http404("no public activity with this id") from None


def district_regions(campaign: Campaign) -> list[Region]:
    """The regions of the campaign's public child campaigns, for the district filter."""
    return list(
        Region.objects.filter(campaigns__parent=campaign, campaigns__status__in=PUBLIC_STATUSES)
        .distinct()
        .order_by("code")
    )


def public_posts(campaign: Campaign, at: dt.datetime) -> QuerySet[Post]:
    return Post.objects.public(at).filter(campaign=campaign)


def public_post(campaign: Campaign, post_id: int, at: dt.datetime) -> Post:
    """A post that is public at ``at``; an embargoed one is a 404 like any unknown id."""
    try:
        return public_posts(campaign, at).get(pk=post_id)
    except Post.DoesNotExist:
        raise Http404("no public post with this id") from None


def released_assets(campaign: Campaign, at: dt.datetime) -> QuerySet[Asset]:
    """Files of the campaign that are free to download: without a post, or with a public one."""
    return Asset.objects.filter(campaign=campaign).filter(
        Q(post__isnull=True) | Q(post__in=Post.objects.public(at).values("pk"))
    )


@dataclass(frozen=True)
class ChangeStamp:
    """What a campaign's public pages depend on, read in one query."""

    campaign_updated_at: dt.datetime
    activities_updated_at: dt.datetime | None
    activity_count: int
    posts_updated_at: dt.datetime | None
    public_post_count: int
    last_published_at: dt.datetime | None
    next_publish_at: dt.datetime | None
    assets_created_at: dt.datetime | None
    asset_count: int
    today: dt.date

    @property
    def last_modified(self) -> dt.datetime:
        moments = [
            self.campaign_updated_at,
            self.activities_updated_at,
            self.posts_updated_at,
            self.last_published_at,
            self.assets_created_at,
        ]
        return max(moment for moment in moments if moment is not None)

    @property
    def token(self) -> str:
        return "|".join(
            str(part)
            for part in (
                self.campaign_updated_at.isoformat(),
                self.activities_updated_at and self.activities_updated_at.isoformat(),
                self.activity_count,
                self.posts_updated_at and self.posts_updated_at.isoformat(),
                self.public_post_count,
                self.last_published_at and self.last_published_at.isoformat(),
                self.next_publish_at and self.next_publish_at.isoformat(),
                self.assets_created_at and self.assets_created_at.isoformat(),
                self.asset_count,
                self.today.isoformat(),
            )
        )


def _aggregate(queryset: QuerySet, aggregate: Aggregate) -> Subquery:
    # One value over the whole queryset, as a subquery: group every row under one constant.
    return Subquery(
        queryset.order_by().annotate(whole=Value(1)).values("whole").annotate(result=aggregate).values("result")[:1]
    )


def change_stamp(campaign: Campaign, at: dt.datetime) -> ChangeStamp:
    """The last change to anything a campaign's public pages show, and the next scheduled one.

    Posts count by their updated_at whatever their status, so a withdrawal changes the stamp too;
    the next publish_at after ``at`` tells caches when an embargo ends.
    """
    activities = Activity.objects.filter(
        Q(campaign=campaign) | Q(campaign__parent=campaign, campaign__status__in=PUBLIC_STATUSES)
    )
    posts = Post.objects.filter(campaign=campaign)
    approved = posts.filter(status=Post.Status.APPROVED)
    row = (
        Campaign.objects.filter(pk=campaign.pk)
        .annotate(
            activities_updated_at=_aggregate(activities, Max("updated_at")),
            activity_count=_aggregate(activities, Count("pk")),
            posts_updated_at=_aggregate(posts, Max("updated_at")),
            public_post_count=_aggregate(approved.filter(publish_at__lte=at), Count("pk")),
            last_published_at=_aggregate(approved.filter(publish_at__lte=at), Max("publish_at")),
            next_publish_at=_aggregate(approved.filter(publish_at__gt=at), Min("publish_at")),
            assets_created_at=_aggregate(Asset.objects.filter(campaign=campaign), Max("created_at")),
            asset_count=_aggregate(Asset.objects.filter(campaign=campaign), Count("pk")),
        )
        .values(
            "updated_at",
            "activities_updated_at",
            "activity_count",
            "posts_updated_at",
            "public_post_count",
            "last_published_at",
            "next_publish_at",
            "assets_created_at",
            "asset_count",
        )
        .get()
    )
    return ChangeStamp(
        campaign_updated_at=row["updated_at"],
        activities_updated_at=row["activities_updated_at"],
        activity_count=row["activity_count"] or 0,
        posts_updated_at=row["posts_updated_at"],
        public_post_count=row["public_post_count"] or 0,
        last_published_at=row["last_published_at"],
        next_publish_at=row["next_publish_at"],
        assets_created_at=row["assets_created_at"],
        asset_count=row["asset_count"] or 0,
        today=timezone.localdate(at),
    )


def site_stamp(at: dt.datetime) -> str:
    """The last change to the list of public campaigns (site home and archive)."""
    row = public_campaigns().aggregate(last=Max("updated_at"), count=Count("pk"))
    last = row["last"].isoformat() if row["last"] else "-"
    return f"{last}|{row['count']}|{timezone.localdate(at).isoformat()}"
