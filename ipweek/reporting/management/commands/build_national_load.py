"""``ipweek build-national-load``: a synthetic national load for the rollup benchmark.

1 nation, 31 provinces, 330 cities and 2,800 counties, each a campaign organised by its own IP
office, on synthetic regions whose codes sit in the reserved range 98xxxx (GB/T 2260 has no code
starting with 98; tests use 99xxxx) and whose slugs start with ``load-``. Real regions are never
touched. Activities are spread over the campaigns (more per campaign higher up), each with one
closing report (95 % approved or published, 5 % only submitted, so they must not count) and the
figures dealt out over the reports; about 5 % of the activities below the nation are linked to an
activity of their parent campaign. Everything goes in with ``bulk_create`` in batches.

Refuses when the load exists, unless ``--replace``.
"""

import random
import time
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign, PlanItem, PlanSection
from ipweek.reporting.models import ActivityReport, Figure
from ipweek.units.models import Region, Unit

NATION_CODE = "980000"
SLUG_PREFIX = "load-"
PROVINCES, CITIES, COUNTIES = 31, 330, 2800
# Relative weight of one campaign when activities are dealt out: a province runs more than a county.
LEVEL_WEIGHTS: dict[str, int] = {
    Campaign.Level.NATION: 40,
    Campaign.Level.PROVINCE: 30,
    Campaign.Level.CITY: 25,
    Campaign.Level.COUNTY: 22,
}
LINKED_SHARE = 0.05
NOT_COUNTED_SHARE = 0.05
BATCH = 2000

PRIORITIES = [
    ("普法宣传", "宣传《专利法》《商标法》，推动“进校园”“进社区”。"),
    ("保护护航", "强化知识产权保护，开展执法维权。"),
    ("运用转化", "促进专利转化运用，服务企业创新。"),
]
TITLES = [
    "《专利法》宣讲会",
    "商标品牌培训",
    "知识产权进校园",
    "知识产权进社区",
    "执法维权专项检查",
    "专利转化运用对接会",
    "服务企业创新座谈",
    "宣传咨询活动",
    "知识竞赛",
    "新闻发布会",
]
OTHER_LABELS = ["展板", "横幅", "宣传视频"]
VALUE_SCALE: dict[str, int] = {
    Figure.Metric.ONLINE_VIEWS: 50_000,
    Figure.Metric.PARTICIPANTS: 2_000,
    Figure.Metric.MATERIALS: 3_000,
}


