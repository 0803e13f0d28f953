"""Inline SVG QR codes (segno) for receipts, desks and signage.

The mask is fixed: choosing the best of segno's eight masks costs three times as long as drawing the
code, and any mask scans. The markup comes from segno; the only text inside is the escaped title.
"""

import io

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, scale: int = 4, border: int = 2, title: str = "", svgclass: str = "qr-code") -> SafeString:
    code = segno.make(url, error="m", mask=0)
    svg = code.svg_inline(
        scale=scale, border=border, omitsize=True, dark="#000", light="#fff", svgclass=svgclass, title=title or None
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title or url)}" ', 1)
    return mark_safe(svg)  # noqa: S308 — see the module docstring


def qr_svg_document(url: str, *, scale: int = 4, border: int = 2) -> bytes:
    """A standalone SVG file (with its namespace) of ``url``, for an ``<img>``."""
    buffer = io.BytesIO()
    segno.make(url, error="m", mask=0).save(
        buffer, kind="svg", scale=scale, border=border, dark="#000", light="#fff", xmldecl=False, svgns=True
    )
    return buffer.getvalue()
