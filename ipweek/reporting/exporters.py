"""Exports of reports, figures and photos: CSV (UTF-8 with BOM, so Excel reads Chinese), XLSX and ZIP."""

import csv
import datetime as dt
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO, StringIO
from tempfile import SpooledTemporaryFile
from typing import IO

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ipweek.campaigns.models import Activity
from ipweek.reporting.models import ActivityReport, Figure, Filing, Photo
from ipweek.reporting.services.figures import DEFAULT_UNITS

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"
Cell = str | int | Decimal | bool | dt.datetime | None
Table = tuple[list[str], list[list[Cell]]]

# Spreadsheets run a cell that starts like a formula; text from units must never do that.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
SPOOL_BYTES = 16 * 1024 * 1024
CHUNK_BYTES = 256 * 1024


def _safe(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    return value


def _number(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", strip_tags(html.replace("</p>", "</p>\n"))).strip()


def report_table(reports: Iterable[ActivityReport]) -> Table:
    """One row per report, one column per standard metric (summed), and the other figures as text.

    ``reports`` should come with ``activity``, ``unit``, ``figures`` and ``photo_count`` loaded.
    """
    metrics = [metric for metric in Figure.Metric if metric != Figure.Metric.OTHER]
    header = [
        _("Report ID"), _("Activity"), _("Unit"), _("Kind"), _("Title"), _("Status"), _("Late"),
        _("Submitted at"), _("Reviewed at"), _("Published at"), _("Review comment"), _("Text"), _("Photos"),
        *[f"{metric.label} ({DEFAULT_UNITS[metric]})" for metric in metrics],
        _("Other figures"),
    ]  # fmt: skip
    rows: list[list[Cell]] = []
    for report in reports:
        totals: dict[str, Decimal] = {}
        others: list[str] = []
        for figure in report.figures.all():
            if figure.metric == Figure.Metric.OTHER:
                others.append(f"{figure.label}: {_number(figure.value)}{figure.unit}")
            else:
                totals[figure.metric] = totals.get(figure.metric, Decimal(0)) + figure.value
        rows.append(
            [
                report.pk,
                report.activity.title,
                report.unit.name,
                report.get_kind_display(),
                report.title,
                report.get_status_display(),
                report.is_late,
                report.submitted_at,
                report.reviewed_at,
                report.published_at,
                report.review_comment,
                _plain(report.body),
                getattr(report, "photo_count", None),
                *[_number(totals[metric]) if metric in totals else None for metric in metrics],
                "; ".join(others),
            ]
        )
    return header, rows


def figure_table(figures: Iterable[Figure]) -> Table:
    """One row per figure, with its report. ``figures`` should come with ``report__activity`` and ``report__unit``."""
    header = [
        _("Report ID"), _("Activity"), _("Unit"), _("Report"), _("Kind"), _("Status"), _("Metric code"),
        _("Metric"), _("Label"), _("Value"), _("Unit of measure"), _("Needs confirmation"),
    ]  # fmt: skip
    rows: list[list[Cell]] = [
        [
            figure.report_id,
            figure.report.activity.title,
            figure.report.unit.name,
            figure.report.title,
            figure.report.get_kind_display(),
            figure.report.get_status_display(),
            figure.metric,
            figure.get_metric_display(),
            figure.label,
            _number(figure.value),
            figure.unit,
            figure.needs_confirmation,
        ]
        for figure in figures
    ]
    return header, rows


def filing_table(rows: Iterable[tuple[Activity, "Filing | None", bool]]) -> Table:
    """One row per activity with its filing (备案): host, venue, time, contact, budget, headcount, status."""
    header = [
        _("Activity"), _("Host"), _("Co-hosts"), _("Venue"), _("Starts at"), _("Ends at"), _("Contact person"),
        _("Contact phone"), _("Budget (yuan)"), _("Expected headcount"), _("Audience"), _("Channels"), _("Status"),
        _("Late"), _("Changed after approval"), _("Review comment"),
    ]  # fmt: skip
    body: list[list[Cell]] = []
    for activity, filing, late in rows:
        if filing is None:
            body.append([_safe(activity.title), *[None] * 11, _("Not filed"), late, None, None])
            continue
        body.append(
            [
                _safe(value)
                for value in (
                    activity.title,
                    filing.host,
                    filing.co_hosts,
                    filing.venue,
                    filing.starts_at,
                    filing.ends_at,
                    filing.contact_name,
                    filing.contact_phone,
                    _number(filing.budget) if filing.budget is not None else None,
                    filing.expected_headcount,
                    filing.audience,
                    filing.channels,
                    filing.get_status_display(),
                    late,
                    filing.changed_after_approval,
                    filing.review_comment,
                )
            ]
        )
    return header, body


def _csv_text(value: Cell) -> str:
    value = _safe(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def as_csv(table: Table) -> bytes:
    """CSV with a byte-order mark: without it Excel on Windows reads UTF-8 Chinese as mojibake."""
    header, rows = table
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_text(cell) for cell in header])
    writer.writerows([_csv_text(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(table: Table, *, title: str) -> bytes:
    header, rows = table
    book = Workbook()
    sheet = book.active
    sheet.title = _UNSAFE_IN_NAME.sub(" ", title).replace("[", "(").replace("]", ")")[:31] or "Sheet"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(cell) for cell in row])
    for column in sheet.iter_cols(min_row=1, max_row=1):
        for cell in column:
            if isinstance(cell.value, str):
                sheet.column_dimensions[cell.column_letter].width = max(10, min(40, len(cell.value) * 2))
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _file_stem(text: str) -> str:
    stem = _UNSAFE_IN_NAME.sub("_", text).strip(" ._")[:60]
    return stem or _("activity")


def photo_names(photos: Sequence[Photo]) -> list[str]:
    """``<activity>-<n>.jpg`` for each photo, numbered from 1 within each activity."""
    counts: Counter[str] = Counter()
    names = []
    for photo in photos:
        stem = _file_stem(photo.report.activity.title)
        counts[stem] += 1
        names.append(f"{stem}-{counts[stem]}.jpg")
    return names


def photos_zip(photos: Sequence[Photo]) -> IO[bytes]:
    """The published copies (resized, no EXIF) in a ZIP with a captions list; rewound, ready to stream.

    Built in a spooled temporary file: small archives stay in memory, large ones go to disk.
    """
    spool: IO[bytes] = SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - the response closes it
    captions = StringIO()
    writer = csv.writer(captions)
    writer.writerow([_("File"), _("Activity"), _("Unit"), _("Report"), _("Caption"), _("Taken at")])
    # JPEGs do not shrink further: store them, which is also much faster.
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:
        for photo, name in zip(photos, photo_names(photos), strict=True):
            if not photo.published_image:
                continue
            try:
                with photo.published_image.open("rb") as source, archive.open(name, "w") as target:
                    while chunk := source.read(CHUNK_BYTES):
                        target.write(chunk)
            except FileNotFoundError:
                continue
            writer.writerow(
                [_csv_text(cell) for cell in (name, photo.report.activity.title, photo.report.unit.name,
                                               photo.report.title, photo.caption, photo.taken_at)]
            )  # fmt: skip
        archive.writestr("captions.csv", ("\ufeff" + captions.getvalue()).encode("utf-8"))
    spool.seek(0)
    return spool


def export_name(campaign_title: str, what: str, extension: str) -> str:
    return f"{_file_stem(campaign_title)}-{what}.{extension}"


def table_response_parts(table: Table, fmt: str, *, title: str) -> tuple[bytes, str]:
    """The bytes and content type of ``table`` as ``csv`` or ``xlsx``."""
    if fmt == "xlsx":
        return as_xlsx(table, title=title), XLSX
    return as_csv(table), CSV
