"""The desk at a square event: quick consultation entries, taken on a tablet that may be offline.

Who records, and for whom: every entry is recorded on behalf of one unit (``DeskEntry.unit``),
because desk counts end up in that unit's closing report. A caseworker of the campaign's intake
office records for that office, whether or not it is listed among the activity's units (it staffs
the 12330 desk). A liaison or office staff member records for their own unit when that unit takes
part in the activity (any :class:`~ipweek.campaigns.models.ActivityUnit` role). Nobody else may use
the desk, readers included: there is nothing at a desk to read that the reports do not show.

The browser keeps entries in a queue first and sends them in batches; each entry carries a key the
browser made up, so a batch sent twice (the answer was lost on a flaky network) records nothing
twice. After each batch the desk's counts are written into the unit's closing report.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity
from ipweek.casework.models import Case, DeskEntry
from ipweek.casework.models.cases import IpType
from ipweek.casework.permissions import casework_access
from ipweek.casework.services.figures import push_figures
from ipweek.casework.services.intake import IntakeResult, office_for_campaign, submit_case
from ipweek.core.audit import record_audit
from ipweek.reporting.models import ActivityReport
from ipweek.reporting.services.figures import EDITABLE_STATUSES
from ipweek.units.models import Membership, Unit

MAX_BATCH = 200
DAYS_BACK = 30
AHEAD = dt.timedelta(days=1)
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
Outcome = DeskEntry.Outcome
# A "case opened" entry is made by the case form, with its case; the quick form cannot claim one.
QUICK_OUTCOMES = (Outcome.ANSWERED, Outcome.REFERRED, Outcome.FOLLOW_UP)
DESK_ROLES = (Membership.Role.UNIT_LIAISON, Membership.Role.OFFICE_STAFF)


@dataclass(frozen=True)
class DeskAccess:
    """The units a user records for at one activity's desk; no units means no desk."""

    activity: Activity
    office: Unit | None = None
    units: tuple[Unit, ...] = ()
    is_caseworker: bool = False

    @property
    def allowed(self) -> bool:
        return bool(self.units)

    @property
    def unit_ids(self) -> list[int]:
        return [unit.pk for unit in self.units]

    def unit(self, unit_id: object = None) -> Unit:
        """The unit with ``unit_id`` if the user records for it, else the first one."""
        return next((unit for unit in self.units if str(unit.pk) == str(unit_id)), self.units[0])


@dataclass
class SyncResult:
    accepted: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    figures_locked: bool = False


def desk_access(user: User, activity: Activity) -> DeskAccess:
    """Who may record at ``activity``'s desk, and for which units (see the module docstring)."""
    if not user.is_authenticated or activity.status == Activity.Status.CANCELLED:
        return DeskAccess(activity)
    office = office_for_campaign(activity.campaign)
    is_caseworker = casework_access(user).can_handle(office.pk)
    units: list[Unit] = [office] if is_caseworker else []
    roles = activity.unit_roles.select_related("unit").order_by("position", "pk")
    taking_part = {role.unit_id: role.unit for role in roles}
    own = set(
        Membership.objects.filter(
            user=user, campaign_id=activity.campaign_id, role__in=DESK_ROLES, unit_id__in=taking_part
        ).values_list("unit_id", flat=True)
    )
    units += [unit for unit_id, unit in taking_part.items() if unit_id in own and unit_id != office.pk]
    if office.pk in own and not is_caseworker:
        units.insert(0, office)
    return DeskAccess(activity, office=office, units=tuple(units), is_caseworker=is_caseworker)


