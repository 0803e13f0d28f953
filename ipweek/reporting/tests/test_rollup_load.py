"""``build_national_load`` with tiny sizes: the tree, the rows, and a rollup that agrees with SQL."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from ipweek.campaigns.models import Activity, Campaign
from ipweek.reporting.management.commands.build_national_load import NATION_CODE
from ipweek.reporting.models import ActivityReport, Figure
from ipweek.reporting.rollup import descendant_ids, rollup
from ipweek.units.models import Region, Unit

pytestmark = pytest.mark.django_db


def build(**options):
    call_command("build_national_load", activities=200, figures=1000, seed=7, stdout=None, **options)


def test_build_national_load_creates_the_expected_rows():
    build()

    levels = {level: Campaign.objects.filter(level=level).count() for level in Campaign.Level.values}
    assert levels == {"nation": 1, "province": 31, "city": 330, "county": 2800}
    assert Region.objects.filter(code__startswith="98", slug__startswith="load-").count() == 3162
    assert Unit.objects.filter(region__code__startswith="98", kind=Unit.Kind.IP_OFFICE).count() == 3162
    assert (Activity.objects.count(), ActivityReport.objects.count(), Figure.objects.count()) == (200, 200, 1000)
    assert len(descendant_ids(Campaign.objects.get(region__code=NATION_CODE))) == 3162


def test_build_national_load_refuses_to_run_twice_unless_replacing():
    build()

    with pytest.raises(CommandError):
        build()
    build(replace=True)

    assert (Campaign.objects.count(), Activity.objects.count(), Figure.objects.count()) == (3162, 200, 1000)


def test_national_rollup_of_the_load_matches_a_plain_sum():
    build()
    nation = Campaign.objects.get(region__code=NATION_CODE)
    # Every campaign is in scope, so exactly the linked activities drop out.
    expected = (
        Figure.objects.filter(
            report__kind=ActivityReport.Kind.CLOSING,
            report__status__in=[ActivityReport.Status.APPROVED, ActivityReport.Status.PUBLISHED],
            report__activity__linked_to__isnull=True,
        )
        .exclude(metric=Figure.Metric.OTHER)
        .aggregate(total=Sum("value"))["total"]
    )

    result = rollup(nation)

    assert sum(result.totals.values(), Decimal(0)) == expected
    assert sum(sum(row.totals.values(), Decimal(0)) for row in result.by_region) == expected
    assert len(result.by_region) == 32
