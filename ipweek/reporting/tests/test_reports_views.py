from decimal import Decimal

import pytest
from django.urls import reverse

from ipweek.campaigns.models import Campaign
from ipweek.reporting.models import ActivityReport, Figure, Photo
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


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def draft(activity_of_a, unit_a):
    return ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING, title="宣讲总结")


@pytest.fixture
def submitted(activity_of_a, unit_a):
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a, status=Status.SUBMITTED)
    FigureFactory(report=report, value=Decimal(120))
    return report


@pytest.fixture
def approved(activity_of_a, unit_a):
    return ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.NEWS, status=Status.APPROVED)


def report_url(name, report, *extra):
    return reverse(f"reporting:{name}", args=[report.activity.campaign_id, report.pk, *extra])


def create_url(activity, kind="closing"):
    return reverse("reporting:report_create", args=[activity.campaign_id, activity.pk]) + f"?kind={kind}"


def form_data(*, kind="closing", title="宣讲活动总结", body="<p>活动顺利。</p>", version=None, figures=(), photos=()):
    """What the report form posts: the report, a figures formset and a photos formset."""
    data = {
        "kind": kind, "title": title, "body": body,
        "figures-TOTAL_FORMS": str(len(figures)), "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0", "figures-MAX_NUM_FORMS": "40",
        "photos-TOTAL_FORMS": str(max(1, len(photos))), "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "10",
    }  # fmt: skip
    if version is not None:
        data["version"] = str(version)
    for index, figure in enumerate(figures):
        for key, value in figure.items():
            data[f"figures-{index}-{key}"] = value
    for index, (photo, caption) in enumerate(photos):
        data[f"photos-{index}-image"] = photo
        data[f"photos-{index}-caption"] = caption
    return data


def photo_data(*photos):
    return {
        "photos-TOTAL_FORMS": str(len(photos)), "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "10",
        **{f"photos-{i}-image": photo for i, photo in enumerate(photos)},
    }  # fmt: skip


def assert_goes_to_login(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- anonymous visitors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("report", "get"), ("report_edit", "get"), ("report_submit", "post"), ("report_approve", "post"),
        ("report_return", "post"), ("report_publish", "post"), ("report_photos", "post"),
    ],
)  # fmt: skip
def test_report_pages_send_anonymous_visitors_to_login(client, draft, name, method):
    response = getattr(client, method)(report_url(name, draft))

    assert_goes_to_login(response)


@pytest.mark.parametrize("name", ["reports", "export_reports", "export_figures", "export_photos"])
def test_campaign_report_pages_send_anonymous_visitors_to_login(client, campaign, name):
    assert_goes_to_login(client.get(reverse(f"reporting:{name}", args=[campaign.pk])))


def test_create_and_figure_pages_send_anonymous_visitors_to_login(client, draft, activity_of_a):
    figure = FigureFactory(report=draft)
    photo = PhotoFactory(report=draft)

    assert_goes_to_login(client.get(create_url(activity_of_a)))
    assert_goes_to_login(client.post(report_url("figure_confirm", draft, figure.pk)))
    assert_goes_to_login(client.post(report_url("photo_delete", draft, photo.pk)))


# --- the list ------------------------------------------------------------------------------------


def listed(client, user, campaign):
    client.force_login(user)
    response = client.get(reverse("reporting:reports", args=[campaign.pk]))
    assert response.status_code == 200
    return set(response.context["reports"])


def test_report_list_depends_on_the_role(
    client, campaign, admin_zhang, coordinator_li, outsider_wang, viewer_zhao, activity_of_a, activity_of_b, unit_b
):
    own = ActivityReportFactory(activity=activity_of_a, title="甲单位草稿")
    others = ActivityReportFactory(activity=activity_of_b, unit=unit_b, title="乙单位草稿")
    published = ActivityReportFactory(activity=activity_of_b, unit=unit_b, kind=Kind.NEWS, status=Status.PUBLISHED)

    assert listed(client, admin_zhang, campaign) == {own, others, published}
    assert listed(client, coordinator_li, campaign) == {own, published}
    assert listed(client, outsider_wang, campaign) == {others, published}
    assert listed(client, viewer_zhao, campaign) == {published}


