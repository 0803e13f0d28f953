"""Cases of the 12330 desk: what came in, from whom, what happened to it, and when it is due.

A case belongs to one office (``office``: the unit that handles it, e.g. a protection centre).
Only caseworkers of that office see the complainant's identity; everyone else sees it masked
(see ``casework.masking``). Personal fields are the ``complainant_*`` fields, ``respondent_person``
and the evidence files; the retention command blanks them a while after closing.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IpType(models.TextChoices):
    INVENTION = "invention", _("Invention patent")
    UTILITY_MODEL = "utility_model", _("Utility model patent")
    DESIGN = "design", _("Design patent")
    TRADEMARK = "trademark", _("Trademark")
    GEOGRAPHICAL_INDICATION = "gi", _("Geographical indication")
    COPYRIGHT = "copyright", _("Copyright")
    TRADE_SECRET = "trade_secret", _("Trade secret")
    PLANT_VARIETY = "plant_variety", _("Plant variety")
    OTHER = "other", _("Other")


class Case(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation")
        COMPLAINT = "complaint", _("Complaint")
        REPORT = "report", _("Violation report")
        ASSISTANCE = "assistance", _("Rights-protection assistance request")
        DISPUTE = "dispute", _("Patent-infringement dispute request")
        ECOMMERCE = "ecommerce", _("E-commerce determination request")

    class Channel(models.TextChoices):
        DESK = "desk", _("Desk at an activity")
        WEB = "web", _("Web")
        HOTLINE = "hotline", _("Hotline 12330")
        LETTER = "letter", _("Letter")
        PLATFORM = "platform", _("E-commerce platform")
        TRANSFER_IN = "transfer_in", _("Transfer from another office")
        INSPECTION = "inspection", _("Found during an inspection")

    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("case status", "Received")
        MORE_MATERIAL = "more_material", pgettext_lazy("case status", "More material requested")
        ACCEPTED = "accepted", pgettext_lazy("case status", "Accepted")
        REFUSED = "refused", pgettext_lazy("case status", "Refused")
        ASSIGNED = "assigned", pgettext_lazy("case status", "Assigned")
        MEDIATION = "mediation", pgettext_lazy("case status", "In mediation")
        INVESTIGATION = "investigation", pgettext_lazy("case status", "Under investigation")
        TRANSFERRED = "transferred", pgettext_lazy("case status", "Transferred")
        DECIDED = "decided", pgettext_lazy("case status", "Decided")
        CLOSED = "closed", pgettext_lazy("case status", "Closed")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Answered")
        MEDIATED = "mediated", _("Settled by mediation")
        MEDIATION_FAILED = "mediation_failed", _("Mediation failed")
        INFRINGEMENT_FOUND = "infringement_found", _("Infringement found, ordered to stop")
        NOT_ESTABLISHED = "not_established", _("Not established")
        PENALISED = "penalised", _("Penalised")
        CORRECTED = "corrected", _("Corrected, no penalty")
        TRANSFERRED = "transferred", _("Handled by the receiving body")
        REFERRED_TO_POLICE = "police", _("Referred to public security")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REFUSED = "refused", _("Not accepted")
        OPINION_ISSUED = "opinion", _("Opinion issued")

    class ComplainantKind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Company or organisation")

    number = models.CharField(_("case number"), max_length=32, unique=True)
    office = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name=_("office"))
    region = models.ForeignKey("units.Region", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    activity = models.ForeignKey(
        "campaigns.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    ip_type = models.CharField(_("IP type"), max_length=16, choices=IpType.choices, default=IpType.OTHER)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    subject = models.CharField(_("subject"), max_length=200)

    complainant_kind = models.CharField(
        _("complainant is"), max_length=12, choices=ComplainantKind.choices, default=ComplainantKind.PERSON
    )
    complainant_name = models.CharField(_("complainant name"), max_length=100, blank=True)
    complainant_id_number = models.CharField(_("ID number or unified social credit code"), max_length=32, blank=True)
    complainant_phone = models.CharField(_("phone"), max_length=32, blank=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    complainant_address = models.CharField(_("postal address"), max_length=200, blank=True)
    is_real_name = models.BooleanField(_("real name"), default=True)
    respondent_name = models.CharField(_("respondent"), max_length=200, blank=True)
    respondent_address = models.CharField(_("respondent address"), max_length=200, blank=True)
    respondent_url = models.URLField(_("shop or web address"), max_length=500, blank=True)
    right_number = models.CharField(_("patent or registration number"), max_length=64, blank=True)
    facts = models.TextField(_("facts"), blank=True)
    request = models.TextField(_("request"), blank=True)
    place_of_infringement = models.CharField(_("place of infringement"), max_length=200, blank=True)
    litigation_pending = models.BooleanField(_("lawsuit or arbitration pending"), default=False)
    consents_to_mediation = models.BooleanField(_("consents to mediation"), default=False)

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_cases",
        verbose_name=_("handler"),
    )
    access_code_digest = models.CharField(max_length=64, blank=True, editable=False)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_date = models.DateField(_("due"), null=True, blank=True, help_text=_("Deadline of the current step."))
    due_rule = models.CharField(max_length=40, blank=True, help_text=_("Key of the deadline rule behind due_date."))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    personal_data_purged_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, help_text=_("Raised on every change; guards concurrent edits."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["office", "status", "due_date"], name="case_office_status_due"),
            models.Index(fields=["handler", "status"], name="case_handler_status"),
            models.Index(fields=["received_at"], name="case_received"),
            models.Index(fields=["campaign", "kind"], name="case_campaign_kind"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status not in {self.Status.CLOSED, self.Status.REFUSED}


class CaseCounter(models.Model):
    """The last serial issued per (type, year, region); incremented inside the case's own transaction."""

    kind = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField()
    region_code = models.CharField(max_length=6)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year", "region_code"], name="case_counter_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} {self.region_code}: {self.last}"


