"""GB/T 9704 page geometry shared by the DOCX and PDF renderers."""

import math
from dataclasses import dataclass, replace

from django.conf import settings

_MM_TO_PT = 72 / 25.4


@dataclass(frozen=True)
class PageLayout:
    """A4 with the GB/T 9704 margins: a 156 × 225 mm type area of 22 lines × 28 characters."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 37.0
    bottom_mm: float = 35.0
    left_mm: float = 28.0
    right_mm: float = 26.0
    lines: int = 22
    chars: int = 28
    body_pt: float = 16.0  # 三号
    title_pt: float = 22.0  # 二号
    page_number_pt: float = 14.0  # 四号
    issuer_mark_pt: float = 36.0

    @property
    def type_width_pt(self) -> float:
        return (self.width_mm - self.left_mm - self.right_mm) * _MM_TO_PT

    @property
    def line_pitch_pt(self) -> float:
        # Rounded down to 0.05 pt (Word stores twentieths of a point) so that 22 lines always fit.
        type_height_pt = (self.height_mm - self.top_mm - self.bottom_mm) * _MM_TO_PT
        return math.floor(type_height_pt / self.lines * 20) / 20

    @property
    def letter_spacing_pt(self) -> float:
        """Tracking that fits ``chars`` body characters on a line (negative: 28 × 16 pt is wider than 156 mm)."""
        return math.floor((self.type_width_pt / self.chars - self.body_pt) * 20) / 20

    @property
    def indent_pt(self) -> float:
        """Two characters: the first-line indent of body text."""
        return 2 * self.body_pt

    @property
    def date_right_indent_pt(self) -> float:
        """成文日期 sits four characters in from the right margin."""
        return 4 * self.body_pt

    def signature_right_indent_pt(self, signature: str, date_text: str) -> float:
        """The right indent that centres the signature over the date (or keeps it at the date's indent)."""
        if not date_text:
            return self.date_right_indent_pt
        offset = (text_width_em(date_text) - text_width_em(signature)) * self.body_pt / 2
        return max(0.0, self.date_right_indent_pt + offset)

    def issuer_mark_size_pt(self, mark: str) -> float:
        """The issuer mark's size: ``issuer_mark_pt``, or smaller (in half points) so a long name stays on one line."""
        fitting = self.type_width_pt / max(text_width_em(mark), 1)
        return min(self.issuer_mark_pt, math.floor(fitting * 2) / 2)


def text_width_em(text: str) -> float:
    """Approximate printed width in characters: one for CJK, half for ASCII digits, letters and spaces."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)


def page_layout() -> PageLayout:
    """The GB/T 9704 layout, with margins overridden by settings.IPWEEK_PAGE_MARGINS_MM when an office needs it.

    IPWEEK_PAGE_MARGINS_MM is a dict with any of ``top``, ``bottom``, ``left``, ``right`` (millimetres).
    """
    margins = getattr(settings, "IPWEEK_PAGE_MARGINS_MM", None) or {}
    gb = PageLayout()
    return replace(
        gb,
        top_mm=float(margins.get("top", gb.top_mm)),
        bottom_mm=float(margins.get("bottom", gb.bottom_mm)),
        left_mm=float(margins.get("left", gb.left_mm)),
        right_mm=float(margins.get("right", gb.right_mm)),
    )
