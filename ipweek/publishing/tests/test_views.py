import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ipweek.publishing.models import Asset, ChannelDelivery, Post, Screen
from ipweek.publishing.tests.factories import ApprovedPostFactory, PostFactory, ScreenFactory
from ipweek.reporting.models import ActivityReport
from ipweek.reporting.tests.factories import ActivityReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(campaign):
    return PostFactory(campaign=campaign)


@pytest.fixture
def stranger(db):
    from ipweek.campaigns.tests.factories import UserFactory

    return UserFactory(username="stranger")


def _urls(campaign, post):
    return [
        ("get", reverse("publishing:posts", args=[campaign.pk])),
        ("get", reverse("publishing:post_create", args=[campaign.pk])),
        ("get", reverse("publishing:post_edit", args=[campaign.pk, post.pk])),
        ("post", reverse("publishing:post_submit", args=[campaign.pk, post.pk])),
        ("post", reverse("publishing:post_approve", args=[campaign.pk, post.pk])),
        ("post", reverse("publishing:post_withdraw", args=[campaign.pk, post.pk])),
        ("get", reverse("publishing:post_channels", args=[campaign.pk, post.pk])),
        ("post", reverse("publishing:promote_report", args=[campaign.pk])),
        ("get", reverse("publishing:assets", args=[campaign.pk])),
        ("get", reverse("publishing:screens", args=[campaign.pk])),
    ]


def test_pages_send_anonymous_visitors_to_login(client, campaign, post):
    for method, url in _urls(campaign, post):
        response = getattr(client, method)(url)

        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_pages_are_forbidden_to_a_liaison(client, campaign, post, coordinator_li):
    client.force_login(coordinator_li)

    statuses = {url: getattr(client, method)(url).status_code for method, url in _urls(campaign, post)}

    post.refresh_from_db()
    assert set(statuses.values()) == {403}
    assert post.status == Post.Status.DRAFT


def test_pages_are_hidden_from_strangers(client, campaign, post, stranger):
    client.force_login(stranger)

    statuses = {url: getattr(client, method)(url).status_code for method, url in _urls(campaign, post)}

    assert set(statuses.values()) == {404}


def test_office_sees_every_page(client, campaign, post, admin_zhang):
    client.force_login(admin_zhang)

    statuses = {url: client.get(url).status_code for method, url in _urls(campaign, post) if method == "get"}

    assert set(statuses.values()) == {200}


def test_post_of_another_campaign_is_404(client, campaign, admin_zhang):
    other = PostFactory()
    client.force_login(admin_zhang)

    response = client.get(reverse("publishing:post_edit", args=[campaign.pk, other.pk]))

    assert response.status_code == 404


