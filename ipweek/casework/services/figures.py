"""Counts from casework flow into the activity's closing report, so nobody types them twice.

Desk entries and inspections are counted where they happen; :func:`push_figures` writes those counts
into the unit's closing report for the activity as ordinary :class:`~ipweek.reporting.models.Figure`
rows (creating a draft report when there is none yet). Only figures of the metrics passed are
touched, and only while the report is still editable: once a unit has submitted its report, its
figures are the unit's word and casework leaves them alone (the caller is told).
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F

from ipweek.campaigns.models import Activity
from ipweek.reporting.models import ActivityReport, Figure
from ipweek.reporting.services.figures import EDITABLE_STATUSES, default_unit, is_implausible
from ipweek.units.models import Unit


def push_figures(*, activity: Activity, unit: Unit, values: dict[str, int], title: str) -> ActivityReport | None:
    """Set ``values`` (metric → count) on the unit's editable closing report; None if it is no longer editable."""
    with transaction.atomic():
        report = _closing_report(activity, unit, title)
        if report.status not in EDITABLE_STATUSES:
            return None
        level = activity.campaign.level
        for metric, count in values.items():
            value = Decimal(max(0, int(count)))
            Figure.objects.update_or_create(
                report=report,
                metric=metric,
                label="",
                defaults={
                    "value": value,
                    "unit": default_unit(metric),
                    "needs_confirmation": is_implausible(metric, value, level),
                },
            )
        ActivityReport.objects.filter(pk=report.pk).update(version=F("version") + 1)
    return report


def _closing_report(activity: Activity, unit: Unit, title: str) -> ActivityReport:
    """The unit's closing report, locked; a new draft if there is none (one per unit: a database constraint)."""
    closing = ActivityReport.objects.select_for_update().filter(
        activity=activity, unit=unit, kind=ActivityReport.Kind.CLOSING
    )
    report = closing.first()
    if report is not None:
        return report
    try:
        with transaction.atomic():
            return ActivityReport.objects.create(
                activity=activity, unit=unit, kind=ActivityReport.Kind.CLOSING, title=title[:200]
            )
    except IntegrityError:  # the unit's liaison created it a moment ago
        return closing.get()
