"""Forms of the caseworkers' pages: the case list's filters, staff intake, workflow steps and transfers.

Forms here only shape input; the rules (what each type of case needs, which step may follow which)
live in the services, whose ValidationErrors are put back on the form with ``add_service_errors``.
"""

import datetime as dt
from collections.abc import Collection
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ipweek.accounts.models import User
from ipweek.casework import numbering
from ipweek.casework.models import Case, Transfer
from ipweek.casework.models.cases import IpType
from ipweek.casework.services.intake import FLAG_FIELDS, MAX_EVIDENCE_FILES, TEXT_FIELDS
from ipweek.casework.services.workflow import STEPS
from ipweek.core.forms import DateInput
from ipweek.units.models import Membership, Unit

BLANK = [("", _("All"))]


def caseworkers_of(office_ids: Collection[int] | None) -> QuerySet[User]:
    """The active users who handle cases of these offices (None: of any office), by name."""
    # One filter() call, so role and unit are checked on the same membership.
    memberships: dict[str, object] = {"memberships__role": Membership.Role.CASEWORKER}
    if office_ids is not None:
        memberships["memberships__unit_id__in"] = office_ids
    return User.objects.filter(is_active=True, **memberships).distinct().order_by("display_name", "username")


def _verbose_name(name: str) -> str:
    return str(getattr(Case._meta.get_field(name), "verbose_name", name))


class CaseFilterForm(forms.Form):
    """The case list's filters; every field is optional and a bad value simply filters nothing."""

    q = forms.CharField(label=_("Number or subject"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=BLANK + list(Case.Status.choices))
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=BLANK + list(Case.Kind.choices))
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=BLANK + list(Case.Channel.choices))
    ip_type = forms.ChoiceField(label=_("IP type"), required=False, choices=BLANK + list(IpType.choices))
    handler = forms.ChoiceField(label=_("Handler"), required=False)
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[*BLANK, ("overdue", _("Overdue")), ("soon", _("Due within 2 working days"))],
    )

    def __init__(self, *args: Any, handlers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [*BLANK, ("mine", _("Mine")), ("none", _("Not assigned"))]
        choices += [(str(pk), name) for pk, name in handlers]
        self.fields["handler"].choices = choices  # type: ignore[attr-defined]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input; the intake service checks each one's content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_EVIDENCE_FILES:
            raise forms.ValidationError(_("At most %(n)d files.") % {"n": MAX_EVIDENCE_FILES})
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


STAFF_CHANNELS = [
    (Case.Channel.HOTLINE, _("Hotline 12330")),
    (Case.Channel.LETTER, _("Letter")),
    (Case.Channel.DESK, _("Walk-in at the office")),
    (Case.Channel.TRANSFER_IN, _("Transfer from another office")),
]


INTAKE_GROUPS = [
    (_("The case"), ["office", "channel", "kind", "received_on", "ip_type", "subject"]),
    (
        _("Complainant"),
        [
            "complainant_kind",
            "is_real_name",
            "complainant_name",
            "complainant_id_number",
            "complainant_phone",
            "complainant_email",
            "complainant_address",
        ],
    ),
    (_("Respondent"), ["respondent_name", "respondent_address", "respondent_url", "right_number"]),
    (
        _("Facts and request"),
        ["facts", "request", "place_of_infringement", "litigation_pending", "consents_to_mediation", "evidence"],
    ),
]


class CaseIntakeForm(forms.Form):
    """A case a caseworker records: from a call, a letter, a visitor or another office."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    office = forms.ModelChoiceField(label=_("Office"), queryset=Unit.objects.none(), empty_label=None)
    channel = forms.ChoiceField(label=_("Received by"), choices=STAFF_CHANNELS)
    # E-commerce requests come from a platform (its form or the API), with their own details.
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[(value, label) for value, label in Case.Kind.choices if value != Case.Kind.ECOMMERCE],
        initial=Case.Kind.COMPLAINT,
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty for today. For a letter, the day it arrived: deadlines count from it."),
    )
    ip_type = forms.ChoiceField(label=_("IP type"), choices=IpType.choices, initial=IpType.OTHER)
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    complainant_kind = forms.ChoiceField(
        label=_("Complainant is"), choices=Case.ComplainantKind.choices, initial=Case.ComplainantKind.PERSON
    )
    is_real_name = forms.BooleanField(label=_("Gives their real name"), required=False, initial=True)

    def __init__(self, *args: Any, offices: QuerySet[Unit], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", numbering.new_idempotency_key())
        super().__init__(*args, **kwargs)
        office = self.fields["office"]
        assert isinstance(office, forms.ModelChoiceField)  # noqa: S101 - a programming error, not input
        office.queryset = offices
        for name in TEXT_FIELDS:
            if name not in self.fields:
                limit = getattr(Case._meta.get_field(name), "max_length", None)
                self.fields[name] = forms.CharField(
                    label=capfirst(_verbose_name(name)), max_length=limit, required=False
                )
        for name in FLAG_FIELDS:
            if name not in self.fields:
                label = capfirst(_verbose_name(name))
                self.fields[name] = forms.BooleanField(label=label, required=False)
        for name in ("facts", "request"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 4})
        self.fields["complainant_phone"].widget.input_type = "tel"  # type: ignore[attr-defined]
        self.fields["evidence"] = MultipleFileField(
            label=_("Evidence files"), required=False, help_text=_("PDF, JPEG, PNG or Word (.docx), up to 10 MB each.")
        )

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The visible fields in fieldsets, so a long form reads in parts."""
        return [(label, [self[name] for name in names]) for label, names in INTAKE_GROUPS]

    def clean_received_on(self) -> dt.date | None:
        day = self.cleaned_data.get("received_on")
        today = timezone.localdate()
        if day and day > today:
            raise forms.ValidationError(_("The day of receipt cannot be in the future."))
        if day and (today - day).days > 366:
            raise forms.ValidationError(_("The day of receipt is more than a year ago."))
        return day

    def received_at(self) -> dt.datetime | None:
        """Now for today; 09:00 local time for an earlier day (a letter opened that morning)."""
        day = self.cleaned_data.get("received_on")
        if not day or day == timezone.localdate():
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))

    def case_data(self) -> dict[str, Any]:
        names = (*TEXT_FIELDS, *FLAG_FIELDS, "ip_type", "complainant_kind")
        return {name: self.cleaned_data.get(name) for name in names}


