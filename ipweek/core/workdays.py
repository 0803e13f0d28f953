"""Working days (工作日) with Chinese public holidays and make-up working days (调休).

Statutory time limits in casework are counted in working days: "7 working days from receipt" means
the seventh working day after the day of receipt. Three sources decide whether a day is worked, in
this order: the admin-editable :class:`~ipweek.core.models.Holiday` table, the bundled
``chinese-calendar`` data, and for years that data does not cover yet, Monday to Friday.
"""

import datetime as dt
from functools import lru_cache

import chinese_calendar
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from ipweek.core.models import Holiday

_CACHE_KEY = "core:holiday-overrides:v1"
_MAX_SPAN = 3660  # ten years of days; a deadline further out is a bug, not a deadline


def _overrides() -> dict[dt.date, bool]:
    """Date → is it a working day, from the Holiday table (cached; cleared when a row changes)."""
    table = cache.get(_CACHE_KEY)
    if table is None:
        table = {h.date: h.kind == Holiday.Kind.WORKDAY for h in Holiday.objects.all()}
        cache.set(_CACHE_KEY, table, 3600)
    return table


def _clear_overrides(**_kwargs: object) -> None:
    cache.delete(_CACHE_KEY)


post_save.connect(_clear_overrides, sender=Holiday, dispatch_uid="core-holiday-saved")
post_delete.connect(_clear_overrides, sender=Holiday, dispatch_uid="core-holiday-deleted")


@lru_cache(maxsize=4096)
def _bundled(day: dt.date) -> bool | None:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def is_covered(year: int) -> bool:
    """Whether the bundled data knows ``year``'s holidays (otherwise only the Holiday table and weekends count)."""
    return _bundled(dt.date(year, 1, 1)) is not None


def is_working_day(day: dt.date, overrides: dict[dt.date, bool] | None = None) -> bool:
    table = _overrides() if overrides is None else overrides
    if day in table:
        return table[day]
    bundled = _bundled(day)
    return day.weekday() < 5 if bundled is None else bundled


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself never counts); 0 gives ``start``."""
    if days < 0:
        raise ValueError("days must not be negative")
    table = _overrides()
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if (day - start).days > _MAX_SPAN:
            raise ValueError("deadline too far out")
        if is_working_day(day, table):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier."""
    if end < start:
        return -working_days_between(end, start)
    if (end - start).days > _MAX_SPAN:
        raise ValueError("span too long")
    table = _overrides()
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=n), table))
