"""Forms of the enforcement log: a special action, an inspection with its officers and the items checked.

The forms check what one field can say on its own; the service checks the rest (two officers or
more, the case belongs to the office) and its errors land back on these forms.
"""

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import BaseFormSet, BaseModelFormSet, formset_factory, modelformset_factory
from django.utils.translation import gettext_lazy as _

from ipweek.campaigns.models import Activity, Campaign
from ipweek.casework.models import Case, Inspection, InspectionItem, SpecialAction
from ipweek.casework.services.enforcement import INSPECTION_FIELDS, KNOWN_STATUSES, ItemInput
from ipweek.core.forms import DateInput, model_choice_field
from ipweek.patents.numbers import APPLICATION, PatentType
from ipweek.units.models import Unit

# 统一社会信用代码: 18 characters of digits and capitals without I, O, S, V, Z (GB 32100-2015).
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
CLAIMED_TYPES = [
    ("", _("Not stated")),
    (PatentType.INVENTION.value, _("Invention patent")),
    (PatentType.UTILITY_MODEL.value, _("Utility model patent")),
    (PatentType.DESIGN.value, _("Design patent")),
    (APPLICATION, _("Patent application (not granted)")),
]
KNOWN_STATUS_CHOICES = [("", _("Not looked up"))] + [
    (value, label) for value, label in InspectionItem.Verification.choices if value in KNOWN_STATUSES
]

# How the inspection form groups its fields (officers and items come between the second and third).
INSPECTION_FIELD_GROUPS = [
    (_("Time and place"), ["inspected_at", "location", "market_kind"]),
    (_("Inspected party"), ["party_name", "party_credit_code", "party_address", "party_person"]),
    (
        _("Evidence and records"),
        ["legal_basis", "evidence_note", "record_ref", "seizure_list", "seized_count", "signatures"],
    ),
    (_("Outcome"), ["outcome", "case_number", "open_case", "follow_up_due"]),
]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ActionForm(forms.ModelForm):
    office = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Office"))
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.none(), required=False, label=_("Campaign"))
    activity = forms.ModelChoiceField(
        queryset=Activity.objects.none(),
        required=False,
        label=_("Activity"),
        help_text=_(
            "The campaign activity this action belongs to; its totals then feed the activity's closing report."
        ),
    )

    class Meta:
        model = SpecialAction
        fields = ["office", "name", "starts_on", "ends_on", "legal_basis", "campaign", "activity"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args: Any, offices: QuerySet[Unit], campaigns: QuerySet[Campaign], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "office").queryset = offices
        model_choice_field(self, "campaign").queryset = campaigns
        model_choice_field(self, "activity").queryset = (
            Activity.objects.filter(campaign__in=campaigns)
            .exclude(status=Activity.Status.CANCELLED)
            .select_related("campaign")
            .order_by("campaign__year", "campaign_id", "position", "pk")
        )
        if self.instance.pk:
            self.fields["office"].disabled = True
        elif offices.count() == 1:
            self.fields["office"].initial = offices.first()
            self.fields["office"].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The action cannot end before it starts."))
        return cleaned


