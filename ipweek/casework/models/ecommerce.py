"""The e-commerce fast track: a platform asks for a determination, the office gives an opinion in 2 working days."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipweek.casework.models.cases import Case


class Platform(models.Model):
    """An e-commerce platform that sends determination requests, through its API user or the web form."""

    name = models.CharField(_("name"), max_length=100)
    office = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("office"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ecommerce_platform",
        help_text=_("The account whose API tokens act for the platform."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("e-commerce platform")
        verbose_name_plural = _("e-commerce platforms")
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="platform_name_unique_per_office")]

    def __str__(self) -> str:
        return self.name


class EcommerceRequest(models.Model):
    """The platform-side details of an e-commerce determination case."""

    class Opinion(models.TextChoices):
        INFRINGING = "infringing", _("Infringing")
        NOT_INFRINGING = "not_infringing", _("Not infringing")
        CANNOT_DETERMINE = "cannot_determine", _("Cannot determine")

    class Measure(models.TextChoices):
        DELETE = "delete", _("Delete the listing")
        BLOCK = "block", _("Block")
        DISCONNECT = "disconnect", _("Disconnect the link")
        STOP_TRANSACTION = "stop", _("Stop transactions or service")
        NONE = "none", _("No measure")

    class Final(models.TextChoices):
        RESTORED = "restored", _("Restored")
        KEPT = "kept", _("Measure kept")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="ecommerce")
    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="requests")
    shop_name = models.CharField(_("shop"), max_length=200)
    listing_url = models.URLField(_("listing address"), max_length=500)
    patent_number = models.CharField(_("patent number"), max_length=32)
    right_holder = models.CharField(_("right holder"), max_length=200)
    opinion_due = models.DateField(_("opinion due"))
    opinion = models.CharField(_("opinion"), max_length=16, choices=Opinion.choices, blank=True)
    opinion_text = models.TextField(_("reasons"), blank=True)
    opinion_at = models.DateTimeField(null=True, blank=True)
    measure = models.CharField(_("platform measure"), max_length=12, choices=Measure.choices, blank=True)
    measure_at = models.DateTimeField(null=True, blank=True)
    counter_notice_at = models.DateTimeField(_("seller's declaration received"), null=True, blank=True)
    window_ends = models.DateField(_("15-day window ends"), null=True, blank=True)
    complaint_or_suit_notified = models.BooleanField(_("right holder complained or sued"), default=False)
    final = models.CharField(_("final state"), max_length=8, choices=Final.choices, blank=True)
    final_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opinion_due", "pk"]
        verbose_name = _("e-commerce request")
        verbose_name_plural = _("e-commerce requests")

    def __str__(self) -> str:
        return f"{self.case} {self.platform}"
