"""Entries made at a desk during a square event, often offline, synced later."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipweek.casework.models.cases import Case, IpType


class DeskEntry(models.Model):
    """A consultation answered at a desk. ``client_key`` makes a re-sent entry a no-op."""

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Answered on the spot")
        REFERRED = "referred", _("Referred to another body")
        FOLLOW_UP = "follow_up", _("Needs follow-up")
        CASE_OPENED = "case_opened", _("Full case opened")

    class Topic(models.TextChoices):
        APPLICATION = "application", _("Applying for a patent or trademark")
        INFRINGEMENT = "infringement", _("Infringement and how to respond")
        COUNTERFEIT = "counterfeit", _("Counterfeit patent or fake goods")
        ECOMMERCE = "ecommerce", _("Online shops and platforms")
        LICENSING = "licensing", _("Licensing, transfer and financing")
        POLICY = "policy", _("Subsidies and policy")
        OTHER = "other", _("Other")

    activity = models.ForeignKey("campaigns.Activity", on_delete=models.CASCADE, related_name="desk_entries")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    client_key = models.CharField(max_length=64, unique=True)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    ip_type = models.CharField(_("IP type"), max_length=16, choices=IpType.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.ANSWERED)
    note = models.CharField(_("note"), max_length=300, blank=True)
    contact = models.CharField(_("contact (optional)"), max_length=100, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="desk_entries")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    synced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("desk entry")
        verbose_name_plural = _("desk entries")
        indexes = [models.Index(fields=["activity", "unit"], name="desk_activity_unit")]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.get_topic_display()}"