class InspectionForm(forms.ModelForm):
    case_number = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=32,
        help_text=_("The case opened on these findings, e.g. JB2027-330500-00001. It may be added later."),
    )
    open_case = forms.BooleanField(
        label=_("Open a new case on these findings"),
        required=False,
        help_text=_(
            "Instead of a case number: a violation report found ex officio, with the inspected party as "
            "respondent and the products' findings as facts. Its time limit counts from the inspection."
        ),
    )

    class Meta:
        model = Inspection
        fields = list(INSPECTION_FIELDS)
        widgets = {
            "inspected_at": DateTimeInput(),
            "follow_up_due": DateInput(),
            "evidence_note": forms.Textarea(attrs={"rows": 3}),
            "seizure_list": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office_id = office_id
        self.linked_case: Case | None = None
        if self.instance.case_id and not self.is_bound:
            self.fields["case_number"].initial = self.instance.case.number if self.instance.case else ""

    def clean_party_credit_code(self) -> str:
        code = (self.cleaned_data.get("party_credit_code") or "").strip().upper()
        if code and not CREDIT_CODE.match(code):
            raise forms.ValidationError(
                _("A unified social credit code has 18 characters: digits and capital letters except I, O, S, V, Z.")
            )
        return code

    def clean_case_number(self) -> str:
        number = (self.cleaned_data.get("case_number") or "").strip().upper()
        if number:
            # The same answer whether the number is unknown or another office's: nothing leaks.
            self.linked_case = Case.objects.filter(number=number, office_id=self.office_id).first()
            if self.linked_case is None:
                raise forms.ValidationError(_("No case of this office has that number."))
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        inspected, follow_up = cleaned.get("inspected_at"), cleaned.get("follow_up_due")
        if inspected and follow_up and follow_up < inspected.date():
            self.add_error("follow_up_due", _("The follow-up cannot be due before the inspection."))
        if cleaned.get("open_case"):
            if cleaned.get("case_number"):
                self.add_error("open_case", _("Link a case by its number or open a new one, not both."))
            elif cleaned.get("outcome") != Inspection.Outcome.CASE_OPENED:
                self.add_error("open_case", _("Only an inspection whose outcome is “case opened” can open a case."))
        return cleaned


class OfficerForm(forms.Form):
    name = forms.CharField(label=_("Officer"), max_length=64, required=False)
    certificate = forms.CharField(label=_("Enforcement certificate number"), max_length=32, required=False)


class ItemForm(forms.ModelForm):
    claimed_type = forms.ChoiceField(label=_("Claimed type"), choices=CLAIMED_TYPES, required=False)
    known_status = forms.ChoiceField(
        label=_("Status in the register"),
        choices=KNOWN_STATUS_CHOICES,
        required=False,
        help_text=_("If you looked the number up; a problem the number itself shows takes precedence."),
    )
    officer_suspects = forms.BooleanField(label=_("Suspected counterfeit patent"), required=False)

    class Meta:
        model = InspectionItem
        fields = ["product", "model", "quantity", "mark_text", "claimed_type", "claimed_number"]
        help_texts = {"mark_text": _("Copy the mark as printed, e.g. 中国实用新型专利 ZL 2019 2 0123456.7")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quantity"].widget.attrs["min"] = 1
        item = self.instance
        if item.pk and not self.is_bound:
            self.fields["known_status"].initial = item.verification if item.verification in KNOWN_STATUSES else ""
            self.fields["officer_suspects"].initial = item.suspected_counterfeit

    def clean_quantity(self) -> int:
        quantity = self.cleaned_data.get("quantity") or 0
        if quantity < 1:
            raise forms.ValidationError(_("Enter at least 1."))
        return quantity


def officer_formset(data: Any, officers: list[dict[str, str]]) -> BaseFormSet:
    """Name and certificate rows: the recorded officers plus empty rows, at least four in all."""
    formset_class = formset_factory(
        OfficerForm, extra=max(2, 4 - len(officers)), max_num=12, validate_max=True, absolute_max=12
    )
    return formset_class(data, initial=officers, prefix="officers")


def item_formset(data: Any, inspection: Inspection | None) -> "BaseModelFormSet[InspectionItem, ItemForm]":
    formset_class = modelformset_factory(
        InspectionItem, form=ItemForm, extra=3 if inspection is None else 1, can_delete=True, max_num=50
    )
    queryset = inspection.items.all() if inspection is not None else InspectionItem.objects.none()
    return formset_class(data, queryset=queryset, prefix="items")


def officer_rows(formset: BaseFormSet) -> list[dict[str, str]]:
    return [
        {"name": form.cleaned_data.get("name", ""), "certificate": form.cleaned_data.get("certificate", "")}
        for form in formset.forms
        if form.cleaned_data
    ]


def item_inputs(formset: "BaseModelFormSet[InspectionItem, ItemForm]") -> list[ItemInput]:
    inputs = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        data = form.cleaned_data
        inputs.append(
            ItemInput(
                product=data.get("product", ""),
                model=data.get("model", ""),
                quantity=data.get("quantity") or 1,
                mark_text=data.get("mark_text", ""),
                claimed_type=data.get("claimed_type", ""),
                claimed_number=data.get("claimed_number", ""),
                known_status=data.get("known_status", ""),
                officer_suspects=bool(data.get("officer_suspects")),
                item_id=form.instance.pk,
                delete=bool(data.get("DELETE")),
            )
        )
    return inputs
