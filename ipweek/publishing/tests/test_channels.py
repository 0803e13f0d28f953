import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from ipweek.core.models import AuditEvent
from ipweek.publishing import channels
from ipweek.publishing.models import ChannelDelivery
from ipweek.publishing.tests.factories import ApprovedPostFactory, PostFactory, ScreenFactory

pytestmark = pytest.mark.django_db
HOSTILE_BODY = (
    '<p>第一段<script>alert(1)</script></p><p style="color:red" onclick="x()">第二段 '
    '<a href="javascript:alert(1)">坏链接</a> <a href="https://example.org/a">好链接</a></p>'
    "<ul><li>一</li><li>二</li></ul>"
)


def test_website_html_is_sanitised(campaign):
    post = PostFactory(campaign=campaign, body=HOSTILE_BODY)

    html = channels.website_html(post)

    assert "<script" not in html and "onclick" not in html and "javascript:" not in html and "style=" not in html
    assert "第一段" in html


def test_wechat_html_has_inline_styles_on_every_element_and_no_script(campaign):
    post = PostFactory(campaign=campaign, title="标题<b>", summary="摘要", body=HOSTILE_BODY)

    html = channels.wechat_html(post)

    tags = re.findall(r"<([a-z0-9]+)([^>]*)>", html)
    assert tags
    assert all('style="' in attributes for name, attributes in tags if name != "br")
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert "font-size:16px" in html and "line-height:1.75" in html
    assert "标题&lt;b&gt;" in html


def test_wechat_html_shows_image_assets_with_absolute_urls(campaign, settings):
    settings.IPWEEK_BASE_URL = "https://ipweek.example.cn"
    post = PostFactory(campaign=campaign)
    post.assets.create(campaign=campaign, title="海报", file="assets/2027/poster.png", content_type="image/png")

    html = channels.wechat_html(post)

    assert re.search(r'<img src="https://ipweek\.example\.cn/media/assets/2027/poster\.png"[^>]* style="', html)


@pytest.mark.parametrize("limit", [1, 5, 12, 20, 200])
def test_led_text_fits_the_screen(campaign, limit):
    post = PostFactory(campaign=campaign, title="知识产权宣传周\n  启动", summary="", body=HOSTILE_BODY)
    screen = ScreenFactory(campaign=campaign, char_limit=limit)

    text = channels.led_text(post, screen)

    assert len(text) <= limit
    assert "<" not in text and "\n" not in text and "  " not in text


def test_led_text_marks_a_cut_with_an_ellipsis(campaign):
    post = PostFactory(campaign=campaign, title="知识产权宣传周启动仪式在市民广场举行", summary="")
    screen = ScreenFactory(campaign=campaign, char_limit=10)

    text = channels.led_text(post, screen)

    assert text == "知识产权宣传周启动…"


def test_cut_text_keeps_combining_marks_with_their_letter():
    text = "cafe\u0301 ok"

    assert channels.cut_text(text, 5) == "caf…"


def test_qq_notice_is_plain_text_with_title_paragraphs_and_link(campaign):
    post = ApprovedPostFactory(campaign=campaign, title="通知", summary="", body=HOSTILE_BODY)

    notice = channels.qq_notice(post)

    assert "<" not in notice
    assert notice.startswith("【通知】")
    assert "第一段" in notice and "• 一" in notice
    assert f"/{campaign.year}/{campaign.region.slug}/news/{post.pk}/" in notice


def test_deliver_logs_what_went_where(campaign, admin_zhang):
    post = ApprovedPostFactory(campaign=campaign)
    screen = ScreenFactory(campaign=campaign, char_limit=8)

    delivery = channels.deliver(post, ChannelDelivery.Channel.LED, admin_zhang, screen=screen)

    assert (delivery.channel, delivery.screen, delivery.delivered_by) == ("led", screen, admin_zhang)
    assert len(delivery.content) <= 8
    assert AuditEvent.objects.filter(action="post.delivered").exists()


def test_deliver_is_refused_before_the_embargo_lifts(campaign, admin_zhang):
    post = ApprovedPostFactory(campaign=campaign, publish_at=dt.datetime(2027, 4, 26, 10, tzinfo=dt.UTC))

    with pytest.raises(ValidationError):
        channels.deliver(
            post, ChannelDelivery.Channel.QQ, admin_zhang, now=dt.datetime(2027, 4, 26, 9, 59, 59, tzinfo=dt.UTC)
        )

    assert not ChannelDelivery.objects.exists()


def test_deliver_to_led_needs_a_screen(campaign, admin_zhang):
    post = ApprovedPostFactory(campaign=campaign)

    with pytest.raises(ValidationError):
        channels.deliver(post, ChannelDelivery.Channel.LED, admin_zhang)