def test_report_list_offers_a_liaison_only_their_own_activities(
    client, campaign, coordinator_li, activity_of_a, activity_of_b
):
    client.force_login(coordinator_li)

    response = client.get(reverse("reporting:reports", args=[campaign.pk]))

    assert response.context["activities"] == [activity_of_a]
    assert create_url(activity_of_a, "news").split("?")[0] in response.text
    assert create_url(activity_of_b).split("?")[0] not in response.text


def test_report_list_filters_by_status(client, campaign, admin_zhang, draft, approved):
    client.force_login(admin_zhang)

    response = client.get(reverse("reporting:reports", args=[campaign.pk]), {"status": "approved"})

    assert list(response.context["reports"]) == [approved]


def test_report_list_is_hidden_from_other_campaigns_users(client, outsider_wang, db):
    from ipweek.campaigns.tests.factories import CampaignFactory

    other = CampaignFactory(year=2031)
    client.force_login(outsider_wang)

    assert client.get(reverse("reporting:reports", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_report_list_queries_do_not_grow(
    client, campaign, admin_zhang, activity_of_a, unit_a, count, django_assert_num_queries
):
    for _ in range(count):
        report = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.NEWS)
        FigureFactory(report=report)
    client.force_login(admin_zhang)

    with django_assert_num_queries(8):
        response = client.get(reverse("reporting:reports", args=[campaign.pk]))

    assert response.status_code == 200


# --- creating ------------------------------------------------------------------------------------


def test_report_create_form_is_shown_to_the_liaison(client, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = client.get(create_url(activity_of_a))

    assert response.status_code == 200
    assert {"title", "body", "kind"} <= set(response.context["form"].fields)
    assert response.context["figures"].forms[0].initial["metric"] == Figure.Metric.PARTICIPANTS


def test_report_create_saves_report_figures_and_photos(client, coordinator_li, activity_of_a, unit_a):
    client.force_login(coordinator_li)
    photo = upload(image_bytes("JPEG", exif=exif_with_place()), "IMG_0001.jpg")
    figures = [
        {"metric": "participants", "value": "350"},
        {"metric": "materials", "value": ""},  # left empty: not counted
        {"metric": "other", "label": "宣传经费", "value": "1.5", "unit": "万元"},
    ]

    response = client.post(create_url(activity_of_a), form_data(figures=figures, photos=[(photo, "宣讲现场")]))

    report = ActivityReport.objects.get()
    assert response.status_code == 302
    assert response.url == report_url("report", report)
    assert (report.kind, report.unit, report.status, report.activity) == (
        Kind.CLOSING,
        unit_a,
        Status.DRAFT,
        activity_of_a,
    )
    assert sorted(report.figures.values_list("metric", "value", "unit")) == [
        ("other", Decimal("1.50"), "万元"),
        ("participants", Decimal(350), "人次"),
    ]
    assert list(report.photos.values_list("caption", flat=True)) == ["宣讲现场"]


def test_report_create_for_another_units_activity_is_404(client, coordinator_li, activity_of_b):
    client.force_login(coordinator_li)

    get = client.get(create_url(activity_of_b))
    post = client.post(create_url(activity_of_b), form_data())

    assert (get.status_code, post.status_code) == (404, 404)
    assert not ActivityReport.objects.exists()


def test_report_create_is_404_for_a_viewer(client, viewer_zhao, activity_of_a):
    client.force_login(viewer_zhao)

    response = client.post(create_url(activity_of_a), form_data())

    assert response.status_code == 404
    assert not ActivityReport.objects.exists()


def test_report_create_as_office_staff_reports_for_the_lead_unit(client, admin_zhang, activity_of_a, unit_a):
    client.force_login(admin_zhang)

    response = client.post(create_url(activity_of_a, "news"), form_data(kind="news"))

    assert response.status_code == 302
    assert ActivityReport.objects.get().unit == unit_a


def test_report_create_refuses_a_negative_figure_and_saves_nothing(client, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = client.post(create_url(activity_of_a), form_data(figures=[{"metric": "participants", "value": "-3"}]))

    assert response.status_code == 400
    assert response.context["figures"].forms[0].errors["value"]
    assert not ActivityReport.objects.exists()


def test_report_create_refuses_a_bad_photo_and_saves_nothing(client, coordinator_li, activity_of_a, tmp_path):
    client.force_login(coordinator_li)
    fake = upload(b"MZ\x90\x00" + b"\x00" * 100, "photo.jpg")

    response = client.post(create_url(activity_of_a, "news"), form_data(kind="news", photos=[(fake, "")]))

    assert response.status_code == 400
    assert response.context["photos"].forms[0].errors["image"]
    assert not ActivityReport.objects.exists()
    assert not Photo.objects.exists()


def test_report_create_flags_an_implausible_figure_then_the_liaison_confirms_it(
    client, campaign, coordinator_li, activity_of_a
):
    Campaign.objects.filter(pk=campaign.pk).update(level=Campaign.Level.COUNTY)
    client.force_login(coordinator_li)
    huge = {"metric": "participants", "value": "2000000"}

    first = client.post(create_url(activity_of_a), form_data(figures=[huge]))

    report = ActivityReport.objects.get()
    figure = report.figures.get()
    assert first.status_code == 302
    assert first.url == report_url("report_edit", report)
    assert (figure.needs_confirmation, figure.confirmed_by) == (True, None)
    page = client.get(first.url)
    assert page.context["figures"].forms[0].is_flagged

    second = client.post(
        report_url("report_edit", report), form_data(version=report.version, figures=[{**huge, "confirm": "on"}])
    )

    figure = report.figures.get()
    assert second.status_code == 302
    assert (figure.needs_confirmation, figure.confirmed_by) == (True, coordinator_li)


def test_report_create_refuses_an_absurd_figure(client, coordinator_li, activity_of_a):
    client.force_login(coordinator_li)

    response = client.post(
        create_url(activity_of_a), form_data(figures=[{"metric": "participants", "value": "1000000000"}])
    )

    assert response.status_code == 400
    assert not ActivityReport.objects.exists()


# --- editing -------------------------------------------------------------------------------------


def test_report_edit_saves_with_the_current_version(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = client.post(report_url("report_edit", draft), form_data(title="新标题", version=draft.version))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.title == "新标题"


def test_report_edit_refuses_a_stale_version(client, coordinator_li, admin_zhang, draft):
    client.force_login(admin_zhang)
    client.post(report_url("report_edit", draft), form_data(title="办公室改的", version=1))
    client.force_login(coordinator_li)

    response = client.post(report_url("report_edit", draft), form_data(title="联络员改的", version=1))

    draft.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert draft.title == "办公室改的"


def test_report_edit_is_404_for_another_units_liaison(client, outsider_wang, draft):
    client.force_login(outsider_wang)

    get = client.get(report_url("report_edit", draft))
    post = client.post(report_url("report_edit", draft), form_data(title="篡改", version=1))

    draft.refresh_from_db()
    assert (get.status_code, post.status_code) == (404, 404)
    assert draft.title == "宣讲总结"


@pytest.mark.parametrize("persona", ["outsider_wang", "viewer_zhao"])
def test_report_edit_of_a_readable_report_is_403(client, approved, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(report_url("report_edit", approved), form_data(kind="news", title="篡改", version=1))

    approved.refresh_from_db()
    assert response.status_code == 403
    assert approved.title != "篡改"


def test_report_edit_of_a_sent_report_goes_back_to_the_report(client, coordinator_li, submitted):
    client.force_login(coordinator_li)

    response = client.get(report_url("report_edit", submitted))

    assert response.status_code == 302
    assert response.url == report_url("report", submitted)


# --- the report page -----------------------------------------------------------------------------


def test_report_page_shows_published_photos_never_the_original(client, viewer_zhao, approved):
    photo = PhotoFactory(report=approved, caption="宣讲现场")
    client.force_login(viewer_zhao)

    response = client.get(report_url("report", approved))

    assert response.status_code == 200
    assert photo.published_image.url in response.text
    assert photo.image.name not in response.text


def test_report_page_shows_the_original_to_office_staff(client, admin_zhang, approved):
    photo = PhotoFactory(report=approved)
    client.force_login(admin_zhang)

    response = client.get(report_url("report", approved))

    original = reverse("reporting:photo_original", args=[approved.activity.campaign_id, photo.pk])
    assert original in response.text
    assert photo.image.name not in response.text  # never a direct link to the file with GPS


@pytest.mark.parametrize("persona", ["outsider_wang", "viewer_zhao"])
def test_report_page_of_a_draft_is_404_to_others(client, draft, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(report_url("report", draft)).status_code == 404


def test_report_page_is_shown_to_the_units_liaison(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = client.get(report_url("report", draft))

    assert response.status_code == 200
    assert response.context["can_edit"] is True
    assert response.context["can_review"] is False


# --- submitting and reviewing --------------------------------------------------------------------


def test_report_submit_by_the_liaison(client, coordinator_li, draft):
    FigureFactory(report=draft)
    client.force_login(coordinator_li)

    response = client.post(report_url("report_submit", draft))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == Status.SUBMITTED


def test_report_submit_of_a_closing_report_without_figures_is_400(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = client.post(report_url("report_submit", draft))

    draft.refresh_from_db()
    assert response.status_code == 400
    assert draft.status == Status.DRAFT


def test_report_submit_is_404_for_another_units_liaison(client, outsider_wang, draft):
    FigureFactory(report=draft)
    client.force_login(outsider_wang)

    response = client.post(report_url("report_submit", draft))

    draft.refresh_from_db()
    assert response.status_code == 404
    assert draft.status == Status.DRAFT


def test_report_submit_only_accepts_post(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    assert client.get(report_url("report_submit", draft)).status_code == 405


def test_report_approve_by_office_staff(client, admin_zhang, submitted):
    client.force_login(admin_zhang)

    response = client.post(report_url("report_approve", submitted), {"comment": "很好"})

    submitted.refresh_from_db()
    assert response.status_code == 302
    assert (submitted.status, submitted.review_comment) == (Status.APPROVED, "很好")


@pytest.mark.parametrize("name", ["report_approve", "report_return", "report_publish"])
def test_review_is_403_for_the_units_liaison(client, coordinator_li, submitted, name):
    client.force_login(coordinator_li)

    response = client.post(report_url(name, submitted), {"comment": "自己批"})

    submitted.refresh_from_db()
    assert response.status_code == 403
    assert submitted.status == Status.SUBMITTED


@pytest.mark.parametrize("name", ["report_approve", "report_return", "report_publish"])
def test_review_is_404_for_another_units_liaison(client, outsider_wang, submitted, name):
    client.force_login(outsider_wang)

    response = client.post(report_url(name, submitted), {"comment": "x"})

    submitted.refresh_from_db()
    assert response.status_code == 404
    assert submitted.status == Status.SUBMITTED


def test_review_of_an_approved_report_is_403_for_a_viewer(client, viewer_zhao, approved):
    client.force_login(viewer_zhao)

    response = client.post(report_url("report_publish", approved))

    approved.refresh_from_db()
    assert response.status_code == 403
    assert approved.status == Status.APPROVED


def test_report_return_needs_a_comment(client, admin_zhang, submitted):
    client.force_login(admin_zhang)

    response = client.post(report_url("report_return", submitted), {"comment": ""})

    submitted.refresh_from_db()
    assert response.status_code == 400
    assert response.context["review_form"].errors["comment"]
    assert submitted.status == Status.SUBMITTED


def test_report_return_sends_it_back(client, admin_zhang, submitted):
    client.force_login(admin_zhang)

    response = client.post(report_url("report_return", submitted), {"comment": "请补充照片"})

    submitted.refresh_from_db()
    assert response.status_code == 302
    assert (submitted.status, submitted.review_comment) == (Status.RETURNED, "请补充照片")


def test_report_publish_by_office_staff(client, admin_zhang, approved):
    client.force_login(admin_zhang)

    response = client.post(report_url("report_publish", approved))

    approved.refresh_from_db()
    assert response.status_code == 302
    assert approved.status == Status.PUBLISHED
    assert approved.published_at is not None


def test_report_publish_of_a_draft_is_400(client, admin_zhang, draft):
    client.force_login(admin_zhang)

    response = client.post(report_url("report_publish", draft))

    draft.refresh_from_db()
    assert response.status_code == 400
    assert draft.status == Status.DRAFT


def test_figure_confirm_by_office_staff(client, admin_zhang, submitted):
    figure = FigureFactory(report=submitted, metric="trainings", value=Decimal(9000), needs_confirmation=True)
    client.force_login(admin_zhang)

    response = client.post(report_url("figure_confirm", submitted, figure.pk))

    figure.refresh_from_db()
    assert response.status_code == 302
    assert (figure.needs_confirmation, figure.confirmed_by) == (False, admin_zhang)


def test_figure_confirm_is_403_for_the_liaison(client, coordinator_li, submitted):
    figure = FigureFactory(report=submitted, metric="trainings", value=Decimal(9000), needs_confirmation=True)
    client.force_login(coordinator_li)

    response = client.post(report_url("figure_confirm", submitted, figure.pk))

    figure.refresh_from_db()
    assert response.status_code == 403
    assert figure.needs_confirmation is True


def test_figure_confirm_of_another_reports_figure_is_404(client, admin_zhang, submitted, activity_of_b, unit_b):
    other = ActivityReportFactory(activity=activity_of_b, unit=unit_b, kind=Kind.CLOSING)
    figure = FigureFactory(report=other, needs_confirmation=True)
    client.force_login(admin_zhang)

    response = client.post(report_url("figure_confirm", submitted, figure.pk))

    figure.refresh_from_db()
    assert response.status_code == 404
    assert figure.needs_confirmation is True


# --- photos --------------------------------------------------------------------------------------


def test_report_photos_upload_by_the_liaison(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = client.post(report_url("report_photos", draft), photo_data(upload(image_bytes("PNG"), "a.png")))

    assert response.status_code == 302
    assert draft.photos.count() == 1


def test_report_photos_refuses_a_file_that_is_not_an_image(client, coordinator_li, draft):
    client.force_login(coordinator_li)

    response = client.post(report_url("report_photos", draft), photo_data(upload(b"hello" * 100, "a.jpg")))

    assert response.status_code == 400
    assert not draft.photos.exists()


def test_report_photos_is_404_for_another_units_liaison(client, outsider_wang, draft):
    client.force_login(outsider_wang)

    response = client.post(report_url("report_photos", draft), photo_data(upload(image_bytes("JPEG"))))

    assert response.status_code == 404
    assert not draft.photos.exists()


def test_report_photos_is_403_for_a_viewer_of_an_approved_report(client, viewer_zhao, approved):
    client.force_login(viewer_zhao)

    response = client.post(report_url("report_photos", approved), photo_data(upload(image_bytes("JPEG"))))

    assert response.status_code == 403
    assert not approved.photos.exists()


def test_photo_delete_by_the_liaison(client, coordinator_li, draft):
    photo = PhotoFactory(report=draft)
    client.force_login(coordinator_li)

    response = client.post(report_url("photo_delete", draft, photo.pk))

    assert response.status_code == 302
    assert not draft.photos.exists()


def test_photo_delete_is_404_for_another_units_liaison(client, outsider_wang, draft):
    photo = PhotoFactory(report=draft)
    client.force_login(outsider_wang)

    response = client.post(report_url("photo_delete", draft, photo.pk))

    assert response.status_code == 404
    assert draft.photos.count() == 1