class Command(BaseCommand):
    help = "Build the synthetic national load (1 nation, 31 provinces, 330 cities, 2,800 counties) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--activities", type=int, default=100_000)
        parser.add_argument("--figures", type=int, default=500_000)
        parser.add_argument("--seed", type=int, default=2027)
        parser.add_argument("--year", type=int, default=2027)
        parser.add_argument("--replace", action="store_true", help="Delete an existing load first.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["activities"] < 0 or options["figures"] < 0:
            raise CommandError("--activities and --figures must not be negative.")
        started = time.perf_counter()
        if Region.objects.filter(code=NATION_CODE).exists():
            if not options["replace"]:
                raise CommandError("The national load exists already; use --replace to build it again.")
            delete_load()
        builder = LoadBuilder(random.Random(options["seed"]), options["year"])  # noqa: S311 - synthetic data, not secrets
        with transaction.atomic():
            campaigns = builder.build_tree()
            activity_count, figure_count = builder.build_activities(
                campaigns, options["activities"], options["figures"]
            )
        refresh_statistics()
        self.stdout.write(
            f"National load: {len(campaigns)} campaigns, {activity_count} activities, {figure_count} figures "
            f"in {time.perf_counter() - started:.1f} s."
        )


def refresh_statistics() -> None:
    """Fresh planner statistics, and on PostgreSQL a vacuum too: the benchmark then measures the
    queries, not the hint bits of half a million new rows or an autovacuum running alongside."""
    tables = [
        model._meta.db_table for model in (Region, Unit, Campaign, Activity, ActivityUnit, ActivityReport, Figure)
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:  # VACUUM needs autocommit
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
        else:
            cursor.execute("ANALYZE")


def delete_load() -> None:
    """Remove every row of the load (regions 98xxxx with ``load-`` slugs and all that hangs off them)."""
    regions = Region.objects.filter(code__startswith="98", slug__startswith=SLUG_PREFIX)
    campaigns = Campaign.objects.filter(region__in=regions)
    with transaction.atomic():
        Figure.objects.filter(report__activity__campaign__in=campaigns).delete()
        ActivityReport.objects.filter(activity__campaign__in=campaigns).delete()
        ActivityUnit.objects.filter(activity__campaign__in=campaigns).delete()
        Activity.objects.filter(campaign__in=campaigns).update(linked_to=None, parent=None)
        Activity.objects.filter(campaign__in=campaigns).delete()
        campaigns.update(parent=None)
        campaigns.delete()
        Unit.objects.filter(region__in=regions).delete()
        regions.update(parent=None)
        regions.delete()


def batches(items: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class LoadBuilder:
    def __init__(self, rng: random.Random, year: int) -> None:
        self.rng = rng
        self.year = year

    # --- regions, offices, campaigns ---

    def build_tree(self) -> list[Campaign]:
        """Regions, one IP office each, and a campaign each — level by level, parents first."""
        nation = self._level(Region.Level.NATION, [(NATION_CODE, "压测全国", "load-nation", None)])
        provinces = self._level(
            Region.Level.PROVINCE,
            [(f"98{p:04d}", f"压测省{p:02d}", f"load-p{p:02d}", nation[0]) for p in range(1, PROVINCES + 1)],
        )
        city_rows = []
        for c in range(CITIES):
            province_index = c % PROVINCES
            slug = f"{provinces[province_index][0].slug}-c{c + 1:03d}"
            city_rows.append(
                (
                    f"98{100 + c:04d}",
                    f"{provinces[province_index][0].name}市{c + 1:03d}",
                    slug,
                    provinces[province_index],
                )
            )
        cities = self._level(Region.Level.CITY, city_rows)
        county_rows = []
        per_city: dict[int, int] = {}
        for k in range(COUNTIES):
            city = cities[k % CITIES]
            per_city[k % CITIES] = per_city.get(k % CITIES, 0) + 1
            name = f"{city[0].name}县{per_city[k % CITIES]:02d}"
            county_rows.append((f"98{1000 + k:04d}", name, f"{city[0].slug}-k{per_city[k % CITIES]:02d}", city))
        counties = self._level(Region.Level.COUNTY, county_rows)
        campaigns = [campaign for _region, campaign in nation + provinces + cities + counties]
        self._priorities([campaign for _region, campaign in nation + provinces])
        return campaigns

    def _level(
        self, level: str, rows: Sequence[tuple[str, str, str, tuple[Region, Campaign] | None]]
    ) -> list[tuple[Region, Campaign]]:
        regions = Region.objects.bulk_create(
            [
                Region(code=code, name=name, slug=slug, level=level, parent=parent[0] if parent else None)
                for code, name, slug, parent in rows
            ]
        )
        offices = Unit.objects.bulk_create(
            [Unit(name=f"{region.name}知识产权局", kind=Unit.Kind.IP_OFFICE, region=region) for region in regions]
        )
        campaigns = Campaign.objects.bulk_create(
            [
                Campaign(
                    year=self.year,
                    level=level,
                    region=region,
                    organiser=office,
                    title=f"{self.year}年{region.name}知识产权宣传周活动方案",
                    start_date=f"{self.year}-04-20",
                    end_date=f"{self.year}-04-26",
                    status=Campaign.Status.CLOSED,
                    parent=parent[1] if parent else None,
                )
                for region, office, (_code, _name, _slug, parent) in zip(regions, offices, rows, strict=True)
            ],
            batch_size=BATCH,
        )
        return list(zip(regions, campaigns, strict=True))

    def _priorities(self, campaigns: list[Campaign]) -> None:
        sections = PlanSection.objects.bulk_create(
            [
                PlanSection(campaign=campaign, kind=PlanSection.Kind.PRIORITIES, heading="宣传重点", position=3)
                for campaign in campaigns
            ]
        )
        PlanItem.objects.bulk_create(
            [
                PlanItem(section=section, title=title, body=body, position=position)
                for section in sections
                for position, (title, body) in enumerate(PRIORITIES)
            ]
        )

    # --- activities, reports, figures ---

    def build_activities(self, campaigns: list[Campaign], activity_total: int, figure_total: int) -> tuple[int, int]:
        """Deal activities over the campaigns, then give each a closing report and its share of figures."""
        weights = [LEVEL_WEIGHTS.get(c.level, 22) for c in campaigns]
        owners = self.rng.choices(range(len(campaigns)), weights=weights, k=activity_total)
        owners.sort()  # parents come before children in ``campaigns``: linked targets exist in time
        figures_per_report = self._deal_figures(activity_total, figure_total)
        index_of = {campaign.pk: index for index, campaign in enumerate(campaigns)}
        activities_of: dict[int, list[int]] = {}
        categories = list(Activity.Category.values)
        metrics = [m for m in Figure.Metric.values if m != Figure.Metric.OTHER]
        created_figures = 0
        for batch_start in range(0, activity_total, BATCH):
            batch_owners = owners[batch_start : batch_start + BATCH]
            activities = []
            for offset, owner in enumerate(batch_owners):
                campaign = campaigns[owner]
                linked_to_id = None
                parent_activities = activities_of.get(campaign.parent_id or 0)
                if parent_activities and self.rng.random() < LINKED_SHARE:
                    linked_to_id = self.rng.choice(parent_activities)
                activities.append(
                    Activity(
                        campaign=campaign,
                        title=f"{self.rng.choice(TITLES)}（{batch_start + offset + 1}）",
                        description="宣传周期间举办。",
                        category=self.rng.choice(categories),
                        start_date=f"{self.year}-04-{self.rng.randint(20, 26)}",
                        status=Activity.Status.CONFIRMED,
                        position=batch_start + offset,
                        linked_to_id=linked_to_id,
                    )
                )
            Activity.objects.bulk_create(activities)
            for activity in activities:
                activities_of.setdefault(activity.campaign_id, []).append(activity.pk)
            ActivityUnit.objects.bulk_create(
                [
                    ActivityUnit(activity=a, unit_id=campaigns[index_of[a.campaign_id]].organiser_id, role="lead")
                    for a in activities
                ]
            )
            reports = ActivityReport.objects.bulk_create(
                [
                    ActivityReport(
                        activity=a,
                        unit_id=campaigns[index_of[a.campaign_id]].organiser_id,
                        kind=ActivityReport.Kind.CLOSING,
                        title=f"{a.title}总结",
                        status=self._report_status(),
                    )
                    for a in activities
                ]
            )
            figures = []
            for position, saved in enumerate(reports):
                count = figures_per_report[batch_start + position]
                chosen = self.rng.sample(metrics, min(count, len(metrics)))
                chosen += [Figure.Metric.OTHER] * (count - len(chosen))
                for metric in chosen:
                    scale = VALUE_SCALE.get(metric, 200)
                    figures.append(
                        Figure(
                            report=saved,
                            metric=metric,
                            label=self.rng.choice(OTHER_LABELS) if metric == Figure.Metric.OTHER else "",
                            value=Decimal(self.rng.randint(1, scale)),
                        )
                    )
            Figure.objects.bulk_create(figures, batch_size=BATCH * 2)
            created_figures += len(figures)
        return activity_total, created_figures

    def _deal_figures(self, activity_total: int, figure_total: int) -> list[int]:
        if activity_total == 0:
            return []
        base, extra = divmod(figure_total, activity_total)
        counts = [base + 1] * extra + [base] * (activity_total - extra)
        self.rng.shuffle(counts)
        return counts

    def _report_status(self) -> str:
        draw = self.rng.random()
        if draw < NOT_COUNTED_SHARE:
            return ActivityReport.Status.SUBMITTED
        return ActivityReport.Status.PUBLISHED if draw < 0.2 else ActivityReport.Status.APPROVED
