"""Forms of the desk: the quick consultation entry and the full case taken at the desk.

The quick form is mostly a rendering aid: the page's script reads it, queues the entry and syncs it
as JSON, and the same form posted without JavaScript records one entry. The case form collects what
``services.intake.submit_case`` needs; which fields a type of case requires is the service's rule.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ipweek.casework.models import Case, DeskEntry
from ipweek.casework.models.cases import IpType
from ipweek.casework.numbering import new_idempotency_key
from ipweek.casework.services.desk import KEY_PATTERN, QUICK_OUTCOMES
from ipweek.casework.services.intake import TEXT_FIELDS
from ipweek.units.models import Unit

DESK_KINDS = [
    (kind.value, kind.label)
    for kind in (Case.Kind.COMPLAINT, Case.Kind.REPORT, Case.Kind.ASSISTANCE, Case.Kind.DISPUTE, Case.Kind.CONSULTATION)
]


def _offer_units(form: forms.Form, units: tuple[Unit, ...]) -> None:
    """The units the user records for; a single one needs no choice and is not shown."""
    field = form.fields["unit"]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - a programming error, not input
    field.choices = [(str(unit.pk), unit.name) for unit in units]
    field.initial = str(units[0].pk) if units else None
    if len(units) < 2:
        field.widget = forms.HiddenInput()


class DeskEntryForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=DeskEntry.Topic.choices, widget=forms.RadioSelect)
    ip_type = forms.ChoiceField(label=_("IP type"), choices=IpType.choices, widget=forms.RadioSelect)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(o.value, o.label) for o in QUICK_OUTCOMES],
        initial=DeskEntry.Outcome.ANSWERED,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("What was asked, in a few words. No names or phone numbers here."),
    )
    contact = forms.CharField(
        label=_("Contact (optional)"),
        required=False,
        max_length=100,
        help_text=_("Only if the visitor wants a call back. Shown masked."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    unit = forms.ChoiceField(label=_("Recording for"), required=False)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, units: tuple[Unit, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_units(self, units)
        # A fresh key per rendered form: a form posted twice (no JavaScript) still records once.
        self.fields["key"].initial = new_idempotency_key()

    def clean_key(self) -> str:
        key = self.cleaned_data["key"]
        if not KEY_PATTERN.match(key):
            raise forms.ValidationError(_("Reload the page and try again."))
        return key


class DeskCaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of case"), choices=DESK_KINDS)
    topic = forms.ChoiceField(label=_("Topic"), choices=DeskEntry.Topic.choices, initial=DeskEntry.Topic.INFRINGEMENT)
    ip_type = forms.ChoiceField(label=_("IP type"), choices=IpType.choices, initial=IpType.OTHER)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    complainant_kind = forms.ChoiceField(
        label=_("Complainant is"), choices=Case.ComplainantKind.choices, initial=Case.ComplainantKind.PERSON
    )
    complainant_name = forms.CharField(label=_("Name"), required=False, max_length=100)
    complainant_phone = forms.CharField(
        label=_("Phone"), required=False, max_length=32, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    complainant_address = forms.CharField(label=_("Postal address"), required=False, max_length=200)
    is_real_name = forms.BooleanField(label=_("Gives their real name"), required=False, initial=True)
    respondent_name = forms.CharField(label=_("Respondent"), required=False, max_length=200)
    respondent_address = forms.CharField(label=_("Respondent address"), required=False, max_length=200)
    right_number = forms.CharField(label=_("Patent or registration number"), required=False, max_length=64)
    place_of_infringement = forms.CharField(label=_("Place of infringement"), required=False, max_length=200)
    facts = forms.CharField(label=_("Facts"), required=False, max_length=20000, widget=forms.Textarea({"rows": 4}))
    request = forms.CharField(label=_("Request"), required=False, max_length=5000, widget=forms.Textarea({"rows": 2}))
    litigation_pending = forms.BooleanField(label=_("A lawsuit or arbitration is pending"), required=False)
    consents_to_mediation = forms.BooleanField(label=_("Agrees to mediation"), required=False)
    unit = forms.ChoiceField(label=_("Desk of"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, units: tuple[Unit, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_units(self, units)
        self.fields["idempotency_key"].initial = new_idempotency_key()

    def clean_idempotency_key(self) -> str:
        key = self.cleaned_data["idempotency_key"]
        if not KEY_PATTERN.match(key):
            raise forms.ValidationError(_("Reload the page and try again."))
        return key

    def case_data(self) -> dict[str, Any]:
        """The fields ``submit_case`` reads, as typed (the service strips and checks them)."""
        names = [*TEXT_FIELDS, "ip_type", "complainant_kind", "is_real_name", "litigation_pending"]
        names.append("consents_to_mediation")
        return {name: self.cleaned_data.get(name, "") for name in names if name in self.fields}
