"""Dates, date phrases and clock times as plans write them.

All functions read the matching key (ASCII digits, '-' for every dash, '·' for every middle dot,
'"' for every quotation mark). Spans returned index the key and so the clean text too.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from .numbering import cjk_number

_CN = "一二三四五六七八九十"
_CN_YEAR = "二〇零○一三四五六七八九"
_DAY_END = r"(?:\s*[日号]|(?![个人件家余多万名场次项年岁%.\d]))"
_DECORATION = (
    r"(?:\s*\((?:暂定|待定|拟定|初定|星期[一二三四五六日天]|周[一二三四五六日天]|具体时间另行通知|另行通知)\))?"
    r"(?:当天|前后)?"
)
_RANGE_SEPARATOR = r"\s*(?:至|到|-|~|[?？]{1,4})\s*"

_EXPLICIT = re.compile(
    rf"(?<!\d)(?:(?P<year>(?:19|20)\d{{2}})\s*(?:年\s*|(?=\d{{1,2}}\s*月)))?"
    rf"(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})(?!\d)\s*(?:日|号)?"
    rf"(?:{_RANGE_SEPARATOR}(?:(?P<end_year>(?:19|20)\d{{2}})\s*年\s*)?(?:(?P<end_month>\d{{1,2}})\s*月\s*)?"
    rf"(?P<end_day>\d{{1,2}})(?!\d){_DAY_END})?{_DECORATION}"
)
_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)")
_CHINESE = re.compile(
    rf"(?:(?P<year>[{_CN_YEAR}]{{4}})年)?(?P<month>[{_CN}]{{1,2}})月(?P<day>[{_CN}]{{1,3}})[日号]{_DECORATION}"
)
_FIXED_DAY = re.compile(
    r"\"?(?P<month>\d{1,2})\s*[·.]\s*(?P<day>\d{1,2})\"?"
    r"(?=\s*(?:世界知识产权日|知识产权日|宣传日|当天|前后|期间|前夕|活动|主题))"
    r"(?:\s*(?:世界知识产权日|知识产权日))?(?:当天|前后|期间|前夕)?"
    r"|\"(?P<quoted_month>\d{1,2})\s*[·.]\s*(?P<quoted_day>\d{1,2})\""
)
_WORLD_IP_DAY = re.compile(r"世界知识产权日(?:当天|前后|期间|前夕)?")
_VAGUE = re.compile(
    r"(?:网络安全宣传周|科技活动周|宣传周|活动周|科技周|质量月|宣传月|活动月)(?:活动)?"
    r"(?:期间|前后|前夕|之前|之后|开幕当天|启动当天|当天|前|后)"
    r"|活动期间|活动结束后|启动仪式(?:结束)?(?:后|当天|上|期间)|仪式结束后"
    rf"|(?:(?:19|20)\d{{2}}年)?(?:\d{{1,2}}|[{_CN}]{{1,3}})月(?:上旬|中旬|下旬|初|底|末|中|份|间)"
    r"|(?:19|20)\d{2}年(?:上半年|下半年|全年|\d{1,2}月(?!\d))"
    r"|适时|择期|全年|长期|常年|常态化|另行通知|届时"
)
_PLACEHOLDER_DATE = re.compile(r"(?:20[xX×*]{2}年)?[xX×*]{1,2}月[xX×*]{1,2}[日号]")

_PERIOD = r"(?:上午|下午|晚上|晚间|中午|早上|早晨|凌晨|傍晚|晚)"
_CLOCK = r"\d{1,2}\s*(?::\s*\d{2}|点(?:\s*\d{1,2}\s*分?|半|整)?|时(?:\s*\d{1,2}\s*分)?)"
_TIME = re.compile(
    rf"(?:{_PERIOD}\s*{_CLOCK}|(?<![\d.:])\d{{1,2}}\s*:\s*\d{{2}}"
    rf"|(?<![\d.:])\d{{1,2}}\s*(?:点\s*\d{{1,2}}\s*分|点半|点整|时\s*\d{{1,2}}\s*分))"
    rf"(?:\s*[-~至到]\s*(?:{_PERIOD}\s*)?{_CLOCK})?"
)
_PERIOD_ONLY = re.compile(rf"\s*({_PERIOD}(?:第[一二三四五六七八九十\d]{{1,2}}节课?)?)")

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_CN_YEAR_RE = re.compile(rf"([{_CN_YEAR}]{{4}})年")
_YEAR_PLACEHOLDER = re.compile(r"(?:19|20)[xX×*_□○]{2}|[xX×]{4}\s*年|20\?\?")
_DATE_LINE = (
    re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"),
    re.compile(rf"(?P<year>[{_CN_YEAR}]{{4}})年(?P<month>[{_CN}]{{1,2}})月(?P<day>[{_CN}]{{1,3}})日"),
    re.compile(r"(?P<year>(?:19|20)\d{2})\s*[-./年\s]\s*(?P<month>\d{1,2})\s*[-./月\s]\s*(?P<day>\d{1,2})\s*日?"),
)


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A date phrase found in a key: its span and whatever it says for certain."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    is_vague: bool = False

    @property
    def is_range(self) -> bool:
        return self.end_day is not None


def find_date_phrase(key: str) -> DatePhrase | None:
    """The first date phrase in ``key``: explicit, 4·26, vague (宣传周期间, 4月中旬, 适时) or placeholder."""
    found = [
        phrase
        for phrase in (
            _first(_EXPLICIT, key, _explicit),
            _first(_CHINESE, key, _chinese),
            _first(_FIXED_DAY, key, _fixed_day),
            _first(_WORLD_IP_DAY, key, _world_ip_day),
            _first(_VAGUE, key, _vague),
            _first(_PLACEHOLDER_DATE, key, _vague),
        )
        if phrase is not None
    ]
    if not found:
        return None
    return min(found, key=lambda phrase: (phrase.start, -phrase.end))


def date_phrase_at(key: str, position: int) -> DatePhrase | None:
    """The date phrase that starts exactly at ``position``, if any (spans relative to ``position``)."""
    for pattern, build in _ANCHORED:
        match = pattern.match(key, position)
        if match is not None and match.end() > position:
            phrase: DatePhrase = build(match)
            return DatePhrase(
                start=0,
                end=phrase.end - position,
                year=phrase.year,
                month=phrase.month,
                day=phrase.day,
                end_year=phrase.end_year,
                end_month=phrase.end_month,
                end_day=phrase.end_day,
                is_vague=phrase.is_vague,
            )
    return None


def time_at(key: str, position: int) -> int | None:
    """End of the clock time that starts exactly at ``position``, if any."""
    match = _TIME.match(key, position)
    return match.end() if match is not None and _is_clock(match.group()) else None


def find_explicit_date(key: str, *, range_only: bool = False) -> DatePhrase | None:
    """The first date with a month and day (a range when ``range_only``)."""
    for match in _EXPLICIT.finditer(key):
        phrase = _explicit(match)
        if not range_only or phrase.is_range:
            return phrase
    return None


_ANCHORED: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], DatePhrase]], ...] = ()


def _first(pattern: re.Pattern[str], key: str, build: object) -> DatePhrase | None:
    match = pattern.search(key)
    if match is None:
        return None
    return build(match)  # type: ignore[operator,no-any-return]


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _explicit(match: re.Match[str]) -> DatePhrase:
    return DatePhrase(
        start=match.start(),
        end=match.end(),
        year=_int(match.group("year")),
        month=_int(match.group("month")),
        day=_int(match.group("day")),
        end_year=_int(match.group("end_year")),
        end_month=_int(match.group("end_month")),
        end_day=_int(match.group("end_day")),
    )


def _chinese(match: re.Match[str]) -> DatePhrase:
    year = match.group("year")
    return DatePhrase(
        start=match.start(),
        end=match.end(),
        year=cjk_number(year) if year else None,
        month=cjk_number(match.group("month")),
        day=cjk_number(match.group("day")),
    )


def _fixed_day(match: re.Match[str]) -> DatePhrase:
    month = match.group("month") or match.group("quoted_month")
    day = match.group("day") or match.group("quoted_day")
    return DatePhrase(start=match.start(), end=match.end(), month=_int(month), day=_int(day))


def _world_ip_day(match: re.Match[str]) -> DatePhrase:
    return DatePhrase(start=match.start(), end=match.end(), month=4, day=26)


def _vague(match: re.Match[str]) -> DatePhrase:
    return DatePhrase(start=match.start(), end=match.end(), is_vague=True)


_ANCHORED = (
    (_EXPLICIT, _explicit),
    (_CHINESE, _chinese),
    (_FIXED_DAY, _fixed_day),
    (_WORLD_IP_DAY, _world_ip_day),
    (_VAGUE, _vague),
    (_PLACEHOLDER_DATE, _vague),
)


def resolve(phrase: DatePhrase, year: int | None) -> tuple[str | None, str | None]:
    """ISO start and end dates of ``phrase``; a phrase's own year beats ``year``. Vague → (None, None)."""
    if phrase.is_vague or phrase.month is None or phrase.day is None:
        return None, None
    start_year = phrase.year or year
    start = _iso(start_year, phrase.month, phrase.day)
    if start is None:
        return None, None
    if not phrase.is_range:
        return start, start
    end_year = phrase.end_year or start_year
    end = _iso(end_year, phrase.end_month or phrase.month, phrase.end_day)
    if end is None or end < start:
        return start, None
    return start, end


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None or month is None or day is None:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_time(key: str) -> tuple[int, int] | None:
    """Span of the first clock time (上午9:30, 上午9点, 晚7:30, 14:00-16:00, 下午2时)."""
    for match in _TIME.finditer(key):
        if _is_clock(match.group()):
            return match.start(), match.end()
    return None


