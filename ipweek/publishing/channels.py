"""One post rendered for each channel, and the log of what went where.

``website_html`` is our own page's body. ``wechat_html`` is an export that staff paste into the
WeChat editor, which keeps only inline styles — so, unlike our pages, it carries ``style=`` on every
element. ``led_text`` and ``qq_notice`` are plain text.
"""

import datetime as dt
import unicodedata
from html import escape, unescape
from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.permissions import access_for
from ipweek.core.audit import record_audit
from ipweek.core.richtext import sanitize_rich_text
from ipweek.publishing.models import ChannelDelivery, Post, Screen

Channel = ChannelDelivery.Channel
ELLIPSIS = "…"
_BLOCKS = {"p", "h3", "h4", "blockquote", "li", "ul", "ol"}
_BODY_STYLE = "font-size:16px;line-height:1.75;color:#333333;"
WECHAT_STYLES = {
    "section": f"margin:0;padding:0;{_BODY_STYLE}font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;",
    "h1": "margin:0 0 12px;font-size:22px;line-height:1.4;font-weight:bold;color:#1a1a1a;",
    "summary": (
        "margin:0 0 20px;padding:8px 12px;font-size:15px;line-height:1.75;color:#666666;"
        "background-color:#f7f7f7;border-left:3px solid #c0392b;"
    ),
    "p": f"margin:0 0 16px;{_BODY_STYLE}text-align:justify;",
    "h3": "margin:24px 0 12px;font-size:18px;line-height:1.5;font-weight:bold;color:#c0392b;",
    "h4": "margin:20px 0 10px;font-size:17px;line-height:1.5;font-weight:bold;color:#1a1a1a;",
    "blockquote": f"margin:0 0 16px;padding:8px 12px;{_BODY_STYLE}color:#555555;border-left:3px solid #dddddd;",
    "ul": f"margin:0 0 16px;padding-left:24px;{_BODY_STYLE}",
    "ol": f"margin:0 0 16px;padding-left:24px;{_BODY_STYLE}",
    "li": f"margin:0 0 8px;{_BODY_STYLE}",
    "strong": "font-weight:bold;",
    "b": "font-weight:bold;",
    "em": "font-style:italic;",
    "i": "font-style:italic;",
    "u": "text-decoration:underline;",
    "a": "color:#576b95;text-decoration:none;",
    "br": "",
    "img": "display:block;max-width:100%;height:auto;margin:16px auto;",
}


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.IPWEEK_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def public_post_url(post: Post) -> str:
    """The post's address on the public site, absolute."""
    campaign = post.campaign
    try:
        path = reverse("portal:post", args=[campaign.year, campaign.region.slug, post.pk])
    except NoReverseMatch:
        # The portal owns its URLs; until it names this page, use the readable pattern it follows.
        path = f"/{campaign.year}/{campaign.region.slug}/news/{post.pk}/"
    return absolute_url(path)


def image_urls(post: Post) -> list[str]:
    """Absolute addresses of the post's pictures: its image assets and its report's published photos."""
    urls = [absolute_url(asset.file.url) for asset in post.assets.all() if asset.content_type.startswith("image/")]
    if post.source_report_id is not None:
        photos = post.source_report.photos.exclude(published_image="")  # type: ignore[union-attr]
        urls += [absolute_url(photo.published_image.url) for photo in photos]
    return urls


def website_html(post: Post) -> SafeString:
    """The post's body as our own pages show it: sanitised again on the way out."""
    return mark_safe(sanitize_rich_text(post.body))  # noqa: S308 - nh3 has just cleaned it


class _WeChatStyler(HTMLParser):
    """Re-emits sanitised HTML with an inline style on each element; drops whatever is not known."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in WECHAT_STYLES or tag in {"section", "h1", "summary", "img"}:
            return
        extra = ""
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://", "mailto:")):
                extra = f' href="{escape(href)}"'
        if tag == "br":
            self.parts.append("<br>")
            return
        self.parts.append(f'<{tag} style="{WECHAT_STYLES[tag]}"{extra}>')
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open:
                closing = self.open.pop()
                self.parts.append(f"</{closing}>")
                if closing == tag:
                    break

    def handle_data(self, data: str) -> None:
        self.parts.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.parts) + "".join(f"</{tag}>" for tag in reversed(self.open))


def wechat_html(post: Post) -> str:
    """An article ready to paste into the WeChat editor: inline styles, 16px body, 1.75 line height."""
    styler = _WeChatStyler()
    styler.feed(sanitize_rich_text(post.body))
    parts = [
        f'<section style="{WECHAT_STYLES["section"]}">',
        f'<h1 style="{WECHAT_STYLES["h1"]}">{escape(post.title)}</h1>',
    ]
    if post.summary:
        parts.append(f'<p style="{WECHAT_STYLES["summary"]}">{escape(post.summary)}</p>')
    parts.append(styler.result())
    parts += [
        f'<p style="{WECHAT_STYLES["p"]}"><img src="{escape(url)}" alt="" style="{WECHAT_STYLES["img"]}"></p>'
        for url in image_urls(post)
    ]
    parts.append("</section>")
    return "\n".join(parts)


class _TextExtractor(HTMLParser):
    """Plain text of sanitised HTML: one paragraph per block, list items with a bullet."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
            if tag == "li":
                self.current.append("• ")
        elif tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def result(self) -> list[str]:
        self.close()
        self._flush()
        return self.paragraphs


