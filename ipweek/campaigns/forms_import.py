"""Forms of the plan import: the upload (or pasted text) and the preview the user edits before saving.

The draft travels from the preview to the save as JSON signed with ``django.core.signing``: the
server keeps nothing between the two requests, and a changed draft fails the signature.
"""

import unicodedata
from pathlib import Path
from typing import Any, cast

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ipweek.accounts.models import User
from ipweek.campaigns.importing import REPORT_KINDS, unit_names_in, walk_activities
from ipweek.campaigns.models import Campaign
from ipweek.core.forms import DateInput, model_choice_field
from ipweek.plantext.draft import PlanDraft
from ipweek.units.models import Membership, Region, Unit

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf", ".doc", ".wps")
MAX_PASTED_CHARS = 1_000_000
# The signed draft and source text, compressed: a plan of several hundred pages still fits.
MAX_SIGNED_CHARS = 6_000_000
SIGNED_MAX_AGE = 24 * 60 * 60
_SALT = "ipweek.campaigns.import-draft"
ACTIVITY_EDITS = ("title", "date_text", "venue")


class DraftTooLargeError(Exception):
    pass


def sign_draft(*, draft: PlanDraft, text: str, user_id: int) -> str:
    """The draft, its source text and who read it, signed for the preview's hidden field."""
    token = signing.dumps({"draft": draft.to_dict(), "text": text, "user": user_id}, salt=_SALT, compress=True)
    if len(token) > MAX_SIGNED_CHARS:
        raise DraftTooLargeError
    return token


def unsign_draft(token: str, *, user_id: int) -> tuple[PlanDraft, str]:
    """The draft and source text back; ``signing.BadSignature`` when changed, expired or someone else's."""
    if len(token) > MAX_SIGNED_CHARS:
        raise signing.BadSignature("too large")
    payload = signing.loads(token, salt=_SALT, max_age=SIGNED_MAX_AGE)
    if not isinstance(payload, dict) or payload.get("user") != user_id:
        raise signing.BadSignature("not this user's draft")
    return PlanDraft.from_dict(payload["draft"]), str(payload.get("text", ""))


def looks_like_text(text: str) -> bool:
    """False for what a binary file decodes to: control characters and replacement marks."""
    sample = text[:20000]
    if not sample.strip():
        return False
    strange = sum(
        1 for char in sample if char == "\ufffd" or (unicodedata.category(char) == "Cc" and char not in "\t\n\r\f")
    )
    return strange <= len(sample) * 0.02


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan file"),
        required=False,
        help_text=_("A .txt, .docx, .pdf, .doc or .wps file of at most 20 MB. It is read, not stored."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )
    text = forms.CharField(
        label=_("Or paste the plan's text"),
        required=False,
        max_length=MAX_PASTED_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    # Set when the import starts from a campaign's page: the preview offers that campaign.
    campaign = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_file(self) -> "UploadedFile[Any] | None":
        upload: UploadedFile[Any] | None = self.cleaned_data.get("file")
        if not upload:
            return None
        if Path(upload.name or "").suffix.lower() not in ALLOWED_EXTENSIONS:
            raise ValidationError(_("Choose a .txt, .docx, .pdf, .doc or .wps file."), code="extension")
        # Checked before a byte is read: the upload handler only counted what it dropped.
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size)s MB; the limit is 20 MB.") % {"size": round((upload.size or 0) / 2**20, 1)},
                code="size",
            )
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        has_file, has_text = bool(data.get("file")), bool((data.get("text") or "").strip())
        if self.errors:
            return data
        if has_file and has_text:
            raise ValidationError(_("Upload a file or paste text, not both."), code="both")
        if not (has_file or has_text):
            raise ValidationError(_("Upload a file or paste the plan's text."), code="none")
        return data


def office_units_of(user: User) -> QuerySet[Unit]:
    """IP offices the user may create a campaign for: those they are office staff of."""
    if user.is_superuser:
        return Unit.objects.filter(kind=Unit.Kind.IP_OFFICE, is_active=True).select_related("region")
    return (
        Unit.objects.filter(memberships__user=user, memberships__role=Membership.Role.OFFICE_STAFF)
        .select_related("region")
        .distinct()
        .order_by("region__code", "name")
    )


