"""The figures of a closing report: what was counted, in which unit, and whether it is believable.

A figure counts something (participants in 人次, materials in 份, …). Every standard metric has a fixed
unit of measure so that figures from thousands of reports can be added up; only “other” figures
carry a free label and unit. Numbers are checked three ways:

- negative numbers, fractions of a count and numbers from another unit of measure are refused;
- a number beyond the hard cap (10⁹ for most metrics) is refused as absurd;
- a number beyond the ceiling for the campaign's level (a county does not reach a million
  participants) is kept but flagged ``needs_confirmation``. The reporter vouches for it with a
  checkbox before the report can be submitted, and office staff confirm it before approving.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign
from ipweek.campaigns.permissions import access_for
from ipweek.core.audit import record_audit
from ipweek.reporting.models import ActivityReport, Figure

Metric = Figure.Metric

DEFAULT_UNITS: dict[str, str] = {
    Metric.PARTICIPANTS: "人次",
    Metric.MATERIALS: "份",
    Metric.CONSULTATIONS: "人次",
    Metric.COMPLAINTS: "件",
    Metric.VIOLATION_REPORTS: "件",
    Metric.MEDIA_ITEMS: "篇",
    Metric.ONLINE_VIEWS: "次",
    Metric.TRAININGS: "场",
    Metric.TRAINEES: "人次",
    Metric.OFFICERS: "人次",
    Metric.INSPECTIONS: "家",
    Metric.SEIZED_ITEMS: "件",
    Metric.CASES: "件",
}

# What a county campaign may plausibly report in one week; higher levels multiply it (LEVEL_FACTORS).
# Beyond the ceiling a figure is flagged for confirmation, not refused: a big launch ceremony can
# really draw a crowd, but a typo of three extra zeros is far more common.
COUNTY_CEILINGS: dict[str, int] = {
    Metric.PARTICIPANTS: 1_000_000,
    Metric.MATERIALS: 500_000,
    Metric.CONSULTATIONS: 100_000,
    Metric.COMPLAINTS: 10_000,
    Metric.VIOLATION_REPORTS: 10_000,
    Metric.MEDIA_ITEMS: 5_000,
    Metric.ONLINE_VIEWS: 10_000_000,
    Metric.TRAININGS: 1_000,
    Metric.TRAINEES: 100_000,
    Metric.OFFICERS: 5_000,
    Metric.INSPECTIONS: 20_000,
    Metric.SEIZED_ITEMS: 1_000_000,
    Metric.CASES: 2_000,
}
LEVEL_FACTORS: dict[str, int] = {
    Campaign.Level.COUNTY: 1,
    Campaign.Level.CITY: 5,
    Campaign.Level.PROVINCE: 20,
    Campaign.Level.NATION: 100,
}
HARD_CAP = Decimal(10**9)
# National online campaigns do pass a billion views (微博话题阅读量); the column holds up to 10¹².
HARD_CAPS: dict[str, Decimal] = {Metric.ONLINE_VIEWS: Decimal(10**11)}
# Only free-form figures may have fractions (an amount in 万元, a rate); everything else is a count.
FRACTION_METRICS = frozenset({Metric.OTHER})
MAX_FIGURES = 40
EDITABLE_STATUSES = frozenset({ActivityReport.Status.DRAFT, ActivityReport.Status.RETURNED})


@dataclass(frozen=True)
class FigureInput:
    """One figure as the form or the API gives it. ``confirmed``: the reporter vouches for a flagged value."""

    metric: str
    value: Decimal | int | str
    label: str = ""
    unit: str = ""
    confirmed: bool = False


def default_unit(metric: str) -> str:
    return DEFAULT_UNITS.get(metric, "")


def ceiling_for(metric: str, level: str) -> int | None:
    """The value above which ``metric`` needs confirmation in a campaign of ``level``; None for “other”."""
    base = COUNTY_CEILINGS.get(metric)
    return None if base is None else base * LEVEL_FACTORS.get(level, LEVEL_FACTORS[Campaign.Level.NATION])


def hard_cap_for(metric: str) -> Decimal:
    return HARD_CAPS.get(metric, HARD_CAP)


def is_implausible(metric: str, value: Decimal, level: str) -> bool:
    ceiling = ceiling_for(metric, level)
    return ceiling is not None and value > ceiling


def _key(index: int, name: str) -> str:
    # Matches the page's formset field names (prefix "figures"), so errors land on the right input.
    return f"figures-{index}-{name}"


def _as_decimal(raw: Decimal | int | str) -> Decimal | None:
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _check_figure(index: int, item: FigureInput, level: str, errors: dict[str, list[str]]) -> Figure | None:
    def refuse(name: str, message: str) -> None:
        errors.setdefault(_key(index, name), []).append(message)

    metric = item.metric
    if metric not in Metric.values:
        refuse("metric", _("Choose what the number counts."))
        return None
    label = item.label.strip()
    unit = item.unit.strip()
    value = _as_decimal(item.value)
    if metric == Metric.OTHER and not label:
        refuse("label", _("Say what an “other” figure counts."))
    if metric != Metric.OTHER and unit and unit != default_unit(metric):
        refuse(
            "unit",
            _("Give this figure in %(unit)s so that it can be added up with other reports.")
            % {"unit": default_unit(metric)},
        )
    if value is None:
        refuse("value", _("Enter a number."))
        return None
    if value < 0:
        refuse("value", _("A figure cannot be negative."))
    elif value >= hard_cap_for(metric):
        refuse("value", _("This number is far too large to be real; check it."))
    elif metric not in FRACTION_METRICS and value != value.to_integral_value():
        refuse("value", _("This figure is a count: enter a whole number."))
    elif value != value.quantize(Decimal("0.01")):
        refuse("value", _("Use at most two decimal places."))
    if errors:
        return None
    return Figure(
        metric=metric,
        label=label if metric == Metric.OTHER else "",
        value=value.quantize(Decimal("0.01")),
        unit=unit if metric == Metric.OTHER else default_unit(metric),
        needs_confirmation=is_implausible(metric, value, level),
    )


def _check_duplicates(figures: Sequence[FigureInput], errors: dict[str, list[str]]) -> None:
    seen: set[tuple[str, str]] = set()
    for index, item in enumerate(figures):
        key = (item.metric, item.label.strip() if item.metric == Metric.OTHER else "")
        if key in seen:
            errors.setdefault(_key(index, "metric"), []).append(
                _("This figure is already listed; give one total for it.")
            )
        seen.add(key)


@transaction.atomic
def set_figures(*, report: ActivityReport, figures: Sequence[FigureInput], actor: User) -> list[Figure]:
    """Replace a draft or returned report's figures; nothing changes if any figure is refused.

    Implausible figures are saved flagged ``needs_confirmation``; those the reporter ticked as
    correct record the reporter in ``confirmed_by``. Raises the report's version and writes an audit event.
    """
    locked = ActivityReport.objects.select_for_update().select_related("activity__campaign").get(pk=report.pk)
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError({"figures": _("Figures can only be changed while the report is a draft or returned.")})
    if figures and locked.kind != ActivityReport.Kind.CLOSING:
        raise ValidationError({"figures": _("Only a closing report carries figures.")})
    if len(figures) > MAX_FIGURES:
        raise ValidationError({"figures": _("At most %(count)d figures per report.") % {"count": MAX_FIGURES}})
    level = locked.activity.campaign.level
    errors: dict[str, list[str]] = {}
    checked: list[Figure] = []
    for index, item in enumerate(figures):
        figure = _check_figure(index, item, level, errors)
        if figure is not None:
            figure.report = locked
            figure.confirmed_by = actor if (figure.needs_confirmation and item.confirmed) else None
            checked.append(figure)
    _check_duplicates(figures, errors)
    if errors:
        raise ValidationError(errors)
    locked.figures.all().delete()
    saved = Figure.objects.bulk_create(checked)
    ActivityReport.objects.filter(pk=locked.pk).update(version=F("version") + 1, updated_at=timezone.now())
    report.refresh_from_db(fields=["version", "updated_at"])
    record_audit(
        actor=actor,
        action="report.figures_set",
        obj=locked,
        campaign_id=locked.activity.campaign_id,
        figures=[[figure.metric, figure.label, str(figure.value), figure.needs_confirmation] for figure in saved],
    )
    return saved


def unconfirmed_figures(report: ActivityReport) -> list[Figure]:
    """Flagged figures nobody has vouched for yet."""
    return list(report.figures.filter(needs_confirmation=True, confirmed_by__isnull=True))


@transaction.atomic
def confirm_figure(*, figure: Figure, actor: User) -> Figure:
    """Office staff accept a flagged figure as correct; it then counts like any other. Writes an audit event."""
    report = figure.report
    campaign = report.activity.campaign
    if not access_for(actor, campaign).can_manage:
        raise PermissionDenied
    if not figure.needs_confirmation:
        raise ValidationError({"figure": _("This figure does not need confirming.")})
    figure.needs_confirmation = False
    figure.confirmed_by = actor
    figure.save(update_fields=["needs_confirmation", "confirmed_by"])
    record_audit(
        actor=actor,
        action="figure.confirmed",
        obj=figure,
        campaign_id=campaign.pk,
        report_id=report.pk,
        metric=figure.metric,
        value=str(figure.value),
    )
    return figure
