"""Spreadsheet exports of a campaign (the plan document itself is in ``ipweek.documents``)."""

from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.queries import MatrixRow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MARKS = {ActivityUnit.Role.LEAD: "★", ActivityUnit.Role.CO_ORGANISER: "○", ActivityUnit.Role.SUPPORTING: "△", "": ""}


def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A download response with a UTF-8 file name (RFC 6266)."""
    response = HttpResponse(content, content_type=content_type)
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return response


def matrix_workbook(campaign: Campaign, activities: list[Activity], rows: list[MatrixRow]) -> bytes:
    """Units down, activities across; ★ lead, ○ co-organiser, △ supporting."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Responsibilities")[:31]
    sheet.append([campaign.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("★ lead  ○ co-organiser  △ supporting")])
    sheet.append([_("Unit"), *[a.title for a in activities], _("Leads"), _("Takes part")])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        leads = row.marks.count(ActivityUnit.Role.LEAD)
        sheet.append([row.unit.name, *[MARKS[mark] for mark in row.marks], leads, sum(bool(m) for m in row.marks)])
    sheet.column_dimensions["A"].width = 28
    for index in range(2, len(activities) + 4):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.freeze_panes = "B4"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