def body_paragraphs(html: str) -> list[str]:
    extractor = _TextExtractor()
    extractor.feed(sanitize_rich_text(html))
    return [unescape(paragraph) for paragraph in extractor.result()]


def _is_attached(character: str) -> bool:
    """True for characters that belong to the one before: combining marks, joiners, variation selectors."""
    return (
        unicodedata.combining(character) != 0
        or character in {"\u200d", "\u20e3"}
        or "\ufe00" <= character <= "\ufe0f"
        or unicodedata.category(character) == "Mn"
    )


def cut_text(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, ending in "…" when cut, never inside a character cluster."""
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    end = limit - len(ELLIPSIS)
    # Step back so a base character is not split from its combining marks or a joined emoji.
    while end > 0 and (_is_attached(text[end]) or (end > 0 and text[end - 1] == "\u200d")):
        end -= 1
    return text[:end].rstrip() + ELLIPSIS


def led_text(post: Post, screen: Screen) -> str:
    """One line for an LED screen: title and summary (or text), plain, within the screen's limit."""
    lead = post.summary or " ".join(body_paragraphs(post.body))
    text = post.title if not lead else f"{post.title}：{lead}"
    text = " ".join(text.replace("\u3000", " ").split())
    return cut_text(text, screen.char_limit)


def qq_notice(post: Post) -> str:
    """A QQ-group notice: title, date, paragraphs and the link, plain text."""
    when = timezone.localtime(post.publish_at) if post.publish_at else timezone.localtime()
    lines = [f"【{post.title}】", date_format(when.date(), "DATE_FORMAT")]
    if post.summary:
        lines.append(post.summary)
    lines += body_paragraphs(post.body)
    lines.append(_("Read more: %(url)s") % {"url": public_post_url(post)})
    return "\n\n".join(lines)


def render_for_channel(post: Post, channel: str, screen: Screen | None = None) -> str:
    if channel == Channel.WEBSITE:
        return str(website_html(post))
    if channel == Channel.WECHAT:
        return wechat_html(post)
    if channel == Channel.QQ:
        return qq_notice(post)
    if channel == Channel.LED:
        if screen is None:
            raise ValidationError({"screen": _("Choose the screen the text went to.")})
        return led_text(post, screen)
    raise ValidationError({"channel": _("Unknown channel.")})


@transaction.atomic
def deliver(
    post: Post, channel: str, actor: User, screen: Screen | None = None, *, now: dt.datetime | None = None
) -> ChannelDelivery:
    """Log that ``post`` went out on ``channel`` (for LED, to ``screen``) with its content as rendered.

    Refused before the post is public, so nothing leaves ahead of an embargo. Audited.
    """
    now = now or timezone.now()
    if not access_for(actor, post.campaign).can_manage:
        raise PermissionDenied
    if not post.is_public_at(now):
        raise ValidationError({"post": _("Only a published post can be sent out; wait for its publication time.")})
    if screen is not None and screen.campaign_id != post.campaign_id:
        raise ValidationError({"screen": _("Choose a screen of this campaign.")})
    content = render_for_channel(post, channel, screen if channel == Channel.LED else None)
    delivery = ChannelDelivery.objects.create(
        post=post,
        channel=channel,
        screen=screen if channel == Channel.LED else None,
        content=content,
        delivered_at=now,
        delivered_by=actor,
    )
    record_audit(
        actor=actor,
        action="post.delivered",
        obj=post,
        campaign_id=post.campaign_id,
        channel=channel,
        screen_id=delivery.screen_id,
        delivery_id=delivery.pk,
    )
    return delivery
