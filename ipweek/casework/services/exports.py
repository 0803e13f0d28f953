"""Workbooks of casework: the statistics (no personal data at all) and the case list (masked by default).

A case list with personal data is the one export that reveals who complained. Only caseworkers of
every office in it may make one, they must say why, and each export leaves one
:class:`PersonalDataAccess` row (who, when, why, how many cases). Access-code digests and
idempotency keys are never exported: the columns are listed here one by one, never taken from the model.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ipweek.accounts.models import User
from ipweek.casework.masking import mask_address, mask_email, mask_id_number, mask_name, mask_phone
from ipweek.casework.models import Case, PersonalDataAccess
from ipweek.casework.permissions import CaseworkAccess, offices_filter
from ipweek.casework.redaction import known_of, looks_like_person, mask_person, redact
from ipweek.casework.services.stats import DecisionTimes, Period, Row, Statistics
from ipweek.units.models import Membership

MAX_REASON_LENGTH = 200
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a list export covers; ``office_ids`` None means every office the user may see."""

    office_ids: frozenset[int] | None = None
    status: str = ""
    kind: str = ""
    received_from: dt.date | None = None
    received_to: dt.date | None = None


def filtered_cases(access: CaseworkAccess, case_filter: CaseFilter) -> QuerySet[Case]:
    """Visible cases matching the filter, oldest first, with what the rows show."""
    cases = Case.objects.filter(offices_filter(access))
    if case_filter.office_ids is not None:
        cases = cases.filter(office_id__in=case_filter.office_ids)
    if case_filter.status:
        cases = cases.filter(status=case_filter.status)
    if case_filter.kind:
        cases = cases.filter(kind=case_filter.kind)
    zone = timezone.get_current_timezone()
    if case_filter.received_from:
        cases = cases.filter(received_at__gte=dt.datetime.combine(case_filter.received_from, dt.time.min, zone))
    if case_filter.received_to:
        end = dt.datetime.combine(case_filter.received_to + dt.timedelta(days=1), dt.time.min, zone)
        cases = cases.filter(received_at__lt=end)
    return cases.select_related("office", "handler").order_by("received_at", "pk")


# --- statistics -----------------------------------------------------------------------------------


def _header(sheet: Worksheet, *titles: str) -> None:
    sheet.append(list(titles))
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD


def _row_sheet(sheet: Worksheet, rows: list[Row]) -> None:
    _header(sheet, "项目", "件数")
    for row in rows:
        sheet.append([row.label, row.count])
    sheet.append(["合计", sum(row.count for row in rows)])
    sheet.column_dimensions["A"].width = 36


def _decision_sheet(sheet: Worksheet, overall: DecisionTimes, per_kind: list[DecisionTimes]) -> None:
    _header(sheet, "类型", "已作出决定（件）", "中位数（工作日）", "平均（工作日）", "在受理时限内（件）", "受理时限")
    for times in [*per_kind, overall]:
        sheet.append([times.label, times.decided, times.median, times.mean, times.within_limit, times.limit])
    sheet.column_dimensions["A"].width = 36