def campaigns_managed_by(user: User) -> QuerySet[Campaign]:
    """Campaigns the user runs as office staff and that still take changes."""
    campaigns = Campaign.objects.exclude(status__in=[Campaign.Status.CLOSED, Campaign.Status.REPORTED])
    if not user.is_superuser:
        campaigns = campaigns.filter(memberships__user=user, memberships__role=Membership.Role.OFFICE_STAFF)
    return campaigns.select_related("region").distinct().order_by("-year", "region__code")


def activity_field_name(number: int, edit: str) -> str:
    return f"activity_{number}_{edit}"


class ImportPreviewForm(forms.Form):
    """The reading of the plan, with what the user may correct and where it goes."""

    TARGET_NEW, TARGET_MERGE = "new", "merge"

    draft = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    theme = forms.CharField(label=_("Theme"), max_length=128, required=False)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())
    target = forms.ChoiceField(
        label=_("Save as"),
        choices=[(TARGET_NEW, _("A new campaign")), (TARGET_MERGE, _("Added to an existing campaign"))],
        widget=forms.RadioSelect,
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Unit.objects.none(), required=False)
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none(), required=False)
    create_units = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    co_organisers = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    confirm_report = forms.BooleanField(
        label=_("I know this is a summary or a news report; import it anyway"), required=False
    )

    def __init__(self, *args: Any, draft: PlanDraft, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = draft
        model_choice_field(self, "region").queryset = Region.objects.exclude(level=Region.Level.NATION).order_by("code")
        model_choice_field(self, "organiser").queryset = office_units_of(user)
        model_choice_field(self, "campaign").queryset = campaigns_managed_by(user)
        names = unit_names_in(draft)
        for name in ("create_units", "co_organisers"):
            cast(forms.MultipleChoiceField, self.fields[name]).choices = [(unit, unit) for unit in names]
        for number, (activity, _depth) in enumerate(walk_activities(draft.activities)):
            self.fields[activity_field_name(number, "title")] = forms.CharField(
                label=_("Title"), initial=activity.title
            )
            self.fields[activity_field_name(number, "date_text")] = forms.CharField(
                label=_("Date as written"), initial=activity.date_text or "", required=False
            )
            self.fields[activity_field_name(number, "venue")] = forms.CharField(
                label=_("Venue"), initial=activity.venue or "", required=False
            )

    @property
    def is_report(self) -> bool:
        return self.plan.kind in REPORT_KINDS

    def activity_fields(self, number: int) -> list[forms.BoundField]:
        return [self[activity_field_name(number, edit)] for edit in ACTIVITY_EDITS]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.is_report and not data.get("confirm_report"):
            self.add_error(
                "confirm_report",
                _("This reads as an activity summary or a news report. Tick the box to import it anyway."),
            )
        if data.get("target") == self.TARGET_NEW:
            for name in ("region", "organiser"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Choose one for a new campaign."))
        elif data.get("target") == self.TARGET_MERGE and not data.get("campaign") and "campaign" not in self.errors:
            self.add_error("campaign", _("Choose the campaign to add the plan to."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data

    def edited_draft(self) -> PlanDraft:
        """The draft with the user's corrections (call after ``is_valid``)."""
        data = self.cleaned_data
        draft = PlanDraft.from_dict(self.plan.to_dict())
        draft.title = data["title"]
        draft.year = data["year"]
        draft.theme = data["theme"] or None
        draft.start_date = data["start_date"].isoformat() if data.get("start_date") else None
        draft.end_date = data["end_date"].isoformat() if data.get("end_date") else None
        for number, (activity, _depth) in enumerate(walk_activities(draft.activities)):
            activity.title = data[activity_field_name(number, "title")]
            activity.date_text = data[activity_field_name(number, "date_text")] or None
            activity.venue = data[activity_field_name(number, "venue")] or None
        return draft
