"""The citizen's forms: submit a complaint (or report, assistance or dispute request, consultation), track it.

The complaint form checks almost nothing itself: :func:`services.intake.clean_case_data` is the one
place that knows what each type of case needs, and its per-field messages are put back on this form.
The form's job is to render the fields, keep what was typed, and say per type which fields apply.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ipweek.casework import numbering
from ipweek.casework.models import Case
from ipweek.casework.models.cases import IpType
from ipweek.casework.services import intake

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as Label
else:
    Label = Promise

K = Case.Kind
PUBLIC_KINDS: list[tuple[str, Promise]] = [
    (K.COMPLAINT, _("Complaint: a business harmed your own rights or interests")),
    (K.REPORT, _("Violation report: tell us about an infringement or a fake patent mark (you may stay anonymous)")),
    (K.ASSISTANCE, _("Rights-protection assistance: ask for help to protect your rights")),
    (K.DISPUTE, _("Patent-infringement dispute: ask the office to rule on an infringement of your patent")),
    (K.CONSULTATION, _("Consultation: a question about intellectual property")),
]
PUBLIC_KIND_VALUES = [value for value, _label in PUBLIC_KINDS]

_ALL = frozenset(PUBLIC_KIND_VALUES)
_MATTER = frozenset({K.COMPLAINT, K.REPORT, K.ASSISTANCE, K.DISPUTE})
# The types of case each field applies to; fields of other types are hidden by public_form.js.
SHOWN_FOR: dict[str, frozenset[str]] = {
    "ip_type": _ALL,
    "subject": _ALL,
    "facts": _ALL,
    "request": frozenset({K.COMPLAINT, K.REPORT, K.ASSISTANCE, K.DISPUTE}),
    "is_real_name": frozenset({K.REPORT}),
    "complainant_kind": _ALL,
    "complainant_name": _ALL,
    "complainant_phone": _ALL,
    "complainant_email": _ALL,
    "complainant_address": _MATTER,
    "complainant_id_number": _MATTER,
    "respondent_name": _MATTER,
    "respondent_address": _MATTER,
    "respondent_url": _MATTER,
    "right_number": _MATTER,
    "place_of_infringement": _MATTER,
    "litigation_pending": frozenset({K.COMPLAINT, K.ASSISTANCE, K.DISPUTE}),
    "consents_to_mediation": frozenset({K.COMPLAINT, K.DISPUTE}),
    "evidence": _MATTER,
}
FIELDSETS: list[tuple[Promise, tuple[str, ...]]] = [
    (_("What it is about"), ("ip_type", "subject", "facts", "request")),
    (
        _("About you"),
        (
            "is_real_name",
            "complainant_kind",
            "complainant_name",
            "complainant_phone",
            "complainant_email",
            "complainant_address",
            "complainant_id_number",
        ),
    ),
    (
        _("Who infringes, and where"),
        ("respondent_name", "respondent_address", "respondent_url", "right_number", "place_of_infringement"),
    ),
    (_("Other circumstances"), ("litigation_pending", "consents_to_mediation")),
    (_("Evidence"), ("evidence",)),
]
# A named reporter must be reachable (intake.clean_case_data adds these for a real-name report).
NAMED_REPORT_CONTACT = ("complainant_name", "complainant_phone")
EVIDENCE_ACCEPT = ",".join(f".{ext}" for ext in intake.EVIDENCE_TYPES)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; the intake service checks their content."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": EVIDENCE_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> "list[UploadedFile[bytes]]":
        files = data if isinstance(data, list | tuple) else [data]
        return [upload for upload in files if upload]


def _text(label: "Label", *, maxlength: int, help_text: "Label | str" = "", **attrs: str) -> forms.CharField:
    widget = forms.TextInput(attrs={"maxlength": str(maxlength), **attrs})
    return forms.CharField(label=label, required=False, help_text=help_text, widget=widget)


def _textarea(label: "Label", *, rows: int, help_text: "Label | str" = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class PublicCaseForm(forms.Form):
    """Every field is optional here; the intake service says what the chosen type needs."""

    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("What would you like to do?"), choices=PUBLIC_KINDS, widget=forms.RadioSelect)
    ip_type = forms.CharField(
        label=_("Kind of intellectual property"),
        required=False,
        widget=forms.Select(choices=[("", _("Not sure")), *IpType.choices]),
    )
    subject = _text(
        _("Subject, in one line"), maxlength=200, help_text=_("For example: shop sells fake patented lamps")
    )
    facts = _textarea(
        _("What happened"),
        rows=6,
        help_text=_("When and where, what was made, sold or used, how you found out. For a question, write it here."),
    )
    request = _textarea(_("What you ask the office to do"), rows=3)
    is_real_name = forms.BooleanField(
        label=_("I give my name and contact"),
        required=False,
        initial=True,
        help_text=_("A named reporter must give a name and phone and is told the result. Untick to stay anonymous."),
    )
    complainant_kind = forms.CharField(
        label=_("You are"),
        required=False,
        initial=Case.ComplainantKind.PERSON,
        widget=forms.RadioSelect(choices=Case.ComplainantKind.choices),
    )
    complainant_name = _text(_("Name of the person or organisation"), maxlength=100, autocomplete="name")
    complainant_phone = _text(_("Phone"), maxlength=32, type="tel", autocomplete="tel", inputmode="tel")
    complainant_email = _text(_("E-mail (optional)"), maxlength=254, type="email", autocomplete="email")
    complainant_address = _text(_("Postal address"), maxlength=200, autocomplete="street-address")
    complainant_id_number = _text(
        _("ID card number or unified social credit code (optional)"), maxlength=32, autocomplete="off"
    )
    respondent_name = _text(
        _("Name of the business or person"),
        maxlength=200,
        help_text=_("As shown on the sign, the invoice or the shop."),
    )
    respondent_address = _text(_("Their address"), maxlength=200)
    respondent_url = _text(
        _("Web shop or page (optional)"), maxlength=500, type="url", help_text=_("Starting with http:// or https://")
    )
    right_number = _text(_("Patent or registration number"), maxlength=64, help_text=_("For example ZL202310123456.7"))
    place_of_infringement = _text(_("Where the infringement takes place"), maxlength=200)
    litigation_pending = forms.BooleanField(
        label=_("The matter is already before a court or an arbitrator"), required=False
    )
    consents_to_mediation = forms.BooleanField(label=_("I agree to mediation by the office"), required=False)
    evidence = MultipleFileField(label=_("Evidence files (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = gettext(
            "PDF, JPEG, PNG or Word (.docx); at most %(files)d files of %(mb)d MB each."
        ) % {"files": intake.MAX_EVIDENCE_FILES, "mb": intake.MAX_EVIDENCE_BYTES // (1024 * 1024)}
        if self.is_bound and not _is_key(self.data.get("idempotency_key")):
            # A form posted without a key gets one now, so that its re-rendered copy keeps it.
            key = numbering.new_idempotency_key()
            if isinstance(self.data, QueryDict):
                data = self.data.copy()
                data["idempotency_key"] = key
                self.data = data
            else:
                self.data = {**self.data, "idempotency_key": key}
        elif not self.is_bound:
            self.initial.setdefault("idempotency_key", numbering.new_idempotency_key())
            self.initial.setdefault("kind", K.COMPLAINT)

    def case_data(self) -> dict[str, Any]:
        """The cleaned fields in the shape ``submit_case(data=…)`` takes."""
        data = {name: self.cleaned_data.get(name) for name in (*intake.TEXT_FIELDS, *intake.CHOICE_FIELDS)}
        for name in intake.FLAG_FIELDS:
            data[name] = bool(self.cleaned_data.get(name))
        if self.cleaned_data.get("kind") != K.REPORT:
            data["is_real_name"] = True  # only a report may be anonymous
        return data

    @property
    def selected_kind(self) -> str:
        value = self["kind"].value()
        return value if value in PUBLIC_KIND_VALUES else K.COMPLAINT

    @property
    def is_named_report(self) -> bool:
        return self.selected_kind == K.REPORT and bool(self["is_real_name"].value())

    def fieldsets(self) -> list["Fieldset"]:
        return [Fieldset(legend, [FieldView.of(self, name) for name in names]) for legend, names in FIELDSETS]

    def error_links(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) per error, in page order, for the summary at the top."""
        links = []
        for name in ("kind", *(n for _legend, names in FIELDSETS for n in names)):
            bound = self[name]
            for message in bound.errors:
                links.append((_anchor(bound), str(bound.label), str(message)))
        return links


