"""The numbers the end-of-week summary and its workbook quote, taken from the rollup.

A thin layer over :func:`ipweek.reporting.rollup.rollup`, which decides what counts (approved or
published closing reports; an activity linked to one above it counted once). It adds what the
summary needs besides: this level apart from the levels below, and free-form figures with their
units of measure.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from ipweek.campaigns.models import Campaign
from ipweek.reporting.models import Figure
from ipweek.reporting.rollup import BreakdownRow, Rollup, Totals, counted_figures, rollup


@dataclass(frozen=True)
class ExtraFigure:
    """A free-form figure (metric “other”), summed by its label and unit."""

    label: str
    unit: str
    value: Decimal


@dataclass(frozen=True)
class SummaryFigures:
    """The rollup of a campaign and everything below it, split into this level and the levels below."""

    rollup: Rollup
    own: BreakdownRow
    children: list[BreakdownRow]
    child_level: str | None
    extras: list[ExtraFigure]

    @property
    def total(self) -> Totals:
        return self.rollup.totals

    @property
    def lower_levels(self) -> Totals:
        """What the levels below add to this campaign's own figures."""
        lower: Totals = defaultdict(Decimal)
        for child in self.children:
            for metric, value in child.totals.items():
                lower[metric] += value
        return {metric: value for metric, value in lower.items() if value}

    @property
    def lower_level_activity_count(self) -> int:
        return sum(child.activity_count for child in self.children)


def summary_figures(campaign: Campaign) -> SummaryFigures:
    """The figures of ``campaign`` for its summary; a fixed number of queries."""
    rolled_up = rollup(campaign, include_descendants=True)
    rows = {row.key: row for row in rolled_up.by_region}
    own = rows.pop(str(campaign.pk))
    return SummaryFigures(
        rollup=rolled_up,
        own=own,
        children=list(rows.values()),
        child_level=campaign.children.values_list("level", flat=True).order_by("pk").first() if rows else None,
        extras=_extras(rolled_up.campaign_ids),
    )


def _extras(scope_ids: list[int]) -> list[ExtraFigure]:
    rows = (
        counted_figures(scope_ids)
        .filter(metric=Figure.Metric.OTHER)
        .values("label", "unit")
        .annotate(total=Sum("value"))
        .order_by("label", "unit")
    )
    summed: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in rows:
        summed[(row["label"].strip() or "其他", row["unit"].strip())] += row["total"] or Decimal(0)
    return [ExtraFigure(label, unit, value) for (label, unit), value in summed.items() if value]
