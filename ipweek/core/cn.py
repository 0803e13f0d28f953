"""Chinese formatting: dates as 2027年4月20日, numerals 一二三, document numbers 〔2027〕5号."""

import datetime as dt
from decimal import Decimal

_DIGITS = "零一二三四五六七八九"
_WEEKDAYS = "一二三四五六日"


def cn_date(value: dt.date | None) -> str:
    """``2027年4月3日`` — year in full, no leading zeros (GB/T 9704 成文日期)."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def cn_month_day(value: dt.date) -> str:
    return f"{value.month}月{value.day}日"


def cn_weekday(value: dt.date) -> str:
    return "星期" + _WEEKDAYS[value.weekday()]


def cn_numeral(number: int) -> str:
    """Chinese numerals for heading numbers: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (1–99)."""
    if not 0 < number < 100:
        raise ValueError(f"heading numbers run from 1 to 99, not {number}")
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _DIGITS[ones]
    prefix = "" if tens == 1 else _DIGITS[tens]
    return prefix + "十" + (_DIGITS[ones] if ones else "")


def heading_number(level: int, number: int) -> str:
    """The GB/T 9704 heading sequence marks: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_numeral(number)}、"
    if level == 2:
        return f"（{cn_numeral(number)}）"
    if level == 3:
        return f"{number}."
    if level == 4:
        return f"（{number}）"
    raise ValueError(f"GB/T 9704 has four heading levels, not {level}")


def doc_number(agency_code: str, year: int, serial: int) -> str:
    """发文字号 such as ``辽知发〔2027〕5号``: the year in 〔〕, no 第, no leading zeros."""
    if serial < 1:
        raise ValueError("a document serial number starts at 1")
    return f"{agency_code}〔{year}〕{serial}号"


def format_quantity(value: "Decimal | int | float") -> str:
    """12,345 — thousands separators; decimals only when the number is not whole (12.5)."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"
