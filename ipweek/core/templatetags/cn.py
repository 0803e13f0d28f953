import datetime as dt

from django import template
from django.utils import timezone, translation

from ipweek.core import cn

register = template.Library()


@register.filter
def cn_date(value: dt.date | dt.datetime | None) -> str:
    """2026年4月20日 in Chinese; ISO-like 20 April 2026 in English."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        # An aware datetime is a moment: its date is the date where the office is (TIME_ZONE), not UTC's.
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if translation.get_language() == "en":
        return f"{value.day} {value:%B} {value.year}"
    return cn.cn_date(value)


@register.filter
def cn_weekday(value: dt.date) -> str:
    if translation.get_language() == "en":
        return f"{value:%A}"
    return cn.cn_weekday(value)


@register.filter
def cn_month_day(value: dt.date) -> str:
    if translation.get_language() == "en":
        return f"{value.day} {value:%b}"
    return cn.cn_month_day(value)


@register.filter
def quantity(value: object) -> str:
    """12,345 with thousands separators; decimals only when needed."""
    if value is None or value == "":
        return ""
    try:
        return cn.format_quantity(value)  # type: ignore[arg-type]
    except (ValueError, ArithmeticError):
        return str(value)
