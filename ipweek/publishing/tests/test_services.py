import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ipweek.core.models import AuditEvent
from ipweek.publishing import services
from ipweek.publishing.models import Asset, Post
from ipweek.publishing.tests.factories import PostFactory
from ipweek.reporting.models import ActivityReport
from ipweek.reporting.tests.factories import ActivityReportFactory

NOW = dt.datetime(2027, 4, 20, 9, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.django_db


def test_create_post_sanitises_body_and_audits(campaign, admin_zhang):
    data = {"title": " 启动仪式 ", "body": '<p onclick="x()">正文</p><script>alert(1)</script>', "kind": "news"}

    post = services.create_post(campaign=campaign, actor=admin_zhang, data=data)

    assert (post.title, post.status) == ("启动仪式", Post.Status.DRAFT)
    assert post.body == "<p>正文</p>"
    assert AuditEvent.objects.filter(action="post.created", object_id=str(post.pk)).exists()


def test_create_post_is_refused_to_a_liaison(campaign, coordinator_li):
    with pytest.raises(PermissionDenied):
        services.create_post(campaign=campaign, actor=coordinator_li, data={"title": "x"})


def test_update_post_sanitises_body(campaign, admin_zhang):
    post = PostFactory(campaign=campaign)

    services.update_post(post=post, actor=admin_zhang, data={"body": '<p>好<img src="x" onerror="y"></p>'})

    post.refresh_from_db()
    assert post.body == "<p>好</p>"


def test_update_post_refuses_an_approved_post(campaign, admin_zhang):
    post = PostFactory(campaign=campaign)
    services.approve_post(post=post, actor=admin_zhang, now=NOW)

    with pytest.raises(ValidationError):
        services.update_post(post=post, actor=admin_zhang, data={"title": "改"})


def test_submit_then_approve_publishes_now(campaign, admin_zhang):
    post = PostFactory(campaign=campaign)

    services.submit_for_approval(post=post, actor=admin_zhang)
    services.approve_post(post=post, actor=admin_zhang, now=NOW)

    post.refresh_from_db()
    assert (post.status, post.publish_at, post.approved_by) == (Post.Status.APPROVED, NOW, admin_zhang)
    assert list(Post.objects.public(NOW)) == [post]


def test_embargoed_post_is_hidden_until_its_second(campaign, admin_zhang):
    post = PostFactory(campaign=campaign)
    briefing = NOW + dt.timedelta(days=1, hours=1)

    services.approve_post(post=post, actor=admin_zhang, publish_at=briefing, now=NOW)

    one_before = briefing - dt.timedelta(microseconds=1)
    assert not Post.objects.public(one_before).exists()
    assert not Post.objects.public(briefing - dt.timedelta(seconds=1)).exists()
    assert list(Post.objects.public(briefing)) == [post]
    assert list(Post.objects.public(briefing + dt.timedelta(seconds=1))) == [post]


def test_approve_refuses_a_time_long_past(campaign, admin_zhang):
    post = PostFactory(campaign=campaign)

    with pytest.raises(ValidationError):
        services.approve_post(post=post, actor=admin_zhang, publish_at=NOW - dt.timedelta(days=1), now=NOW)

    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT


def test_withdraw_hides_an_approved_post(campaign, admin_zhang):
    post = PostFactory(campaign=campaign)
    services.approve_post(post=post, actor=admin_zhang, now=NOW)

    services.withdraw_post(post=post, actor=admin_zhang)

    assert post.status == Post.Status.WITHDRAWN
    assert not Post.objects.public(NOW + dt.timedelta(days=1)).exists()


def test_withdraw_refuses_a_draft(campaign, admin_zhang):
    post = PostFactory(campaign=campaign)

    with pytest.raises(ValidationError):
        services.withdraw_post(post=post, actor=admin_zhang)


def test_promote_report_makes_one_draft_post(campaign, admin_zhang, activity_of_a):
    report = ActivityReportFactory(
        activity=activity_of_a, title="进企业宣讲顺利举行", body="<p>内容</p>", status=ActivityReport.Status.APPROVED
    )

    first = services.promote_report(report=report, actor=admin_zhang)
    second = services.promote_report(report=report, actor=admin_zhang)

    assert first.pk == second.pk
    assert Post.objects.filter(source_report=report).count() == 1
    assert (first.title, first.body, first.status, first.kind) == (
        "进企业宣讲顺利举行",
        "<p>内容</p>",
        Post.Status.DRAFT,
        Post.Kind.NEWS,
    )
    assert AuditEvent.objects.filter(action="post.promoted").count() == 1


def test_promote_report_refuses_a_submitted_report(campaign, admin_zhang, activity_of_a):
    report = ActivityReportFactory(activity=activity_of_a, status=ActivityReport.Status.SUBMITTED)

    with pytest.raises(ValidationError):
        services.promote_report(report=report, actor=admin_zhang)

    assert not Post.objects.exists()


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("方案.pdf", b"%PDF-1.7\n%fake\n", "application/pdf"),
        ("海报.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image/png"),
        ("现场.JPG", b"\xff\xd8\xff\xe0" + b"\0" * 20, "image/jpeg"),
        ("报告.docx", _docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_add_asset_accepts_files_whose_content_matches(campaign, admin_zhang, name, content, content_type):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")

    asset = services.add_asset(campaign=campaign, actor=admin_zhang, upload=upload)

    assert (asset.content_type, asset.size) == (content_type, len(content))
    assert AuditEvent.objects.filter(action="asset.added", object_id=str(asset.pk)).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("方案.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 50),  # a Windows program renamed .pdf
        ("报告.docx", b"%PDF-1.7\n"),  # a PDF renamed .docx
        ("打包.zip", b"PK\x03\x04 not really a zip"),
        ("程序.exe", b"MZ\x90\x00"),
        ("空.pdf", b""),
    ],
)
def test_add_asset_refuses_content_that_does_not_match(campaign, admin_zhang, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")

    with pytest.raises(ValidationError) as error:
        services.add_asset(campaign=campaign, actor=admin_zhang, upload=upload)

    assert "file" in error.value.message_dict
    assert not Asset.objects.exists()


def test_add_asset_refuses_more_than_20_mb(campaign, admin_zhang):
    upload = SimpleUploadedFile("大.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), content_type="application/pdf")

    with pytest.raises(ValidationError):
        services.add_asset(campaign=campaign, actor=admin_zhang, upload=upload)

    assert not Asset.objects.exists()


def test_add_screen_refuses_a_zero_limit(campaign, admin_zhang):
    with pytest.raises(ValidationError):
        services.add_screen(campaign=campaign, actor=admin_zhang, name="大屏", char_limit=0)
