import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """The national theme of one year's IP Publicity Week, and WIPO's World IP Day theme."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    national_theme = models.CharField(_("national theme"), max_length=128, blank=True)
    world_ip_day_theme_en = models.CharField(_("World IP Day theme (English)"), max_length=160, blank=True)
    world_ip_day_theme_zh = models.CharField(_("World IP Day theme (Chinese)"), max_length=160, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return f"{self.year} {self.national_theme or '—'}"


class Campaign(models.Model):
    """One year's IP Publicity Week at one level in one region."""

    class Level(models.TextChoices):
        NATION = "nation", _("Nation")
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        COUNTY = "county", _("County")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")
        REPORTED = "reported", _("Reported")

    year = models.PositiveIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("region")
    )
    organiser = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="organised_campaigns", verbose_name=_("organiser")
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=128, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent campaign"),
    )
    # The official document (红头文件) that issues the plan.
    doc_agency_code = models.CharField(_("issuing agency code"), max_length=32, blank=True, help_text=_("e.g. 辽知发"))
    doc_serial = models.PositiveIntegerField(_("document serial number"), null=True, blank=True)
    addressees = models.CharField(_("addressees"), max_length=300, blank=True)
    signatory = models.CharField(_("signature"), max_length=128, blank=True)
    signed_date = models.DateField(_("date of signing"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "region__code"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.UniqueConstraint(fields=["year", "region"], name="campaign_one_per_year_and_region"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="campaign_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:dashboard", args=[self.pk])

    @property
    def days(self) -> list[dt.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + dt.timedelta(days=offset) for offset in range(count)]

    @property
    def is_editable(self) -> bool:
        return self.status not in {self.Status.CLOSED, self.Status.REPORTED}

    @property
    def document_number(self) -> str:
        from ipweek.core.cn import doc_number

        if not (self.doc_agency_code and self.doc_serial):
            return ""
        return doc_number(self.doc_agency_code, self.year, self.doc_serial)


class PlanSection(models.Model):
    """A part of the plan document: guiding ideology, time, theme, priorities, arrangements…"""

    class Kind(models.TextChoices):
        GUIDING_IDEOLOGY = "guiding_ideology", _("Guiding ideology")
        TIME = "time", _("Time")
        THEME = "theme", _("Theme")
        PRIORITIES = "priorities", _("Publicity priorities")
        ORGANISATION = "organisation", _("Organisation")
        ARRANGEMENTS = "arrangements", _("Activity arrangements")
        REQUIREMENTS = "requirements", _("Requirements")
        OTHER = "other", _("Other")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    heading = models.CharField(_("heading"), max_length=120)
    body = models.TextField(_("text"), blank=True, help_text=_("Sanitised rich text."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["campaign", "position", "pk"]
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")

    def __str__(self) -> str:
        return self.heading


class PlanItem(models.Model):
    """A numbered item of a section, printed as （一）（二）… under its heading."""

    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(
        _("title"), max_length=120, blank=True, help_text=_("Optional lead-in, e.g. 深入宣传，把握导向")
    )
    body = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["section", "position", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self) -> str:
        return self.title or self.body[:30]


class Activity(models.Model):
    """One activity of the week, with the date phrase as written kept beside what was parsed."""

    class Category(models.TextChoices):
        LAUNCH_CEREMONY = "launch_ceremony", _("Launch ceremony")
        TRAINING = "training", _("Training")
        SQUARE_DAY = "square_day", _("Square day / consultation desk")
        ENFORCEMENT = "enforcement", _("Enforcement action")
        ECOMMERCE = "ecommerce", _("E-commerce rights protection")
        PATENT_EXHIBITION = "patent_exhibition", _("Online patent exhibition")
        REPORT_RELEASE = "report_release", _("Report release")
        GALA = "gala", _("Gala / cultural event")
        PRESS_BRIEFING = "press_briefing", _("Press briefing")
        OUTREACH_AGENCIES = "outreach_agencies", _("Outreach: government agencies")
        OUTREACH_ENTERPRISES = "outreach_enterprises", _("Outreach: enterprises")
        OUTREACH_SCHOOLS = "outreach_schools", _("Outreach: schools")
        OUTREACH_COMMUNITIES = "outreach_communities", _("Outreach: communities")
        OUTREACH_MALLS = "outreach_malls", _("Outreach: shopping malls")
        OUTREACH_TOWNSHIPS = "outreach_townships", _("Outreach: townships")
        CONTEST = "contest", _("Contest")
        MEDIA_CAMPAIGN = "media_campaign", _("Media campaign")
        OTHER = "other", _("Other")

    class Mode(models.TextChoices):
        OFFLINE = "offline", _("Offline")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Online and offline")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="activities")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("part of"),
    )
    linked_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="linked_activities",
        verbose_name=_("same event as"),
        help_text=_("An activity of a higher campaign that this one is part of (e.g. a sub-venue); "
                    "its figures are then counted once, under the higher activity."),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices, default=Category.OTHER)
    description = models.TextField(_("description"), blank=True, help_text=_("Sanitised rich text."))
    date_text = models.CharField(
        _("date as written"), max_length=120, blank=True, help_text=_("e.g. 宣传周期间, 4月21日（暂定）上午9:30")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    is_tentative = models.BooleanField(_("tentative"), default=False)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    mode = models.CharField(_("online/offline"), max_length=8, choices=Mode.choices, default=Mode.OFFLINE)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    channels = models.CharField(_("channels"), max_length=200, blank=True, help_text=_("e.g. 网站、微信公众号、LED屏"))
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["campaign", "position", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=False, end_date__gte=F("start_date")),
                name="activity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True) | Q(start_date__isnull=False),
                name="activity_time_needs_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:activity_edit", args=[self.campaign_id, self.pk])

    @property
    def is_dated(self) -> bool:
        return self.start_date is not None

    @property
    def last_date(self) -> dt.date | None:
        return self.end_date or self.start_date

    def occurs_on(self, day: dt.date) -> bool:
        return self.start_date is not None and self.start_date <= day <= (self.last_date or self.start_date)


class ActivityUnit(models.Model):
    """A unit's part in an activity: lead (牵头), co-organiser (协办/承办) or supporting (配合)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        SUPPORTING = "supporting", _("Supporting")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="unit_roles")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="activity_roles")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["activity", "position", "pk"]
        verbose_name = _("activity unit")
        verbose_name_plural = _("activity units")
        constraints = [models.UniqueConstraint(fields=["activity", "unit"], name="activity_unit_once")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"
