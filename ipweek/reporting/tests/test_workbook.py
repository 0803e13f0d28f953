import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from ipweek.reporting.tests.test_summary_builder import build_summary_campaign
from ipweek.reporting.workbook import statistics_workbook


@pytest.fixture
def summary_campaign(campaign, unit_a, unit_b):
    return build_summary_campaign(campaign, unit_a, unit_b)


@pytest.fixture
def book(summary_campaign):
    return load_workbook(BytesIO(statistics_workbook(summary_campaign)))


def _rows(sheet):
    return {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] is not None}


def _column(sheet, header):
    headers = [cell.value for cell in sheet[1]]
    return headers.index(header)


def test_workbook_has_one_sheet_per_table(book):
    assert book.sheetnames == ["汇总", "按类别", "按地区", "活动明细", "单位"]


def test_workbook_totals_are_numbers_with_own_and_lower_levels(book):
    sheet = book["汇总"]

    rows = _rows(sheet)
    assert [cell.value for cell in sheet[1]] == ["指标", "合计", "其中本级", "其中下级", "单位"]
    assert rows["参与群众"] == (13845, 13345, 500, "人次")
    assert rows["发放宣传资料"] == (8200, 8000, 200, "份")
    assert rows["受理投诉"] == (12, 12, 0, "件")
    assert rows["开展活动"] == (4, 3, 1, "场（项）")
    assert rows["发放环保袋"][0] == 300
    assert isinstance(rows["参与群众"][0], int)


def test_workbook_header_is_frozen_and_bold(book):
    sheet = book["汇总"]

    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width >= 16


def test_workbook_totals_of_a_campaign_without_children_have_one_value_column(campaign, unit_a):
    book = load_workbook(BytesIO(statistics_workbook(campaign)))

    assert [cell.value for cell in book["汇总"][1]] == ["指标", "合计", "单位"]
    assert _rows(book["汇总"])["参与群众"] == (0, "人次")


def test_workbook_by_category_sums_this_level(book):
    sheet = book["按类别"]
    participants = _column(sheet, "参与群众（人次）") - 1

    rows = _rows(sheet)
    assert rows["启动仪式"][0] == 1
    assert rows["启动仪式"][participants] == 12345
    assert rows["进校园活动"][participants] == 1000
    assert rows["培训活动"][participants] == 0  # its reports are a draft and a submitted one
    assert rows["合计"][:1] == (3,)
    assert rows["合计"][participants] == 13345


def test_workbook_by_region_lists_this_level_children_and_total(book):
    sheet = book["按地区"]
    participants = _column(sheet, "参与群众（人次）") - 1

    rows = _rows(sheet)
    assert list(rows) == ["示例市（本级）", "示例县", "合计"]
    assert rows["示例县"][participants] == 500
    assert rows["合计"][0] == 4
    assert rows["合计"][participants] == 13845


def test_workbook_activity_details_have_dates_leads_and_figures(book):
    sheet = book["活动明细"]
    participants = _column(sheet, "参与群众（人次）")

    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    launch = next(row for row in rows if row[1] == "宣传周启动仪式")
    assert len(rows) == 3  # the cancelled activity is left out
    assert launch[3] == dt.datetime(2027, 4, 20)
    assert launch[6] == "示例市市场监督管理局"
    assert launch[participants] == 12345


def test_workbook_units_count_activities_led_and_reported(book):
    rows = _rows(book["单位"])

    assert rows["示例市市场监督管理局"] == (2, 0, 0, 2, 1)
    assert rows["示例市教育局"] == (1, 0, 0, 1, 1)