class CaseEvent(models.Model):
    """One step of a case's trail. Notes never contain the complainant's identity."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=24)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.TextField(_("note"), blank=True)
    due_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case} {self.action}"


class Evidence(models.Model):
    """An evidence file, stored outside MEDIA_ROOT (``IPWEEK_PRIVATE_ROOT``), served only to caseworkers."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    path = models.CharField(max_length=300, editable=False, help_text=_("Relative to the private storage root."))
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class DeadlineRule(models.Model):
    """A time limit an admin may adjust; defaults live in ``casework.deadlines.DEFAULT_RULES``."""

    key = models.CharField(_("key"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=100)
    days = models.PositiveSmallIntegerField(_("days"))
    working_days = models.BooleanField(_("in working days"), default=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")

    def __str__(self) -> str:
        return f"{self.label}: {self.days}"


class Transfer(models.Model):
    """A case passed to a competent enforcement body, with its receipt and result."""

    class Body(models.TextChoices):
        MARKET_REGULATION = "market_regulation", _("Market regulation")
        PUBLIC_SECURITY = "public_security", _("Public security")
        CUSTOMS = "customs", _("Customs")
        COPYRIGHT = "copyright", _("Copyright administration")
        AGRICULTURE_FORESTRY = "agriculture_forestry", _("Agriculture or forestry")
        OTHER_OFFICE = "other_office", _("Another IP office")

    class Receipt(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("transfer receipt", "Accepted")
        REFUSED = "refused", pgettext_lazy("transfer receipt", "Refused")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    body_kind = models.CharField(_("receiving body"), max_length=24, choices=Body.choices)
    body_name = models.CharField(_("name of the body"), max_length=200)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    receipt_due = models.DateField(_("receipt due"), null=True, blank=True)
    receipt = models.CharField(_("receipt"), max_length=8, choices=Receipt.choices, blank=True)
    receipt_at = models.DateTimeField(null=True, blank=True)
    result_due = models.DateField(_("result due"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    result_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return f"{self.case} → {self.body_name}"


class Notification(models.Model):
    """A message to the person who complained; the log keeps the masked recipient only."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")
        PHONE = "phone", _("Phone call")

    class State(models.TextChoices):
        SENT = "sent", pgettext_lazy("notification", "Sent")
        FAILED = "failed", pgettext_lazy("notification", "Failed")
        SKIPPED = "skipped", pgettext_lazy("notification", "No contact on file")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient_masked = models.CharField(_("recipient"), max_length=100, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices)
    backend = models.CharField(max_length=100, blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.case} {self.subject}"


class PersonalDataAccess(models.Model):
    """Who saw or exported unmasked personal data, when, and why."""

    class Kind(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        EVIDENCE = "evidence", _("Opened evidence")

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.kind}"


class IntakeRoute(models.Model):
    """Which office receives what the public submits through a campaign's site and desks."""

    campaign = models.OneToOneField("campaigns.Campaign", on_delete=models.CASCADE, related_name="intake_route")
    office = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("office"))

    class Meta:
        verbose_name = _("intake route")
        verbose_name_plural = _("intake routes")

    def __str__(self) -> str:
        return f"{self.campaign} → {self.office}"


OPEN_STATUSES = [s for s in Case.Status.values if s not in {Case.Status.CLOSED, Case.Status.REFUSED}]
OPEN_CASES = Q(status__in=OPEN_STATUSES)
