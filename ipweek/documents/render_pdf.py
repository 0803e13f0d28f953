"""Official documents as PDF through WeasyPrint, from documents/official.html and official.css."""

import logging
import re
import threading
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ipweek.core.cn import cn_date
from ipweek.documents import fonts
from ipweek.documents.blocks import Block, Heading, OfficialDocument
from ipweek.documents.fonts import ResolvedFont
from ipweek.documents.layout import PageLayout, page_layout

STYLESHEET = Path(__file__).resolve().parent / "static" / "documents" / "official.css"
GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"})
_UNSAFE_IN_FAMILY = re.compile(r"[\"'\\;{}<>]")

_LAYOUT_FIELDS = (
    "width_mm", "height_mm", "top_mm", "bottom_mm", "left_mm", "right_mm",
    "body_pt", "title_pt", "page_number_pt",
)  # fmt: skip

_local = threading.local()
logger = logging.getLogger(__name__)


class _MissingGlyphCounter(logging.Filter):
    """Counts WeasyPrint's one-warning-per-glyph reports instead of flooding the log; render_pdf sums them up."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith(".notdef glyph"):
            return True
        _local.missing_glyphs = getattr(_local, "missing_glyphs", 0) + 1
        return False


logging.getLogger("weasyprint").addFilter(_MissingGlyphCounter())


class NoFontsError(RuntimeError):
    """The machine has no font at all, so no PDF can be drawn."""

    def __init__(self) -> None:
        super().__init__("系统中没有安装任何字体，无法生成 PDF：请运行 make fonts 或安装 fonts-noto-cjk")


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as PDF bytes: A4, GB/T margins, 22 × 28 grid, font roles, "— N —" page numbers.

    Fetches nothing from the network; fonts come from fontconfig (see fonts.configure_fontconfig).
    Raises NoFontsError when fontconfig knows no font at all.
    """
    if not fonts.has_any_font():
        raise NoFontsError
    weasyprint = _weasyprint()
    html = render_to_string("documents/official.html", _context(doc, fonts.resolve_roles(), page_layout()))
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"file"})
    document = weasyprint.HTML(string=html, base_url=str(STYLESHEET.parent), url_fetcher=fetcher)
    _local.missing_glyphs = 0
    pdf: bytes = document.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config())
    if _local.missing_glyphs:
        hint = "请安装中文字体（make fonts 或 fonts-noto-cjk）"
        logger.warning("PDF 中有 %d 处文字没有可用字形：%s", _local.missing_glyphs, hint)
    return pdf


def _weasyprint() -> Any:
    # fontconfig reads FONTCONFIG_FILE when WeasyPrint first loads it, so configure before importing.
    fonts.configure_fontconfig()
    import weasyprint

    return weasyprint


def _font_config() -> Any:
    # Loading fontconfig takes a while; keep one per thread (Pango's font map is not thread-safe).
    if not hasattr(_local, "font_config"):
        from weasyprint.text.fonts import FontConfiguration

        _local.font_config = FontConfiguration()
    return _local.font_config


def _stylesheet() -> Any:
    if not hasattr(_local, "stylesheet"):
        weasyprint = _weasyprint()
        fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"file"})
        _local.stylesheet = weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    return _local.stylesheet


def css_family_list(families: list[str]) -> SafeString:
    """A CSS font-family value: names quoted, generic families bare, anything that could break out removed."""
    names = [_UNSAFE_IN_FAMILY.sub("", name).strip() for name in families]
    parts = [name if name in GENERIC_FAMILIES else f'"{name}"' for name in names if name]
    return mark_safe(", ".join(parts) or "serif")  # noqa: S308 - every name is stripped of quotes and brackets


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _context(doc: OfficialDocument, resolved: dict[str, ResolvedFont], layout: PageLayout) -> dict[str, Any]:
    title = resolved[fonts.TITLE]
    signed_date = cn_date(doc.signed_date)
    return {
        "doc": doc,
        "layout": {name: _number(getattr(layout, name)) for name in _LAYOUT_FIELDS},
        "line_pitch": _number(layout.line_pitch_pt),
        "two_lines": _number(2 * layout.line_pitch_pt),
        "issuer_mark_size": _number(layout.issuer_mark_size_pt(doc.issuer_mark)),
        "letter_spacing": _number(layout.letter_spacing_pt),
        "families": {role: css_family_list(font.css_stack) for role, font in resolved.items()},
        # Free substitutes of 小标宋 are light; their bold weight is closer to the real thing.
        "title_weight": "bold" if title.fell_back and not title.is_generic else "normal",
        "blocks": [_block_context(block) for block in doc.blocks],
        "attachments": _attachments_context(doc.attachments),
        "signed_date": signed_date,
        "signature_indent": _number(layout.signature_right_indent_pt(doc.signature, signed_date)),
        "date_indent": _number(layout.date_right_indent_pt),
    }


def _block_context(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"is_heading": True, "level": block.level, "label": block.label, "body": block.body}
    return {"is_heading": False, "text": block.text}


def _attachments_context(attachments: list[str]) -> list[dict[str, Any]]:
    is_only = len(attachments) == 1
    return [
        {"name": name, "number": "" if is_only else f"{index}.", "is_first": index == 1, "is_only": is_only}
        for index, name in enumerate(attachments, start=1)
    ]