class StepForm(forms.Form):
    """One workflow step; shows only the fields that step needs. The version guards concurrent edits."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Case.Outcome.choices], required=False)
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, step: str, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("version", case.version)
        kwargs["prefix"] = step
        super().__init__(*args, **kwargs)
        self.step_name, self.step = step, STEPS[step]
        if self.step.needs_handler:
            handler = self.fields["handler"]
            assert isinstance(handler, forms.ModelChoiceField)  # noqa: S101 - a programming error, not input
            handler.queryset = caseworkers_of({case.office_id})
            handler.initial = case.handler_id
        else:
            del self.fields["handler"]
        if not self.step.needs_outcome:
            del self.fields["outcome"]
        if self.step.needs_note:
            self.fields["note"].help_text = _("Required. The complainant will be told.")
        elif self.step.needs_outcome:
            self.fields["note"].label = _("Note (optional)")
        else:
            del self.fields["note"]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Working note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class TransferForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    body_kind = forms.ChoiceField(label=_("Receiving body"), choices=Transfer.Body.choices)
    body_name = forms.CharField(
        label=_("Name of the body"), max_length=200, help_text=_("For example 湖州市市场监督管理局.")
    )
    note = forms.CharField(
        label=_("Note (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


class ReceiptForm(forms.Form):
    receipt = forms.ChoiceField(
        label=_("Receipt"),
        choices=[
            ("", "—"),
            (Transfer.Receipt.ACCEPTED, _("Accepted by the body")),
            (Transfer.Receipt.REFUSED, _("Refused by the body")),
        ],
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
        help_text=_("Required when the body refused; the complainant will be told."),
    )


class ResultForm(forms.Form):
    result = forms.CharField(
        label=_("Result reported by the body"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("The complainant will be told."),
    )
