"""Filing (备案) before an activity, reports and figures after it, and submissions upward."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipweek.core.storage import private_storage


class CampaignDeadlines(models.Model):
    """When units must file and report, and when child campaigns must submit to this one."""

    campaign = models.OneToOneField("campaigns.Campaign", on_delete=models.CASCADE, related_name="deadlines")
    filing_due = models.DateTimeField(_("filing deadline"), null=True, blank=True)
    report_due = models.DateTimeField(_("report deadline"), null=True, blank=True)
    submission_due = models.DateTimeField(_("deadline for submissions from lower levels"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign deadlines")
        verbose_name_plural = _("campaign deadlines")

    def __str__(self) -> str:
        return str(self.campaign)


class Filing(models.Model):
    """A unit's filing (备案) of an activity before it takes place; the office approves or returns it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    activity = models.OneToOneField("campaigns.Activity", on_delete=models.CASCADE, related_name="filing")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="filings")
    host = models.CharField(_("host"), max_length=200)
    co_hosts = models.CharField(_("co-hosts"), max_length=300, blank=True)
    venue = models.CharField(_("venue"), max_length=200)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=64)
    contact_phone = models.CharField(_("contact phone"), max_length=32)
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    expected_headcount = models.PositiveIntegerField(_("expected headcount"), null=True, blank=True)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    channels = models.CharField(_("channels"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    review_comment = models.TextField(_("review comment"), blank=True)
    changed_after_approval = models.BooleanField(_("changed after approval"), default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, help_text=_("Raised on every save; guards concurrent edits."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")), name="filing_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} — {self.get_status_display()}"


class ActivityReport(models.Model):
    """Same-day news or the closing report of an activity, sent by a unit and reviewed by the office."""

    class Kind(models.TextChoices):
        NEWS = "news", _("Same-day news")
        CLOSING = "closing", _("Closing report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published")

    activity = models.ForeignKey("campaigns.Activity", on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Sanitised rich text."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    is_late = models.BooleanField(_("late"), default=False)
    review_comment = models.TextField(_("review comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text=_("Raised on every save; guards concurrent edits."))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        indexes = [models.Index(fields=["activity", "kind", "status"], name="report_activity_kind_status")]
        constraints = [
            # A unit's figures for an activity are counted once: one closing report, any number of news.
            models.UniqueConstraint(
                fields=["activity", "unit"], condition=Q(kind="closing"), name="report_one_closing_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def counts_in_rollup(self) -> bool:
        return self.kind == self.Kind.CLOSING and self.status in {self.Status.APPROVED, self.Status.PUBLISHED}


class Photo(models.Model):
    """A photo of a report. The original stays private; ``published_image`` is resized and has no EXIF.

    ``image`` lives in private storage (``IPWEEK_PRIVATE_ROOT``), never under ``MEDIA_ROOT``: it may
    carry the place it was taken. ``published_image`` is the public copy under ``MEDIA_ROOT``.
    """

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="reports/originals/%Y/%m/", storage=private_storage)
    published_image = models.ImageField(upload_to="reports/published/%Y/%m/", blank=True)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


class Figure(models.Model):
    """One number of a report: participants, materials distributed, consultations, …"""

    class Metric(models.TextChoices):
        PARTICIPANTS = "participants", _("Participants")
        MATERIALS = "materials", _("Materials distributed")
        CONSULTATIONS = "consultations", _("Consultations answered")
        COMPLAINTS = "complaints", _("Complaints accepted")
        VIOLATION_REPORTS = "violation_reports", _("Reports of violations accepted")
        MEDIA_ITEMS = "media_items", _("Media items")
        ONLINE_VIEWS = "online_views", _("Online views")
        TRAININGS = "trainings", _("Training sessions")
        TRAINEES = "trainees", _("Trainees")
        OFFICERS = "officers", _("Enforcement officers deployed")
        INSPECTIONS = "inspections", _("Premises inspected")
        SEIZED_ITEMS = "seized_items", _("Items seized")
        CASES = "cases", _("Cases opened")
        OTHER = "other", _("Other")

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="figures")
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    label = models.CharField(_("label"), max_length=64, blank=True, help_text=_("Required for “Other”."))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit of measure"), max_length=16, blank=True, help_text=_("e.g. 人次, 份, 件"))
    needs_confirmation = models.BooleanField(_("needs confirmation"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["report", "metric", "pk"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [models.CheckConstraint(condition=Q(value__gte=0), name="figure_value_not_negative")]
        indexes = [models.Index(fields=["metric"], name="figure_metric")]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.value}{self.unit}"


class Submission(models.Model):
    """A frozen snapshot of a campaign's figures and summary, sent to the parent campaign."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="submissions")
    parent = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="received_submissions")
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    snapshot = models.JSONField(_("snapshot"), default=dict)
    summary = models.TextField(_("summary"), blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    submitted_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdraw_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        ordering = ["campaign", "-version"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "version"], name="submission_version_unique"),
            models.UniqueConstraint(
                fields=["campaign"], condition=Q(status="submitted"), name="submission_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} v{self.version}"


class SummaryDraft(models.Model):
    """The end-of-week summary (总结), drafted from the figures and edited before it is issued."""

    campaign = models.OneToOneField("campaigns.Campaign", on_delete=models.CASCADE, related_name="summary_draft")
    title = models.CharField(_("title"), max_length=200)
    sections = models.JSONField(_("sections"), default=list, help_text=_('[{"heading": "...", "paragraphs": ["..."]}]'))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("summary draft")
        verbose_name_plural = _("summary drafts")

    def __str__(self) -> str:
        return self.title