def statistics_workbook(stats: Statistics) -> bytes:
    """A cover sheet (period, offices) and one sheet per breakdown, with Chinese headers."""
    book = Workbook()
    cover = book.active
    assert cover is not None  # noqa: S101 - a new workbook always has a sheet
    cover.title = "说明"
    period = stats.period
    cover.append(["知识产权维权援助与投诉举报统计表"])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append(["统计期间", f"{_cn(period.start)}至{_cn(period.end)}"])
    if period.campaign is not None:
        cover.append(["宣传周", period.campaign.title])
    cover.append(["统计机构", "、".join(stats.office_names)])
    cover.append(["案件总数", stats.total])
    cover.append(["咨询台登记", stats.desk_total])
    cover.append(["生成时间", timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    cover.append(["说明", "按收到日期统计；办理用时按工作日计算（扣除法定节假日，计入调休上班日）。本表不含个人信息。"])
    cover.column_dimensions["A"].width = 14
    cover.column_dimensions["B"].width = 60
    sheets = [
        ("按类型", stats.by_kind),
        ("按渠道", stats.by_channel),
        ("按知识产权类型", stats.by_ip_type),
        ("按状态", stats.by_status),
        ("按处理结果", stats.by_outcome),
        ("咨询台-按主题", stats.desk_by_topic),
        ("咨询台-按结果", stats.desk_by_outcome),
    ]
    for title, rows in sheets:
        _row_sheet(book.create_sheet(title), rows)
    _decision_sheet(book.create_sheet("办理用时"), stats.decisions, stats.decisions_by_kind)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def statistics_filename(period: Period) -> str:
    return f"案件统计-{period.start:%Y%m%d}至{period.end:%Y%m%d}.xlsx"


# --- the case list --------------------------------------------------------------------------------

Column = tuple[str, Callable[[Case], object]]


def _local(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _respondent(case: Case) -> str:
    return mask_person(case.respondent_name) if looks_like_person(case.respondent_name) else case.respondent_name


_COMMON: list[Column] = [
    ("案件编号", lambda c: c.number),
    ("类型", lambda c: c.get_kind_display()),
    ("渠道", lambda c: c.get_channel_display()),
    ("知识产权类型", lambda c: c.get_ip_type_display()),
    ("状态", lambda c: c.get_status_display()),
    ("处理结果", lambda c: c.get_outcome_display()),
    ("承办机构", lambda c: c.office.name),
    ("承办人", lambda c: str(c.handler) if c.handler else ""),
    ("收到时间", lambda c: _local(c.received_at)),
    ("当前期限", lambda c: c.due_date.isoformat() if c.due_date else ""),
    ("决定时间", lambda c: _local(c.decided_at)),
    ("结案时间", lambda c: _local(c.closed_at)),
    ("投诉（举报）人类别", lambda c: c.get_complainant_kind_display()),
    ("实名", lambda c: "是" if c.is_real_name else "否"),
]
_MASKED: list[Column] = [
    ("事由", lambda c: redact(c.subject, known_of(c))),
    ("投诉（举报）人", lambda c: mask_name(c.complainant_name)),
    ("证件号码", lambda c: mask_id_number(c.complainant_id_number)),
    ("联系电话", lambda c: mask_phone(c.complainant_phone)),
    ("电子邮箱", lambda c: mask_email(c.complainant_email) if c.complainant_email else ""),
    ("通讯地址", lambda c: mask_address(c.complainant_address)),
    ("被投诉（举报）人", _respondent),
]
_PERSONAL: list[Column] = [
    ("事由", lambda c: c.subject),
    ("投诉（举报）人", lambda c: c.complainant_name),
    ("证件号码", lambda c: c.complainant_id_number),
    ("联系电话", lambda c: c.complainant_phone),
    ("电子邮箱", lambda c: c.complainant_email),
    ("通讯地址", lambda c: c.complainant_address),
    ("被投诉（举报）人", lambda c: c.respondent_name),
]
_RESPONDENT: list[Column] = [
    ("被投诉（举报）人地址", lambda c: c.respondent_address),
    ("网店或网址", lambda c: c.respondent_url),
    ("专利号或注册号", lambda c: c.right_number),
    ("侵权行为地", lambda c: c.place_of_infringement),
]
_PERSONAL_TEXT: list[Column] = [
    ("事实和理由", lambda c: c.facts),
    ("请求事项", lambda c: c.request),
]


def case_columns(*, personal: bool) -> list[Column]:
    if personal:
        return [*_COMMON, *_PERSONAL, *_RESPONDENT, *_PERSONAL_TEXT]
    return [*_COMMON, *_MASKED, *_RESPONDENT]


def case_list_workbook(cases: Iterable[Case], *, personal: bool, title: str) -> tuple[bytes, int]:
    """(XLSX bytes, number of cases); streamed row by row so a long list does not fill the memory."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("案件清单")
    columns = case_columns(personal=personal)
    sheet.append([title])
    sheet.append([name for name, _value in columns])
    count = 0
    for case in cases:
        sheet.append([_cell(sheet, value(case)) for _name, value in columns])
        count += 1
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue(), count


def _cell(sheet: Worksheet, value: object) -> object:
    text = "" if value is None else str(value)
    if not text.startswith("="):
        return text
    # openpyxl writes text starting with = as a formula; what a complainant typed must stay text.
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def check_personal_export(access: CaseworkAccess, office_ids: frozenset[int], reason: str) -> str:
    """The cleaned reason; PermissionDenied unless the user handles every office, ValidationError without a reason."""
    if not office_ids or not office_ids <= access.handles:
        raise PermissionDenied(_("Only caseworkers of every office in the export may export personal data."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you need the personal data; the export is logged.")})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError({"reason": _("At most %(limit)d characters.") % {"limit": MAX_REASON_LENGTH}})
    return reason


def export_cases(
    *, user: User, access: CaseworkAccess, case_filter: CaseFilter, personal: bool = False, reason: str = ""
) -> tuple[bytes, int]:
    """The case list as XLSX; with personal data only for a handler of every office, with a reason, logged once."""
    office_ids = case_filter.office_ids if case_filter.office_ids is not None else access.handles | access.reads
    if personal:
        reason = check_personal_export(access, frozenset(office_ids), reason)
    cases = filtered_cases(access, case_filter).iterator(chunk_size=500)
    label = "含个人信息，严禁外传" if personal else "个人信息已脱敏"
    title = f"案件清单（{label}）导出时间：{timezone.localtime():%Y-%m-%d %H:%M}"
    content, count = case_list_workbook(cases, personal=personal, title=title)
    if personal:
        PersonalDataAccess.objects.create(
            user=user, kind=PersonalDataAccess.Kind.EXPORT, reason=reason, detail=str(count), case=None
        )
    return content, count


def case_list_filename(*, personal: bool) -> str:
    suffix = "（含个人信息）" if personal else ""
    return f"案件清单{suffix}-{timezone.localdate():%Y%m%d}.xlsx"


# --- the access log -------------------------------------------------------------------------------


def access_log(access: CaseworkAccess) -> QuerySet[PersonalDataAccess]:
    """Accesses to the personal data of the user's offices: views of their cases, and exports by their caseworkers.

    An export row has no case; it belongs to the offices its author handles (exports need that).
    """
    rows = PersonalDataAccess.objects.select_related("user", "case").order_by("-at", "-pk")
    if access.is_superuser:
        return rows
    offices = access.handles | access.reads
    caseworkers = Membership.objects.filter(role=Membership.Role.CASEWORKER, unit_id__in=offices).values("user_id")
    return rows.filter(Q(case__office_id__in=offices) | Q(case__isnull=True, user_id__in=caseworkers))


def access_log_users(access: CaseworkAccess) -> QuerySet[User]:
    """Whom the log can be filtered by: the users who appear in it."""
    return User.objects.filter(pk__in=access_log(access).values("user_id")).order_by("display_name", "username")
