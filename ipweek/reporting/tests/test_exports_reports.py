import csv
import zipfile
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from ipweek.campaigns.tests.factories import CampaignFactory
from ipweek.reporting.models import ActivityReport
from ipweek.reporting.tests.factories import ActivityReportFactory, FigureFactory, PhotoFactory

Status = ActivityReport.Status
Kind = ActivityReport.Kind


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reports(activity_of_a, activity_of_b, unit_a, unit_b):
    closing = ActivityReportFactory(activity=activity_of_a, unit=unit_a, title="宣讲总结", status=Status.APPROVED)
    FigureFactory(report=closing, metric="participants", value=Decimal(350))
    FigureFactory(report=closing, metric="materials", value=Decimal(1200), unit="份")
    FigureFactory(report=closing, metric="other", label="宣传经费", value=Decimal("1.50"), unit="万元")
    hidden = ActivityReportFactory(activity=activity_of_b, unit=unit_b, title="乙单位草稿")
    FigureFactory(report=hidden, value=Decimal(9))
    return closing, hidden


def export(client, user, name, campaign, **params):
    client.force_login(user)
    return client.get(reverse(f"reporting:{name}", args=[campaign.pk]), params)


def read_csv(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(StringIO(content.decode("utf-8-sig"))))


# --- reports -------------------------------------------------------------------------------------


def test_export_reports_csv_has_one_row_per_report_with_its_figures(client, admin_zhang, campaign, reports):
    closing, hidden = reports

    response = export(client, admin_zhang, "export_reports", campaign, format="csv")

    rows = read_csv(response)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, body = rows[0], rows[1:]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_id) == {str(closing.pk), str(hidden.pk)}
    closing_row = list(by_id[str(closing.pk)].values())
    assert "宣讲总结" in closing_row
    assert "350" in closing_row and "1200" in closing_row
    assert "宣传经费: 1.50万元" in closing_row


def test_export_reports_xlsx_opens_with_the_same_rows(client, admin_zhang, campaign, reports):
    closing, _hidden = reports

    response = export(client, admin_zhang, "export_reports", campaign, format="xlsx")

    sheet = load_workbook(BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert response.status_code == 200
    assert len(values) == 3
    closing_row = next(row for row in values if row[0] == closing.pk)
    assert "宣讲总结" in closing_row
    assert 350 in closing_row and 1200 in closing_row


def test_export_reports_follows_what_the_user_may_read(client, coordinator_li, viewer_zhao, campaign, reports):
    closing, _hidden = reports

    as_liaison = read_csv(export(client, coordinator_li, "export_reports", campaign, format="csv"))
    as_viewer = read_csv(export(client, viewer_zhao, "export_reports", campaign, format="csv"))

    assert [row[0] for row in as_liaison[1:]] == [str(closing.pk)]
    assert [row[0] for row in as_viewer[1:]] == [str(closing.pk)]


def test_export_reports_neutralises_spreadsheet_formulas(client, admin_zhang, campaign, activity_of_a, unit_a):
    ActivityReportFactory(activity=activity_of_a, unit=unit_a, title='=HYPERLINK("http://evil","点我")')

    rows = read_csv(export(client, admin_zhang, "export_reports", campaign, format="csv"))
    sheet = load_workbook(
        BytesIO(export(client, admin_zhang, "export_reports", campaign, format="xlsx").content)
    ).active

    assert '\'=HYPERLINK("http://evil","点我")' in rows[1]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_export_reports_refuses_an_unknown_format(client, admin_zhang, campaign):
    assert export(client, admin_zhang, "export_reports", campaign, format="pdf").status_code == 404


def test_export_reports_is_404_outside_ones_campaigns(client, outsider_wang, db):
    other = CampaignFactory(year=2031)

    assert export(client, outsider_wang, "export_reports", other, format="csv").status_code == 404


# --- figures -------------------------------------------------------------------------------------


def test_export_figures_csv_has_one_row_per_figure(client, admin_zhang, campaign, reports):
    closing, _hidden = reports

    rows = read_csv(export(client, admin_zhang, "export_figures", campaign, format="csv"))

    body = rows[1:]
    assert len(body) == 4
    closing_rows = sorted((row[6], row[8], row[9], row[10]) for row in body if row[0] == str(closing.pk))
    assert closing_rows == [
        ("materials", "", "1200", "份"),
        ("other", "宣传经费", "1.50", "万元"),
        ("participants", "", "350", "人次"),
    ]


def test_export_figures_xlsx_keeps_numbers_as_numbers(client, admin_zhang, campaign, reports):
    response = export(client, admin_zhang, "export_figures", campaign, format="xlsx")

    sheet = load_workbook(BytesIO(response.content)).active
    values = {row[6]: row[9] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == reports[0].pk}
    assert values == {"participants": 350, "materials": 1200, "other": 1.5}
    assert isinstance(values["participants"], int)


def test_export_figures_for_a_viewer_leaves_out_unapproved_reports(client, viewer_zhao, campaign, reports):
    rows = read_csv(export(client, viewer_zhao, "export_figures", campaign, format="csv"))

    assert {row[0] for row in rows[1:]} == {str(reports[0].pk)}


# --- photos --------------------------------------------------------------------------------------


def zip_names(response):
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    return archive, archive.namelist()


def test_export_photos_zips_published_copies_named_by_activity(client, admin_zhang, campaign, activity_of_a, unit_a):
    approved = ActivityReportFactory(activity=activity_of_a, unit=unit_a, status=Status.APPROVED)
    published = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.NEWS, status=Status.PUBLISHED)
    draft = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.NEWS)
    first = PhotoFactory(report=approved, caption="签到")
    PhotoFactory(report=published, caption="合影")
    PhotoFactory(report=draft, caption="未审")

    response = export(client, admin_zhang, "export_photos", campaign)

    archive, names = zip_names(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert sorted(names) == ["captions.csv", "知识产权进企业宣讲-1.jpg", "知识产权进企业宣讲-2.jpg"]
    with first.published_image.open("rb") as source:
        assert archive.read("知识产权进企业宣讲-1.jpg") == source.read()
    assert Image.open(BytesIO(archive.read("知识产权进企业宣讲-2.jpg"))).format == "JPEG"
    captions = archive.read("captions.csv").decode("utf-8-sig")
    assert "签到" in captions and "合影" in captions and "未审" not in captions


def test_export_photos_makes_activity_titles_safe_file_names(client, admin_zhang, campaign, activity_of_a, unit_a):
    activity_of_a.title = "../进校园: 讲座/展览?"
    activity_of_a.save()
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a, status=Status.PUBLISHED)
    PhotoFactory(report=report)

    _archive, names = zip_names(export(client, admin_zhang, "export_photos", campaign))

    photo_name = next(name for name in names if name.endswith(".jpg"))
    assert "/" not in photo_name and ":" not in photo_name and "?" not in photo_name
    assert photo_name.endswith("-1.jpg")


@pytest.mark.parametrize("persona", ["coordinator_li", "outsider_wang", "viewer_zhao"])
def test_export_photos_is_403_for_anyone_but_office_staff(client, campaign, persona, request):
    response = export(client, request.getfixturevalue(persona), "export_photos", campaign)

    assert response.status_code == 403


def test_export_photos_is_404_outside_ones_campaigns(client, admin_zhang, db):
    other = CampaignFactory(year=2031)

    assert export(client, admin_zhang, "export_photos", other).status_code == 404