def _is_key(value: object) -> bool:
    # Any non-blank key is the client's own (the intake service trims it to 64 characters); replacing
    # it would turn a retried submission into a second case.
    return isinstance(value, str) and bool(value.strip())


def _anchor(bound: forms.BoundField) -> str:
    if isinstance(bound.field.widget, forms.RadioSelect):
        return f"{bound.auto_id}_0"
    return bound.id_for_label


def required_for(name: str) -> list[str]:
    """The public types of case that need field ``name``."""
    return [kind for kind in PUBLIC_KIND_VALUES if name in intake.REQUIRED[kind]]


@dataclass
class FieldView:
    """One field as the page shows it: which types it applies to and whether the current type needs it."""

    bound: forms.BoundField
    shown_for: list[str]
    required_for: list[str]
    is_named_report_contact: bool
    is_required: bool
    anchor: str

    @classmethod
    def of(cls, form: PublicCaseForm, name: str) -> "FieldView":
        bound = form[name]
        needed = required_for(name)
        shown = [k for k in PUBLIC_KIND_VALUES if k in SHOWN_FOR[name]]
        is_contact = name in NAMED_REPORT_CONTACT
        is_required = form.selected_kind in needed or (is_contact and form.is_named_report)
        return cls(bound, shown, needed, is_contact, is_required, _anchor(bound))

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.bound.field.widget, forms.CheckboxInput)

    @property
    def is_radio(self) -> bool:
        return isinstance(self.bound.field.widget, forms.RadioSelect)


@dataclass
class Fieldset:
    legend: Promise
    fields: list[FieldView]

    @property
    def shown_for(self) -> list[str]:
        return [kind for kind in PUBLIC_KIND_VALUES if any(kind in field.shown_for for field in self.fields)]


def requirements_by_kind(form: PublicCaseForm) -> list[tuple[str, str, list[str]]]:
    """(kind, its label, labels of the fields it needs) for the explanation on the page."""
    return [
        (kind, str(Case.Kind(kind).label), [str(form.fields[name].label) for name in intake.REQUIRED[kind]])
        for kind in PUBLIC_KIND_VALUES
    ]


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("Case number"),
        max_length=32,
        help_text=_("For example TS2027-330500-00042"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label=_("Access code"),
        max_length=32,
        help_text=_("The eight characters shown on your receipt."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_number(self) -> str:
        return "".join(str(self.cleaned_data["number"]).split()).upper()

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"])
        return "".join(c for c in code if c.isalnum()).upper()
