"""The enforcement log: special actions, their inspections and what was checked; typical cases for release."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipweek.casework.models.cases import Case


class SpecialAction(models.Model):
    """A special enforcement action (专项行动), e.g. a week of market inspections."""

    office = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("office"))
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="special_actions"
    )
    activity = models.ForeignKey(
        "campaigns.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="special_actions"
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("special action")
        verbose_name_plural = _("special actions")

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    """One inspection of premises (FACTS §3.5)."""

    class MarketKind(models.TextChoices):
        STORE = "store", _("Store")
        MARKET = "market", _("Market")
        TRADE_FAIR = "trade_fair", _("Trade fair")
        ECOMMERCE = "ecommerce", _("E-commerce")
        FACTORY = "factory", _("Factory")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        NO_ISSUE = "no_issue", _("No issue found")
        CORRECT_MARKING = "correct_marking", _("Ordered to correct the patent marking")
        CASE_OPENED = "case_opened", _("Case opened for counterfeit patent")
        TRANSFERRED = "transferred", _("Transferred")

    action = models.ForeignKey(SpecialAction, on_delete=models.CASCADE, related_name="inspections")
    inspected_at = models.DateTimeField(_("inspected at"))
    location = models.CharField(_("location"), max_length=200)
    market_kind = models.CharField(_("type of premises"), max_length=12, choices=MarketKind.choices)
    party_name = models.CharField(_("inspected party"), max_length=200)
    party_credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    party_address = models.CharField(_("address"), max_length=200, blank=True)
    party_person = models.CharField(_("person in charge"), max_length=64, blank=True)
    officers = models.JSONField(_("officers"), default=list, help_text=_("[{name, certificate}], two or more."))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    evidence_note = models.TextField(_("evidence collected"), blank=True)
    record_ref = models.CharField(_("inquiry record reference"), max_length=64, blank=True)
    seizure_list = models.TextField(_("seizure list"), blank=True)
    seized_count = models.PositiveIntegerField(_("items sealed or seized"), default=0)
    signatures = models.CharField(_("signatures"), max_length=200, blank=True, help_text=_("Or a note of refusal."))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.NO_ISSUE)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="inspections")
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-inspected_at", "pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.party_name} {self.inspected_at:%Y-%m-%d}"


class InspectionItem(models.Model):
    """A product checked, the patent mark printed on it and what verification found."""

    class Verification(models.TextChoices):
        VALID = "valid", _("Number valid")
        MALFORMED = "malformed", _("Malformed number")
        EXPIRED = "expired", _("Expired")
        INVALIDATED = "invalidated", _("Invalidated")
        NON_EXISTENT = "non_existent", _("Does not exist")
        TYPE_MISMATCH = "type_mismatch", _("Type does not match the number")
        APPLICATION_ONLY = "application_only", _("Application only, not granted")
        UNKNOWN = "unknown", _("Status unknown")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    product = models.CharField(_("product"), max_length=200)
    model = models.CharField(_("model"), max_length=100, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    mark_text = models.CharField(_("patent mark as printed"), max_length=200, blank=True)
    claimed_type = models.CharField(_("claimed type"), max_length=16, blank=True)
    claimed_number = models.CharField(_("claimed number"), max_length=40, blank=True)
    verification = models.CharField(_("verification"), max_length=16, choices=Verification.choices)
    verification_note = models.CharField(_("verification note"), max_length=300, blank=True)
    suspected_counterfeit = models.BooleanField(_("suspected counterfeit patent"), default=False)

    class Meta:
        ordering = ["inspection", "pk"]
        verbose_name = _("item checked")
        verbose_name_plural = _("items checked")

    def __str__(self) -> str:
        return self.product


class TypicalCase(models.Model):
    """A redacted write-up of a closed case, reviewed before it goes to the publishing queue."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed")
        SENT = "sent", _("Sent to publishing")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="typical_cases")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Sanitised rich text, names and numbers masked."))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    post = models.OneToOneField(
        "publishing.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="typical_case"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("typical case")
        verbose_name_plural = _("typical cases")

    def __str__(self) -> str:
        return self.title
