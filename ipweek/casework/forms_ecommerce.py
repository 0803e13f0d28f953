"""Forms of the e-commerce fast track. They check shape only; the service decides what is allowed."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipweek.casework.models import EcommerceRequest
from ipweek.casework.services import ecommerce as services
from ipweek.casework.services import intake
from ipweek.core.forms import DateInput

EVIDENCE_ACCEPT = ",".join(f".{ext}" for ext in intake.EVIDENCE_TYPES)


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _EvidenceField(forms.FileField):
    """Several files under one name; the intake service checks what they really are."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _MultipleFileInput(attrs={"multiple": True, "accept": EVIDENCE_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        return [upload for upload in files if upload]


def _text(label: Any, maxlength: int, *, required: bool = False, **attrs: str) -> forms.CharField:
    widget = forms.TextInput(attrs={"maxlength": str(maxlength), **attrs})
    return forms.CharField(label=label, required=required, widget=widget, max_length=maxlength)


class RequestForm(forms.Form):
    """A platform's determination request; required fields are marked, the service names what is missing."""

    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    shop_name = _text(_("Shop"), 200, required=True)
    listing_url = forms.CharField(
        label=_("Listing address"),
        required=True,
        max_length=500,
        widget=forms.URLInput(attrs={"maxlength": "500", "inputmode": "url", "placeholder": "https://"}),
    )
    patent_number = _text(_("Patent number"), 40, required=True, autocomplete="off", placeholder="ZL 2023 1 0699744.2")
    right_holder = _text(_("Right holder"), 200, required=True)
    contact_name = _text(_("Right holder's contact person"), 100, autocomplete="off")
    contact_phone = _text(_("Contact phone"), 32, inputmode="tel", autocomplete="off")
    contact_email = _text(_("Contact e-mail"), 254, inputmode="email", autocomplete="off")
    facts = forms.CharField(
        label=_("Facts and the right holder's notice"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )
    request = forms.CharField(
        label=_("What the platform asks"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    evidence = _EvidenceField(
        label=_("Evidence"),
        required=False,
        help_text=_("PDF, JPEG, PNG or Word files, up to 10 files of 10 MB each."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["patent_number"].help_text = _("With the check character after the dot.")
        self.fields["contact_phone"].help_text = _("A phone number or an e-mail address is needed.")

    def clean(self) -> dict[str, Any]:
        """Ask the service too, so that every wrong field is named at once, in the service's words."""
        cleaned = super().clean() or {}
        try:
            services.clean_request_data(cleaned, cleaned.get("evidence") or [])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in self.errors:
                    self.add_error(name if name in self.fields else None, messages)
        return cleaned


class VersionForm(forms.Form):
    """The case version the page was drawn from; a step on a newer case is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class OpinionForm(VersionForm):
    opinion = forms.ChoiceField(
        label=_("Opinion"), choices=EcommerceRequest.Opinion.choices, widget=forms.RadioSelect, required=False
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, required=False
    )


class MeasureForm(VersionForm):
    measure = forms.ChoiceField(label=_("Measure taken"), choices=EcommerceRequest.Measure.choices, required=False)


class CounterNoticeForm(VersionForm):
    at = forms.DateField(
        label=_("Date the seller's declaration arrived"),
        widget=DateInput(),
        required=False,
        help_text=_("The 15-day window runs from this day."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = timezone.localdate()


class FinalForm(VersionForm):
    final = forms.ChoiceField(label=_("Final state"), choices=EcommerceRequest.Final.choices, required=False)


STEP_FORMS: dict[str, type[VersionForm]] = {
    "measure": MeasureForm,
    "counter-notice": CounterNoticeForm,
    "complaint-or-suit": VersionForm,
    "final": FinalForm,
}
