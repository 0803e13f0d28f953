"""Posts and releases with approval, schedule and embargo; assets; screens; what went where.

Whether a post is public is computed from the clock (``is_public_at``), never flipped by a job:
an embargoed release appears on every channel at the same second, whatever a cache holds.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PostQuerySet(models.QuerySet["Post"]):
    def public(self, now: dt.datetime | None = None) -> "PostQuerySet":
        """Approved and due: what the public site, feeds and signage may show at ``now``."""
        return self.filter(status=Post.Status.APPROVED, publish_at__lte=now or timezone.now())


class Post(models.Model):
    """A news item, a release (report, white paper, case list) or a notice of one campaign."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        RELEASE = "release", _("Release")
        NOTICE = "notice", _("Notice")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="posts")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Sanitised rich text."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=_("Not shown anywhere before this time (embargo).")
    )
    activity = models.ForeignKey(
        "campaigns.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    source_report = models.OneToOneField(
        "reporting.ActivityReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="post"
    )
    is_highlight = models.BooleanField(_("highlight on the home page"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["campaign", "status", "publish_at"], name="post_public_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(publish_at__isnull=False), name="post_approved_has_time"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_public_at(self, now: dt.datetime) -> bool:
        return self.status == self.Status.APPROVED and self.publish_at is not None and self.publish_at <= now


class Asset(models.Model):
    """A downloadable file of a campaign: the plan PDF, a released report, a poster."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="assets")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="assets")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="assets/%Y/")
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")

    def __str__(self) -> str:
        return self.title


class Screen(models.Model):
    """An LED screen or TV at a venue, with how many characters it can show."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="screens")
    name = models.CharField(_("name"), max_length=100)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    char_limit = models.PositiveIntegerField(_("characters per message"), default=40)

    class Meta:
        ordering = ["name"]
        verbose_name = _("screen")
        verbose_name_plural = _("screens")

    def __str__(self) -> str:
        return self.name


class ChannelDelivery(models.Model):
    """A log line: this post was rendered for this channel by this person at this time."""

    class Channel(models.TextChoices):
        WEBSITE = "website", _("Website")
        WECHAT = "wechat", _("WeChat article")
        LED = "led", _("LED screen")
        QQ = "qq", _("QQ group notice")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    screen = models.ForeignKey(Screen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    content = models.TextField(_("content as rendered"))
    delivered_at = models.DateTimeField(default=timezone.now)
    delivered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-delivered_at", "-pk"]
        verbose_name = _("channel delivery")
        verbose_name_plural = _("channel deliveries")

    def __str__(self) -> str:
        return f"{self.post} → {self.get_channel_display()}"


class Article(models.Model):
    """A knowledge-base article or FAQ entry on IP basics and law, written by office staff."""

    class Topic(models.TextChoices):
        PATENT = "patent", _("Patents")
        TRADEMARK = "trademark", _("Trademarks")
        COPYRIGHT = "copyright", _("Copyright")
        GEOGRAPHICAL_INDICATION = "gi", _("Geographical indications")
        COMPLAINTS = "complaints", _("How to complain")
        COUNTERFEIT_PATENT = "counterfeit", _("Counterfeit patents")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices, default=Topic.OTHER)
    is_faq = models.BooleanField(_("FAQ entry"), default=False)
    body = models.TextField(_("text"), help_text=_("Sanitised rich text."))
    search_text = models.TextField(editable=False, blank=True, help_text=_("Title and text, segmented into words."))
    is_published = models.BooleanField(_("published"), default=False)
    region = models.ForeignKey(
        "units.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles",
        help_text=_("Empty: shown on every campaign's site."),
    )  # fmt: skip
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["topic", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title
