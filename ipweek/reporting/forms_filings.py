from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ipweek.reporting.models import Filing
from ipweek.reporting.services.filings import FILING_FIELDS


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


_COORDINATE_PLACES = Decimal("0.000001")


class FilingForm(forms.ModelForm):
    """The filing's fields and the version the editor started from; the service checks the rest."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Filing
        fields = list(FILING_FIELDS)
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "co_hosts": _("Separate several units with 、"),
            "latitude": _("Optional, in decimal degrees, e.g. 30.274085."),
            "longitude": _("Optional, in decimal degrees, e.g. 120.155070."),
            "contact_phone": _("A mobile number (13800138000) or a landline with area code (0571-88888888)."),
            "channels": _("e.g. 网站、微信公众号、LED屏"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A draft may be incomplete; the service names what is missing when the filing is submitted.
        for name in ("host", "venue", "contact_name", "contact_phone"):
            self.fields[name].required = False
        for name in ("latitude", "longitude"):
            # Map apps give more digits than we keep: accept any, round in clean_*; the service checks ranges.
            old = self.fields[name]
            self.fields[name] = forms.DecimalField(
                label=old.label,
                help_text=old.help_text,
                required=False,
                widget=forms.NumberInput(attrs={"step": "any"}),
            )

    def _round(self, name: str) -> Decimal | None:
        value = self.cleaned_data.get(name)
        return value.quantize(_COORDINATE_PLACES, rounding=ROUND_HALF_UP) if value is not None else None

    def clean_latitude(self) -> Decimal | None:
        return self._round("latitude")

    def clean_longitude(self) -> Decimal | None:
        return self._round("longitude")

    def _post_clean(self) -> None:
        # The service validates the whole filing, in the office's words.
        pass

    def filing_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FILING_FIELDS}


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning the filing: say what the unit should change."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class DeadlinesForm(forms.Form):
    filing_due = forms.DateTimeField(label=_("Filing deadline"), required=False, widget=DateTimeLocalInput())
    report_due = forms.DateTimeField(label=_("Report deadline"), required=False, widget=DateTimeLocalInput())
    submission_due = forms.DateTimeField(
        label=_("Deadline for submissions from lower levels"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("When child campaigns (cities, counties) must submit their figures and summary to this campaign."),
    )
