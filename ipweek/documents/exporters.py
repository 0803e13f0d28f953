"""Exports of official documents, shared by pages, the API and the ``export-plan`` command."""

from collections.abc import Callable
from dataclasses import dataclass

from ipweek.campaigns.models import Campaign
from ipweek.documents.blocks import OfficialDocument
from ipweek.documents.plan import plan_document
from ipweek.documents.render_docx import render_docx
from ipweek.documents.render_md import render_markdown
from ipweek.documents.render_pdf import render_pdf


@dataclass(frozen=True)
class ExportFormat:
    extension: str
    content_type: str
    render: Callable[[OfficialDocument], bytes]


def _markdown_bytes(doc: OfficialDocument) -> bytes:
    return render_markdown(doc).encode("utf-8")


FORMATS: dict[str, ExportFormat] = {
    "docx": ExportFormat(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", render_docx
    ),
    "pdf": ExportFormat("pdf", "application/pdf", render_pdf),
    "md": ExportFormat("md", "text/markdown; charset=utf-8", _markdown_bytes),
}


class UnsupportedFormatError(ValueError):
    """Raised for an export format other than docx, pdf or md."""

    def __init__(self, fmt: str) -> None:
        super().__init__(f"不支持的导出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
        self.format = fmt


def export_document(doc: OfficialDocument, fmt: str) -> tuple[bytes, str]:
    """Render ``doc`` as ``fmt`` (docx, pdf or md): the bytes and their content type."""
    try:
        export_format = FORMATS[fmt]
    except KeyError:
        raise UnsupportedFormatError(fmt) from None
    return export_format.render(doc), export_format.content_type


def plan_filename(campaign: Campaign, fmt: str) -> str:
    """``2027-示例市-宣传周活动方案.docx``."""
    return f"{campaign.year}-{campaign.region.name}-宣传周活动方案.{fmt}"


def export_plan(campaign: Campaign, fmt: str) -> tuple[bytes, str, str]:
    """The campaign's plan as an official document in ``fmt``: (bytes, content type, file name).

    Raises UnsupportedFormatError for a format other than docx, pdf or md, and
    render_pdf.NoFontsError for a PDF on a machine without any font.
    """
    if fmt not in FORMATS:
        raise UnsupportedFormatError(fmt)
    content, content_type = export_document(plan_document(campaign), fmt)
    return content, content_type, plan_filename(campaign, fmt)
