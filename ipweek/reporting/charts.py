"""Charts drawn on the server as inline SVG: readable without JavaScript and without colour.

Every bar carries its label and its value as text inside the SVG, and the chart has a ``<title>``
and a ``<desc>`` listing every row, so a screen reader (``role="img"``) and a reader of a
black-and-white printout get the same numbers as everyone else. Labels are escaped; characters
that XML forbids are dropped.
"""

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ipweek.core.cn import format_quantity

Number = int | float | Decimal

WIDTH = 640
ROW_HEIGHT = 28
BAR_HEIGHT = 18
TITLE_HEIGHT = 28
FONT_SIZE = 13
BAR_COLOUR = "#9b1c1c"  # the brand red; the CSS may override it, the numbers never depend on it
_MIN_LABEL, _MAX_LABEL = 64, 220
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def format_number(value: Number) -> str:
    """1234 → "1,234"; 12.50 → "12.5"; whole numbers without decimals."""
    return format_quantity(value)


def _clean(text: str) -> str:
    return _XML_FORBIDDEN.sub("", str(text))


def _text_width(text: str) -> float:
    """Rough width in pixels: wide (CJK) characters take a full em, others a little over half."""
    return sum(FONT_SIZE if unicodedata.east_asian_width(c) in "WF" else FONT_SIZE * 0.6 for c in text)


def _shorten(text: str, width: float) -> str:
    if _text_width(text) <= width:
        return text
    while text and _text_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def bar_chart(rows: Sequence[tuple[str, Number]], *, title: str) -> SafeString:
    """A horizontal bar chart of ``(label, value)`` rows as an accessible inline SVG."""
    title = _clean(title)
    rows = [(_clean(label), value) for label, value in rows]
    digest = hashlib.sha1(repr((title, rows)).encode(), usedforsecurity=False).hexdigest()[:10]
    chart_id = f"chart-{digest}"
    values = [format_number(value) for _label, value in rows]
    description = "；".join(f"{label}：{value}" for (label, _value), value in zip(rows, values, strict=True))
    height = TITLE_HEIGHT + max(len(rows), 1) * ROW_HEIGHT + 8
    empty = _("No figures yet.")  # outside the f-strings, where makemessages can find it
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-size="{FONT_SIZE}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description or empty)}</desc>',
        f'<text class="chart-title" x="0" y="{TITLE_HEIGHT - 10}" font-weight="bold">{escape(title)}</text>',
    ]
    if not rows:
        parts.append(f'<text class="chart-empty" x="0" y="{TITLE_HEIGHT + 18}">{escape(empty)}</text>')
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped

    label_width = min(max(max(_text_width(label) for label, _value in rows), _MIN_LABEL), _MAX_LABEL)
    value_width = max(_text_width(value) for value in values) + 8
    bar_left = label_width + 8
    bar_room = WIDTH - bar_left - value_width
    largest = max((max(Decimal(str(value)), Decimal(0)) for _label, value in rows), default=Decimal(0))
    for index, ((label, value), shown) in enumerate(zip(rows, values, strict=True)):
        top = TITLE_HEIGHT + index * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2 + FONT_SIZE / 2 - 2
        amount = max(Decimal(str(value)), Decimal(0))
        bar = float(amount / largest) * bar_room if largest else 0.0
        parts.append(
            f'<g class="chart-row"><title>{escape(label)}：{escape(shown)}</title>'
            f'<text class="chart-label" x="{label_width:.0f}" y="{middle:.1f}" text-anchor="end">'
            f"{escape(_shorten(label, label_width))}</text>"
            f'<rect class="chart-bar" x="{bar_left:.0f}" y="{top + (ROW_HEIGHT - BAR_HEIGHT) / 2:.1f}" '
            f'width="{bar:.1f}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
            f'<text class="chart-value" x="{bar_left + bar + 4:.1f}" y="{middle:.1f}">{escape(shown)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