def clean_entry(raw: dict[str, Any], *, now: dt.datetime) -> dict[str, Any]:
    """Check one entry sent by the browser; a ValidationError names each wrong field in Chinese."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    choices: dict[str, list[str]] = {
        "topic": DeskEntry.Topic.values,
        "ip_type": IpType.values,
        "outcome": list(QUICK_OUTCOMES),
    }
    for name, allowed in choices.items():
        value = str(raw.get(name) or "")
        if value not in allowed:
            errors[name] = [_("Choose one of the options.")]
        cleaned[name] = value
    for name, limit in (("note", 300), ("contact", 100)):
        value = " ".join(str(raw.get(name) or "").split())
        if len(value) > limit:
            errors[name] = [_("At most %(limit)d characters.") % {"limit": limit}]
        cleaned[name] = value
    recorded_at = _parse_time(raw.get("recorded_at"))
    if recorded_at is None:
        errors["recorded_at"] = [_("The time of the entry is missing or unreadable.")]
    elif recorded_at > now + AHEAD:
        errors["recorded_at"] = [_("The time of the entry lies in the future; check the tablet's clock.")]
    elif recorded_at < now - dt.timedelta(days=DAYS_BACK):
        errors["recorded_at"] = [_("The entry is more than %(days)d days old.") % {"days": DAYS_BACK}]
    cleaned["recorded_at"] = recorded_at
    if errors:
        raise ValidationError(errors)
    return cleaned


def _parse_time(value: object) -> dt.datetime | None:
    try:
        parsed = parse_datetime(str(value or ""))
    except ValueError:
        return None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def record_entries(*, desk: DeskAccess, entries: list[Any], actor: User, now: dt.datetime | None = None) -> SyncResult:
    """Store each new entry once (upsert by its key), then write the desk's counts into the reports.

    A key already stored for this activity is accepted again with the same id; each invalid entry
    is reported by key and stores nothing; the valid ones are kept whatever the others do.
    """
    now = now or timezone.now()
    result = SyncResult()
    keys = [str(raw.get("key")) for raw in entries if isinstance(raw, dict)]
    known = {
        key: (pk, activity_id)
        for key, pk, activity_id in DeskEntry.objects.filter(client_key__in=keys).values_list(
            "client_key", "pk", "activity_id"
        )
    }
    touched: set[int] = set()
    for raw in entries:
        key, problem = _check_key(raw, known, desk.activity)
        if problem:
            result.failed.append((key, problem))
        elif key in known:
            result.accepted.append((key, known[key][0]))
        else:
            _store_one(desk, raw, key, actor, now, result, touched)
    if touched:
        record_audit(
            actor=actor, action="desk.synced", obj=desk.activity, campaign_id=desk.activity.campaign_id,
            entries=len(result.accepted), failed=len(result.failed),
        )  # fmt: skip
    locked = [not push_desk_figures(activity=desk.activity, unit=desk.unit(pk)) for pk in sorted(touched)]
    result.figures_locked = any(locked) or (not touched and figures_locked(desk))
    return result


def _check_key(
    raw: Any, known: dict[str, tuple[int, int]], activity: Activity
) -> tuple[str, dict[str, list[str]] | None]:
    if not isinstance(raw, dict):
        return "", {"key": [_("The entry could not be read.")]}
    key = str(raw.get("key") or "")[:64]
    if not KEY_PATTERN.match(key):
        return key, {"key": [_("The entry has no valid key.")]}
    if key in known and known[key][1] != activity.pk:
        return key, {"key": [_("This key belongs to another desk.")]}
    return key, None


def _store_one(
    desk: DeskAccess, raw: dict[str, Any], key: str, actor: User, now: dt.datetime, result: SyncResult, touched: set
) -> None:
    try:
        cleaned = clean_entry(raw, now=now)
    except ValidationError as error:
        result.failed.append((key, error.message_dict))
        return
    unit = desk.unit(raw.get("unit"))
    try:
        with transaction.atomic():
            entry = DeskEntry.objects.create(
                activity=desk.activity, unit=unit, client_key=key, recorded_by=actor, synced_at=now, **cleaned
            )
    except IntegrityError:  # the same key arrived through a parallel request a moment earlier
        existing = DeskEntry.objects.filter(client_key=key, activity=desk.activity).values_list("pk", flat=True)
        if not existing:
            result.failed.append((key, {"key": [_("This key belongs to another desk.")]}))
            return
        result.accepted.append((key, existing[0]))
        return
    result.accepted.append((key, entry.pk))
    touched.add(unit.pk)


def desk_figures(activity: Activity, unit: Unit) -> dict[str, int]:
    """What the unit's desk counted: consultations, and the complaints and reports it opened as cases."""
    opened = Case.objects.filter(activity=activity, desk_entries__unit=unit, desk_entries__activity=activity)
    return {
        "consultations": DeskEntry.objects.filter(activity=activity, unit=unit).count(),
        "complaints": opened.filter(kind=Case.Kind.COMPLAINT).distinct().count(),
        "violation_reports": opened.filter(kind=Case.Kind.REPORT).distinct().count(),
    }


def push_desk_figures(*, activity: Activity, unit: Unit) -> bool:
    """Write the desk's counts into the unit's closing report; False once that report is submitted."""
    report = push_figures(
        activity=activity, unit=unit, values=desk_figures(activity, unit), title=f"{activity.title}现场咨询台记录"
    )
    return report is not None


def figures_locked(desk: DeskAccess) -> bool:
    """Whether a closing report of one of the desk's units no longer takes desk counts."""
    return (
        ActivityReport.objects.filter(
            activity=desk.activity, unit_id__in=desk.unit_ids, kind=ActivityReport.Kind.CLOSING
        )
        .exclude(status__in=EDITABLE_STATUSES)
        .exists()
    )


def open_desk_case(
    *, desk: DeskAccess, unit: Unit, actor: User, kind: str, topic: str, data: dict[str, Any], idempotency_key: str
) -> IntakeResult:
    """Take in a full case at the desk and count it there: the case, its desk entry and the figures.

    The case goes to the campaign's intake office like any other; the desk entry (outcome
    “case opened”) links it to the unit whose desk took it, so its complaints and reports count.
    Repeat-safe: the same ``idempotency_key`` gives the same case and no second entry.
    """
    activity = desk.activity
    assert desk.office is not None  # noqa: S101 - a desk without an office has no units either
    with transaction.atomic():
        result = submit_case(
            office=desk.office, kind=kind, channel=Case.Channel.DESK, data=data, idempotency_key=idempotency_key,
            campaign=activity.campaign, activity=activity, actor=actor,
        )  # fmt: skip
        DeskEntry.objects.get_or_create(
            client_key=f"case-{idempotency_key}"[:64],
            defaults={
                "activity": activity, "unit": unit, "case": result.case, "topic": topic,
                "ip_type": result.case.ip_type, "outcome": Outcome.CASE_OPENED, "recorded_by": actor,
            },
        )  # fmt: skip
    push_desk_figures(activity=activity, unit=unit)
    return result