def test_create_post_saves_a_sanitised_draft(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = client.post(
        reverse("publishing:post_create", args=[campaign.pk]),
        {"kind": "news", "title": "启动仪式", "summary": "", "body": "<p>正文</p><script>x</script>"},
    )

    post = Post.objects.get()
    assert response.status_code == 302
    assert (post.status, post.body, post.created_by) == (Post.Status.DRAFT, "<p>正文</p>", admin_zhang)


def test_create_post_without_title_is_400(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = client.post(reverse("publishing:post_create", args=[campaign.pk]), {"kind": "news", "title": ""})

    assert response.status_code == 400
    assert not Post.objects.exists()


def test_edit_post_changes_it(client, campaign, post, admin_zhang):
    client.force_login(admin_zhang)

    response = client.post(
        reverse("publishing:post_edit", args=[campaign.pk, post.pk]), {"kind": "release", "title": "新标题", "body": ""}
    )

    post.refresh_from_db()
    assert response.status_code == 302
    assert (post.title, post.kind) == ("新标题", Post.Kind.RELEASE)


def test_submit_then_approve_now_makes_the_post_public(client, campaign, post, admin_zhang):
    client.force_login(admin_zhang)

    client.post(reverse("publishing:post_submit", args=[campaign.pk, post.pk]))
    response = client.post(reverse("publishing:post_approve", args=[campaign.pk, post.pk]), {"publish_at": ""})

    post.refresh_from_db()
    assert response.status_code == 302
    assert post.status == Post.Status.APPROVED
    assert list(Post.objects.public()) == [post]


def test_approve_with_a_future_time_holds_the_post(client, campaign, post, admin_zhang):
    client.force_login(admin_zhang)
    briefing = timezone.localtime() + dt.timedelta(days=2)

    client.post(
        reverse("publishing:post_approve", args=[campaign.pk, post.pk]),
        {"publish_at": briefing.strftime("%Y-%m-%dT%H:%M")},
    )

    post.refresh_from_db()
    assert post.status == Post.Status.APPROVED
    assert post.publish_at == briefing.replace(second=0, microsecond=0)
    assert not Post.objects.public().exists()
    assert Post.objects.public(post.publish_at).exists()


def test_approve_with_a_malformed_time_changes_nothing(client, campaign, post, admin_zhang):
    client.force_login(admin_zhang)

    response = client.post(reverse("publishing:post_approve", args=[campaign.pk, post.pk]), {"publish_at": "soon"})

    post.refresh_from_db()
    assert response.status_code == 302
    assert post.status == Post.Status.DRAFT


def test_withdraw_takes_the_post_down(client, campaign, admin_zhang):
    post = ApprovedPostFactory(campaign=campaign)
    client.force_login(admin_zhang)

    client.post(reverse("publishing:post_withdraw", args=[campaign.pk, post.pk]))

    post.refresh_from_db()
    assert post.status == Post.Status.WITHDRAWN


def test_channels_page_marks_a_delivery(client, campaign, admin_zhang):
    post = ApprovedPostFactory(campaign=campaign)
    screen = ScreenFactory(campaign=campaign)
    client.force_login(admin_zhang)
    url = reverse("publishing:post_channels", args=[campaign.pk, post.pk])

    response = client.post(url, {"channel": "led", "screen": screen.pk})
    page = client.get(url)

    assert response.status_code == 302
    assert ChannelDelivery.objects.filter(post=post, channel="led", screen=screen).count() == 1
    assert page.status_code == 200


def test_channels_page_refuses_a_delivery_before_publication(client, campaign, post, admin_zhang):
    client.force_login(admin_zhang)

    response = client.post(reverse("publishing:post_channels", args=[campaign.pk, post.pk]), {"channel": "qq"})

    assert response.status_code == 400
    assert not ChannelDelivery.objects.exists()


def test_promote_report_makes_a_draft_once(client, campaign, admin_zhang, activity_of_a):
    report = ActivityReportFactory(activity=activity_of_a, status=ActivityReport.Status.PUBLISHED)
    client.force_login(admin_zhang)
    url = reverse("publishing:promote_report", args=[campaign.pk])

    first = client.post(url, {"report": report.pk})
    second = client.post(url, {"report": report.pk})

    assert (first.status_code, second.status_code) == (302, 302)
    assert Post.objects.filter(source_report=report, status=Post.Status.DRAFT).count() == 1


def test_promote_report_of_another_campaign_is_404(client, campaign, admin_zhang):
    report = ActivityReportFactory(status=ActivityReport.Status.APPROVED)
    client.force_login(admin_zhang)

    response = client.post(reverse("publishing:promote_report", args=[campaign.pk]), {"report": report.pk})

    assert response.status_code == 404
    assert not Post.objects.exists()


def test_assets_page_uploads_a_pdf(client, campaign, admin_zhang):
    client.force_login(admin_zhang)
    upload = SimpleUploadedFile("方案.pdf", b"%PDF-1.7\n", content_type="application/pdf")

    response = client.post(reverse("publishing:assets", args=[campaign.pk]), {"title": "方案", "file": upload})

    assert response.status_code == 302
    assert Asset.objects.get().content_type == "application/pdf"


def test_assets_page_refuses_a_renamed_program(client, campaign, admin_zhang):
    client.force_login(admin_zhang)
    upload = SimpleUploadedFile("方案.pdf", b"MZ\x90\x00" + b"\0" * 60, content_type="application/pdf")

    response = client.post(reverse("publishing:assets", args=[campaign.pk]), {"title": "方案", "file": upload})

    assert response.status_code == 400
    assert not Asset.objects.exists()


def test_screens_page_adds_a_screen(client, campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = client.post(
        reverse("publishing:screens", args=[campaign.pk]),
        {"name": "人民广场大屏", "venue": "人民广场", "char_limit": 24},
    )

    assert response.status_code == 302
    assert Screen.objects.get().char_limit == 24


@pytest.mark.parametrize("count", [1, 3])
def test_post_list_queries_do_not_grow(client, campaign, admin_zhang, activity_of_a, count, django_assert_num_queries):
    for index in range(count):
        report = ActivityReportFactory(
            activity=activity_of_a, kind=ActivityReport.Kind.NEWS, status=ActivityReport.Status.APPROVED
        )
        ApprovedPostFactory(campaign=campaign, activity=activity_of_a, source_report=report, title=f"新闻{index}")
    client.force_login(admin_zhang)

    with django_assert_num_queries(6):
        response = client.get(reverse("publishing:posts", args=[campaign.pk]))

    assert response.status_code == 200