def _is_clock(text: str) -> bool:
    hour = re.search(r"\d{1,2}", text)
    minute = re.search(r"[:点时]\s*(\d{1,2})", text)
    return hour is not None and int(hour.group()) <= 24 and (minute is None or int(minute.group(1)) < 60)


def period_after(key: str, position: int) -> tuple[int, int] | None:
    """Span of a bare 上午/下午/晚上 right after a date phrase ending at ``position``."""
    match = _PERIOD_ONLY.match(key, position)
    return match.span(1) if match else None


def year_of(key: str) -> int | None:
    """The first plausible year written in ``key`` (2018, 二〇一八年)."""
    for match in _YEAR.finditer(key):
        value = int(match.group(1))
        if 1980 <= value <= 2100:
            return value
    chinese = _CN_YEAR_RE.search(key)
    if chinese:
        value = cjk_number(chinese.group(1)) or 0
        if 1980 <= value <= 2100:
            return value
    return None


def has_year_placeholder(key: str) -> bool:
    """Whether ``key`` writes the year as a placeholder (20xx, ××××年)."""
    return bool(_YEAR_PLACEHOLDER.search(key))


def date_of_line(key: str) -> str | None:
    """ISO date when the whole line is a date (a signature date: 2018年4月10日, 二〇一二年五月八日, 2017 4 12)."""
    text = key.strip().strip("()")
    for pattern in _DATE_LINE:
        match = pattern.fullmatch(text)
        if match:
            year = _number(match.group("year"))
            return _iso(year, _number(match.group("month")), _number(match.group("day")))
    return None


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else cjk_number(text)
