"""The report endpoints: writing with figures, reading, versions, review, photos, confirming figures."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ipweek.api.tests.helpers import campaign_url, error_of, send
from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.permissions import access_for
from ipweek.campaigns.tests.factories import ActivityFactory
from ipweek.core.models import AuditEvent
from ipweek.reporting.models import ActivityReport, Figure, Photo
from ipweek.reporting.services.reports import visible_reports
from ipweek.reporting.tests.factories import (
    ActivityReportFactory,
    FigureFactory,
    PhotoFactory,
    exif_with_place,
    image_bytes,
    upload,
)

Status = ActivityReport.Status
Kind = ActivityReport.Kind

CLOSING = {
    "kind": "closing",
    "title": "宣讲活动总结",
    "body": "<p>活动顺利。</p><script>alert(1)</script>",
    "figures": [
        {"metric": "participants", "value": 320},
        {"metric": "materials", "value": "500", "unit": "份"},
        {"metric": "other", "label": "展板", "value": "12.5", "unit": "块"},
    ],
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def draft(activity_of_a, unit_a):
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a, title="宣讲总结", version=2)
    FigureFactory(report=report, value=Decimal(120))
    return report


@pytest.fixture
def submitted(activity_of_a, unit_a):
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a, status=Status.SUBMITTED)
    FigureFactory(report=report, value=Decimal(120))
    return report


@pytest.fixture
def approved(activity_of_a, unit_a):
    return ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.NEWS, status=Status.APPROVED)


@pytest.fixture
def flagged(submitted):
    """A figure of the submitted report that is unusually large for a city, vouched for by the unit."""
    return FigureFactory(
        report=submitted, metric=Figure.Metric.MATERIALS, value=Decimal(9_000_000), needs_confirmation=True
    )


def reports_url(campaign, query=""):
    return campaign_url(campaign, "/reports" + query)


def create_url(activity):
    return campaign_url(activity.campaign, f"/activities/{activity.pk}/reports")


def report_url(report, action=""):
    return campaign_url(report.activity.campaign, f"/reports/{report.pk}" + (f"/{action}" if action else ""))


def post(client, url):
    return client.generic("POST", url)


def rows():
    return ActivityReport.objects.count(), Figure.objects.count(), Photo.objects.count()


# ---- create


def test_report_create_by_a_liaison_saves_the_report_and_its_figures(client, coordinator_li, activity_of_a, unit_a):
    client.force_login(coordinator_li)

    response = send(client, "post", create_url(activity_of_a), CLOSING)

    body = response.json()
    report = ActivityReport.objects.get()
    assert response.status_code == 201
    assert (report.unit, report.kind, report.status, report.title) == (
        unit_a,
        Kind.CLOSING,
        Status.DRAFT,
        "宣讲活动总结",
    )
    assert "script" not in report.body
    assert [(f["metric"], f["value"], f["unit"]) for f in body["figures"]] == [
        ("participants", "320.00", "人次"),
        ("materials", "500.00", "份"),
        ("other", "12.50", "块"),
    ]
    assert body["figures"][2]["label"] == "展板"
    assert (body["can_edit"], body["activity_title"], body["version"]) == (True, "知识产权进企业宣讲", report.version)


def test_a_report_created_through_the_api_is_one_the_pages_show(client, coordinator_li, admin_zhang, activity_of_a):
    client.force_login(coordinator_li)
    report_id = send(client, "post", create_url(activity_of_a), CLOSING).json()["id"]

    campaign = activity_of_a.campaign
    assert list(visible_reports(access_for(admin_zhang, campaign)).values_list("pk", flat=True)) == [report_id]
    client.force_login(admin_zhang)
    page = client.get(reverse("reporting:report", args=[campaign.pk, report_id]))
    assert page.status_code == 200
    assert "宣讲活动总结" in page.content.decode()
    assert AuditEvent.objects.filter(action="report.figures_set", actor=coordinator_li).exists()


def test_report_create_by_office_staff_reports_as_the_lead_unit(client, admin_zhang, activity_of_a, unit_a):
    client.force_login(admin_zhang)

    response = send(client, "post", create_url(activity_of_a), {"kind": "news", "title": "今日快讯"})

    assert response.status_code == 201
    assert response.json()["unit"]["id"] == unit_a.pk
    assert response.json()["figures"] == []


def test_report_create_flags_an_unusually_large_figure(client, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = send(
        client,
        "post",
        create_url(activity_of_a),
        {**CLOSING, "figures": [{"metric": "participants", "value": 6_000_000}]},
    )

    assert response.status_code == 201
    assert response.json()["figures"][0]["needs_confirmation"] is True


@pytest.mark.parametrize(
    ("figures", "field"),
    [
        ([{"metric": "participants", "value": -1}], "figures.0.value"),
        ([{"metric": "materials", "value": 5}, {"metric": "participants", "value": "-20"}], "figures.1.value"),
        ([{"metric": "participants", "value": 10**9}], "figures.0.value"),
        ([{"metric": "participants", "value": "3.5"}], "figures.0.value"),
        ([{"metric": "participants", "value": 3, "unit": "人"}], "figures.0.unit"),
        ([{"metric": "other", "value": 3}], "figures.0.label"),
        ([{"metric": "participants", "value": 3}, {"metric": "participants", "value": 4}], "figures.1.metric"),
        ([{"metric": "picnic", "value": 3}], "figures.metric"),
        ([{"metric": "participants", "value": "很多"}], "figures.value"),
        ([{"metric": "participants", "value": "Infinity"}], "figures.value"),
        ([{"metric": "participants"}], "figures.value"),
        ([{"metric": "participants", "value": 1, "colour": "red"}], "figures.colour"),
        ([{"metric": "participants", "value": n} for n in range(41)], "figures"),
    ],
)
def test_report_create_with_a_bad_figure_is_422_naming_it_and_saves_nothing(
    client, coordinator_li, activity_of_a, figures, field
):
    client.force_login(coordinator_li)

    response = send(client, "post", create_url(activity_of_a), {**CLOSING, "figures": figures})

    error = error_of(response, 422)
    assert field in error["fields"], error
    assert rows() == (0, 0, 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "memo"}, "kind"),
        ({"title": " "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"kind": "news"}, "figures"),  # same-day news carries no figures
        ({"titel": "拼错"}, "titel"),
    ],
)
def test_report_create_bad_input_is_422(client, coordinator_li, activity_of_a, changes, field):
    client.force_login(coordinator_li)

    response = send(client, "post", create_url(activity_of_a), {**CLOSING, **changes})

    assert field in error_of(response, 422)["fields"]
    assert rows() == (0, 0, 0)


def test_report_create_refuses_a_second_closing_report_of_the_unit(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = send(client, "post", create_url(draft.activity), CLOSING)

    assert "kind" in error_of(response, 422)["fields"]
    assert ActivityReport.objects.count() == 1


def test_report_create_for_another_units_activity_is_404(client, outsider_wang, activity_of_a):
    Activity.objects.filter(pk=activity_of_a.pk).update(status=Activity.Status.CONFIRMED)
    client.force_login(outsider_wang)

    response = send(client, "post", create_url(activity_of_a), CLOSING)

    assert error_of(response, 404)["code"] == "not_found"
    assert rows() == (0, 0, 0)


def test_report_create_by_a_viewer_is_403(client, viewer_zhao, activity_of_a):
    client.force_login(viewer_zhao)

    response = send(client, "post", create_url(activity_of_a), CLOSING)

    assert error_of(response, 403)["code"] == "permission_denied"
    assert rows() == (0, 0, 0)


def test_report_create_anonymous_is_401(client, activity_of_a):
    response = send(client, "post", create_url(activity_of_a), CLOSING)

    assert response.status_code == 401
    assert rows() == (0, 0, 0)


def test_report_create_in_a_reported_campaign_is_403(client, coordinator_li, activity_of_a):
    Campaign.objects.filter(pk=activity_of_a.campaign_id).update(status=Campaign.Status.REPORTED)
    client.force_login(coordinator_li)

    response = send(client, "post", create_url(activity_of_a), CLOSING)

    assert response.status_code == 403


# ---- read


def test_report_list_for_office_staff_has_every_report_with_figures(client, admin_zhang, draft, approved):
    client.force_login(admin_zhang)

    response = client.get(reports_url(draft.activity.campaign))

    assert response.status_code == 200
    assert {row["id"] for row in response.json()} == {draft.pk, approved.pk}
    by_id = {row["id"]: row for row in response.json()}
    assert by_id[draft.pk]["figures"][0]["value"] == "120.00"


def test_report_list_filters_by_kind_and_status(client, admin_zhang, draft, approved):
    client.force_login(admin_zhang)
    campaign = draft.activity.campaign

    news = client.get(reports_url(campaign, "?kind=news"))
    drafts = client.get(reports_url(campaign, "?status=draft&kind=closing"))
    bad = client.get(reports_url(campaign, "?status=lost"))

    assert [row["id"] for row in news.json()] == [approved.pk]
    assert [row["id"] for row in drafts.json()] == [draft.pk]
    assert "status" in error_of(bad, 422)["fields"]


def test_report_list_shows_other_units_only_approved_reports(client, outsider_wang, viewer_zhao, draft, approved):
    for persona in (outsider_wang, viewer_zhao):
        client.force_login(persona)

        response = client.get(reports_url(draft.activity.campaign))

        assert [row["id"] for row in response.json()] == [approved.pk]
        assert response.json()[0]["can_edit"] is False


def test_report_list_queries_do_not_grow(client, admin_zhang, draft, django_assert_max_num_queries):
    for _ in range(3):
        report = ActivityReportFactory(activity=ActivityFactory(campaign=draft.activity.campaign), kind=Kind.NEWS)
        PhotoFactory(report=report)
        FigureFactory(report=ActivityReportFactory(activity=report.activity))
    client.force_login(admin_zhang)

    with django_assert_max_num_queries(12):
        response = client.get(reports_url(draft.activity.campaign))

    assert len(response.json()) == 7


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_report_list_refused_without_a_role(client, campaign, stranger, who):
    if who == "stranger":
        client.force_login(stranger)

    response = client.get(reports_url(campaign))

    assert response.status_code == (401 if who == "anonymous" else 404)


def test_report_get_by_the_unit(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = client.get(report_url(draft))

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["version"], response.json()["can_edit"]) == ("宣讲总结", 2, True)


def test_report_get_of_another_units_draft_is_404(client, outsider_wang, viewer_zhao, draft):
    for persona in (outsider_wang, viewer_zhao):
        client.force_login(persona)

        assert error_of(client.get(report_url(draft)), 404)["code"] == "not_found"


def test_report_get_of_another_campaigns_report_is_404(client, admin_zhang, campaign):
    elsewhere = ActivityReportFactory()
    client.force_login(admin_zhang)

    response = client.get(campaign_url(campaign, f"/reports/{elsewhere.pk}"))

    assert response.status_code == 404


# ---- change


def test_report_patch_changes_what_is_sent_and_raises_the_version(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = send(client, "patch", report_url(draft), {"title": "宣讲总结（修订）", "version": 2})

    draft.refresh_from_db()
    assert response.status_code == 200
    assert (draft.title, draft.body, draft.version) == ("宣讲总结（修订）", "<p>活动顺利开展。</p>", 3)
    assert response.json()["version"] == 3
    assert [f["value"] for f in response.json()["figures"]] == ["120.00"]  # figures not sent: kept


def test_report_patch_replaces_the_figures_when_sent(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = send(
        client, "patch", report_url(draft), {"figures": [{"metric": "consultations", "value": 45}], "version": 2}
    )

    assert response.status_code == 200
    assert list(draft.figures.values_list("metric", "value")) == [("consultations", Decimal(45))]


def test_report_patch_with_a_stale_version_is_409_and_changes_nothing(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    first = send(client, "patch", report_url(draft), {"title": "甲的修改", "version": 2})
    second = send(
        client, "patch", report_url(draft), {"title": "乙的修改", "figures": [], "version": 2}
    )  # read before the first

    draft.refresh_from_db()
    assert first.status_code == 200
    error = error_of(second, 409)
    assert (error["code"], list(error["fields"])) == ("stale_version", ["version"])
    assert (draft.title, draft.figures.count()) == ("甲的修改", 1)


def test_report_patch_with_a_bad_figure_keeps_the_title_too(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = send(
        client,
        "patch",
        report_url(draft),
        {"title": "新标题", "figures": [{"metric": "participants", "value": -3}], "version": 2},
    )

    draft.refresh_from_db()
    assert "figures.0.value" in error_of(response, 422)["fields"]
    assert (draft.title, draft.version) == ("宣讲总结", 2)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "无版本"}, "version"),
        ({"title": None, "version": 2}, "title"),
        ({"kind": "news", "version": 2}, "kind"),
    ],
)
def test_report_patch_bad_input_is_422(client, coordinator_li, draft, body, field):
    client.force_login(coordinator_li)

    response = send(client, "patch", report_url(draft), body)

    assert field in error_of(response, 422)["fields"]


def test_report_patch_of_a_submitted_report_is_422(client, coordinator_li, submitted):
    client.force_login(coordinator_li)

    response = send(client, "patch", report_url(submitted), {"title": "改", "version": submitted.version})

    assert set(error_of(response, 422)["fields"]) == {"__all__"}


def test_report_patch_by_a_viewer_is_403_and_by_another_unit_404(client, viewer_zhao, outsider_wang, approved, draft):
    client.force_login(viewer_zhao)
    by_viewer = send(client, "patch", report_url(approved), {"title": "改", "version": 1})
    client.force_login(outsider_wang)
    by_other_unit = send(client, "patch", report_url(draft), {"title": "改", "version": 2})

    assert error_of(by_viewer, 403)["code"] == "permission_denied"
    assert error_of(by_other_unit, 404)["code"] == "not_found"


# ---- review


def test_report_submit_by_the_unit(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = post(client, report_url(draft, "submit"))

    draft.refresh_from_db()
    assert response.status_code == 200
    assert (draft.status, draft.submitted_by) == (Status.SUBMITTED, coordinator_li)
    assert response.json()["can_edit"] is False


def test_report_submit_of_a_closing_report_without_figures_is_422(client, coordinator_li, activity_of_a, unit_a):
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a)
    client.force_login(coordinator_li)

    response = post(client, report_url(report, "submit"))

    assert "figures" in error_of(response, 422)["fields"]


def test_report_submit_with_an_unvouched_flagged_figure_is_422(client, coordinator_li, draft):
    FigureFactory(report=draft, metric=Figure.Metric.MATERIALS, value=Decimal(9_000_000), needs_confirmation=True)
    client.force_login(coordinator_li)

    response = post(client, report_url(draft, "submit"))

    assert "figures" in error_of(response, 422)["fields"]
    assert ActivityReport.objects.get().status == Status.DRAFT


def test_report_submit_by_a_viewer_is_403(client, viewer_zhao, approved):
    client.force_login(viewer_zhao)

    assert post(client, report_url(approved, "submit")).status_code == 403


def test_report_approve_by_office_staff_with_a_comment(client, admin_zhang, submitted):
    client.force_login(admin_zhang)

    response = send(client, "post", report_url(submitted, "approve"), {"comment": "很好。"})

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["review_comment"]) == ("approved", "很好。")


def test_report_approve_without_a_body(client, admin_zhang, submitted):
    client.force_login(admin_zhang)

    response = post(client, report_url(submitted, "approve"))

    assert response.json()["status"] == "approved"


def test_report_approve_by_the_units_liaison_is_403(client, coordinator_li, submitted):
    client.force_login(coordinator_li)

    response = post(client, report_url(submitted, "approve"))

    assert error_of(response, 403)["code"] == "permission_denied"
    assert ActivityReport.objects.get().status == Status.SUBMITTED


def test_report_approve_by_a_viewer_is_403_or_404_as_they_see_it(client, viewer_zhao, submitted, approved):
    client.force_login(viewer_zhao)

    unseen = post(client, report_url(submitted, "approve"))  # readers see approved reports only
    seen = post(client, report_url(approved, "publish"))

    assert (unseen.status_code, error_of(seen, 403)["code"]) == (404, "permission_denied")


def test_report_approve_of_another_units_draft_is_404_for_a_liaison(client, outsider_wang, draft):
    client.force_login(outsider_wang)

    assert post(client, report_url(draft, "approve")).status_code == 404


def test_report_approve_of_a_draft_is_422(client, admin_zhang, draft):
    client.force_login(admin_zhang)

    response = post(client, report_url(draft, "approve"))

    assert set(error_of(response, 422)["fields"]) == {"__all__"}


def test_report_approve_with_a_flagged_figure_is_422_until_confirmed(client, admin_zhang, submitted, flagged):
    client.force_login(admin_zhang)

    refused = post(client, report_url(submitted, "approve"))
    confirmed = post(client, campaign_url(submitted.activity.campaign, f"/figures/{flagged.pk}/confirm"))
    approved = post(client, report_url(submitted, "approve"))

    assert "figures" in error_of(refused, 422)["fields"]
    assert confirmed.status_code == 200
    assert (confirmed.json()["needs_confirmation"], confirmed.json()["confirmed"]) == (False, True)
    assert approved.json()["status"] == "approved"


def test_report_return_needs_a_comment(client, admin_zhang, submitted):
    client.force_login(admin_zhang)

    missing = send(client, "post", report_url(submitted, "return"), {})
    returned = send(client, "post", report_url(submitted, "return"), {"comment": "请补充照片。"})

    assert "comment" in error_of(missing, 422)["fields"]
    assert (returned.json()["status"], returned.json()["can_edit"]) == ("returned", True)


def test_report_return_by_the_unit_is_403(client, coordinator_li, submitted):
    client.force_login(coordinator_li)

    response = send(client, "post", report_url(submitted, "return"), {"comment": "收回"})

    assert response.status_code == 403


def test_report_publish(client, admin_zhang, approved):
    client.force_login(admin_zhang)

    response = post(client, report_url(approved, "publish"))

    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert response.json()["published_at"] is not None


def test_report_publish_of_a_submitted_report_is_422(client, admin_zhang, submitted):
    client.force_login(admin_zhang)

    assert "__all__" in error_of(post(client, report_url(submitted, "publish")), 422)["fields"]


def test_report_publish_by_a_liaison_is_403(client, coordinator_li, approved):
    client.force_login(coordinator_li)

    assert post(client, report_url(approved, "publish")).status_code == 403


@pytest.mark.parametrize("action", ["submit", "approve", "publish"])
def test_report_actions_anonymous_are_401(client, approved, action):
    assert post(client, report_url(approved, action)).status_code == 401


# ---- figures


def test_figure_confirm_by_a_liaison_is_403(client, coordinator_li, flagged):
    client.force_login(coordinator_li)

    response = post(client, campaign_url(flagged.report.activity.campaign, f"/figures/{flagged.pk}/confirm"))

    flagged.refresh_from_db()
    assert error_of(response, 403)["code"] == "permission_denied"
    assert flagged.needs_confirmation is True


def test_figure_confirm_of_a_figure_that_needs_none_is_422(client, admin_zhang, submitted):
    figure = submitted.figures.get()
    client.force_login(admin_zhang)

    response = post(client, campaign_url(submitted.activity.campaign, f"/figures/{figure.pk}/confirm"))

    assert set(error_of(response, 422)["fields"]) == {"__all__"}


def test_figure_confirm_of_another_campaigns_figure_is_404(client, admin_zhang, campaign):
    elsewhere = FigureFactory(needs_confirmation=True)
    client.force_login(admin_zhang)

    response = post(client, campaign_url(campaign, f"/figures/{elsewhere.pk}/confirm"))

    assert response.status_code == 404


def test_figure_confirm_of_an_unseen_report_is_404_for_a_liaison(client, outsider_wang, activity_of_a, unit_a):
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a)
    figure = FigureFactory(report=report, needs_confirmation=True)
    client.force_login(outsider_wang)

    assert post(client, campaign_url(activity_of_a.campaign, f"/figures/{figure.pk}/confirm")).status_code == 404


# ---- photos


def photo_post(client, report, data, **extra):
    return client.post(report_url(report, "photos"), data, **extra)


def test_photo_upload_keeps_time_and_place_and_answers_with_the_published_copy(client, coordinator_li, draft):
    client.force_login(coordinator_li)
    jpeg = image_bytes(exif=exif_with_place(taken="2025:04:21 09:30:00"))

    response = photo_post(client, draft, {"file": upload(jpeg, "现场.jpg"), "caption": "宣讲现场"})

    photo = Photo.objects.get()
    body = response.json()
    assert response.status_code == 201
    assert (photo.report, photo.caption, photo.latitude is not None) == (draft, "宣讲现场", True)
    assert body["taken_at"] == "2025-04-21T01:30:00Z"  # 09:30 in Beijing
    assert body["url"].startswith("http://testserver/media/reports/published/")
    assert "latitude" not in body
    assert client.get(report_url(draft)).json()["photos"][0]["id"] == photo.pk


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "photo.jpg"),
        (b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.\r\n", "photo.jpg"),
        (image_bytes() + b"PK\x03\x04" + b"\x00" * 40 + b"payload.exe", "photo.jpg"),
        (image_bytes("PNG") + b"<?php system($_GET['c']); ?>", "photo.png"),
        (b"", "empty.jpg"),
    ],
)
def test_photo_upload_of_something_that_is_not_a_clean_image_is_422(client, coordinator_li, draft, data, name):
    client.force_login(coordinator_li)

    response = photo_post(client, draft, {"file": upload(data, name), "caption": "现场"})

    assert "file" in error_of(response, 422)["fields"]
    assert Photo.objects.count() == 0


def test_photo_upload_too_large_is_422(client, coordinator_li, draft, settings):
    settings.IPWEEK_PHOTO_MAX_BYTES = 100
    client.force_login(coordinator_li)

    response = photo_post(client, draft, {"file": upload(image_bytes(size=(200, 200)))})

    assert "file" in error_of(response, 422)["fields"]


@pytest.mark.parametrize(
    ("data", "field"),
    [({"caption": "没有文件"}, "file"), ({"caption": "长" * 201, "file": "photo"}, "caption")],
)
def test_photo_upload_bad_form_is_422(client, coordinator_li, draft, data, field):
    if data.get("file") == "photo":
        data["file"] = upload(image_bytes())
    client.force_login(coordinator_li)

    response = photo_post(client, draft, data)

    assert field in error_of(response, 422)["fields"]
    assert Photo.objects.count() == 0


def test_photo_upload_to_a_submitted_report_is_422(client, coordinator_li, submitted):
    client.force_login(coordinator_li)

    response = photo_post(client, submitted, {"file": upload(image_bytes())})

    assert "file" in error_of(response, 422)["fields"]


def test_photo_upload_refused_to_others(client, viewer_zhao, outsider_wang, approved, draft):
    client.force_login(viewer_zhao)
    by_viewer = photo_post(client, approved, {"file": upload(image_bytes())})
    client.force_login(outsider_wang)
    by_other_unit = photo_post(client, draft, {"file": upload(image_bytes())})
    client.logout()
    anonymous = photo_post(client, draft, {"file": upload(image_bytes())})

    assert (by_viewer.status_code, by_other_unit.status_code, anonymous.status_code) == (403, 404, 401)
    assert Photo.objects.count() == 0
