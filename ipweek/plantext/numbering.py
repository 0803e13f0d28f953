"""Item numbers at the start of a line: 一、 （一） 1. ⒈ (1) ⑴ ① 壹、 第一部分 活动一 ● …

Styles group the ways of writing one level: ``1.``, ``1、`` and ``⒈`` are all ``digit``; ``(1)``,
``（1）``, ``1)`` and ``⑴`` are all ``paren_digit``. Functions here read the matching key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
    "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
_CJK_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100}
CJK_NUMERALS = "一二三四五六七八九十百零〇壹贰叁肆伍陆柒捌玖拾佰"

STYLE_ORDER = ("ordinal", "cjk", "roman", "paren_cjk", "named", "digit", "paren_digit", "circled", "bullet")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ordinal",
        re.compile(
            rf"第([{CJK_NUMERALS}]{{1,3}})(?:部分|章|节|篇)\s*[、.,:]?\s*|第([{CJK_NUMERALS}]{{1,3}})[、,.:]\s*"
        ),
    ),
    ("cjk", re.compile(rf"([{CJK_NUMERALS}]{{1,4}})\s*[、.,]\s*")),
    ("paren_cjk", re.compile(rf"\(\s*([{CJK_NUMERALS}]{{1,3}})\s*\)\s*[、.]?\s*|([\u3220-\u3229])\s*")),
    ("digit", re.compile(r"(\d{1,2})\s*(?:、|\.(?!\d)|,(?!\d)|:(?!\d))\s*|([\u2488-\u249b])\s*")),
    ("paren_digit", re.compile(r"\(\s*(\d{1,2})\s*\)\s*[、.]?\s*|(\d{1,2})\)\s*|([\u2474-\u2487])\s*")),
    ("circled", re.compile(r"([\u2460-\u2473])\s*")),
    ("roman", re.compile(r"([\u2160-\u216b])\s*[、.]?\s*")),
    (
        "named",
        re.compile(rf"[【\[]?(?:活动|项目|专题|板块)\s*([{CJK_NUMERALS}]{{1,3}}|\d{{1,2}})\s*[】\]]?\s*[:、.]?\s*"),
    ),
    ("bullet", re.compile(r"[·◆■►○◇□☆★√✓➢➤▶◎❖]\s*|[-*+]\s+")),
)


@dataclass(frozen=True, slots=True)
class Numbering:
    """The item number at the start of a line."""

    style: str
    value: int | None
    end: int  # where the text after the number (and its separator) starts


def numbering_of(key: str) -> Numbering | None:
    """The numbering that opens ``key``, if any."""
    if not key:
        return None
    for style, pattern in _PATTERNS:
        match = pattern.match(key)
        if match:
            if style == "named" and _is_named_false_positive(key, match.end()):
                continue
            return Numbering(style=style, value=_value_of(style, match), end=match.end())
    return None


def _is_named_false_positive(key: str, end: int) -> bool:
    # "活动一是…" or "活动二十年" are prose, not "活动一：…" headings.
    rest = key[end : end + 1]
    return rest in ("是", "年", "次", "个", "项", "批")


def _value_of(style: str, match: re.Match[str]) -> int | None:
    token = next((group for group in match.groups() if group), None)
    if token is None:
        return None
    if token.isdigit() and token.isascii():
        return int(token)
    if len(token) == 1:
        code = ord(token)
        for first, last in ((0x2488, 0x249B), (0x2474, 0x2487), (0x2460, 0x2473), (0x2160, 0x216B), (0x3220, 0x3229)):
            if first <= code <= last:
                return code - first + 1
    return cjk_number(token)


def cjk_number(token: str) -> int | None:
    """Value of a Chinese numeral up to the hundreds: 十一 → 11, 二十 → 20, 叁 → 3, 一〇 → 10."""
    if not token:
        return None
    if all(char in _CJK_DIGITS for char in token):
        value = 0
        for char in token:
            value = value * 10 + _CJK_DIGITS[char]
        return value
    total, current = 0, 0
    for char in token:
        if char in _CJK_DIGITS:
            current = _CJK_DIGITS[char]
        elif char in _CJK_UNITS:
            total += (current or 1) * _CJK_UNITS[char]
            current = 0
        else:
            return None
    return total + current
