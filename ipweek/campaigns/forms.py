from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ipweek.campaigns.models import Activity, Campaign, PlanItem, PlanSection
from ipweek.campaigns.queries import units_for_campaign
from ipweek.campaigns.services.activities import UnitAssignment
from ipweek.core.forms import DateInput, TimeInput, model_choice_field
from ipweek.units.models import Region, Unit


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "year", "level", "region", "organiser", "title", "theme", "start_date", "end_date", "parent",
            "doc_agency_code", "doc_serial", "addressees", "signatory", "signed_date",
        ]  # fmt: skip
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "signed_date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "region").queryset = Region.objects.order_by("code")
        model_choice_field(self, "organiser").queryset = Unit.objects.filter(
            kind=Unit.Kind.IP_OFFICE, is_active=True
        ).select_related("region")
        model_choice_field(self, "parent").queryset = Campaign.objects.select_related("region").order_by("-year")
        self.fields["start_date"].required = False
        self.fields["end_date"].required = False
        self.fields["start_date"].help_text = _("Leave empty for 20 April.")
        self.fields["end_date"].help_text = _("Leave empty for 26 April.")

    def _post_clean(self) -> None:
        # The service validates the whole campaign (uniqueness and constraints too) in the office's words.
        pass


class CloneForm(forms.Form):
    year = forms.IntegerField(label=_("New year"), min_value=2009, max_value=2100)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to reuse the old title with the new year."),
    )


class SectionForm(forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["heading", "kind", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def _post_clean(self) -> None:
        pass


class ItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}

    def _post_clean(self) -> None:
        pass


class ActivityForm(forms.ModelForm):
    lead_units = forms.ModelMultipleChoiceField(queryset=Unit.objects.none(), required=False, label=_("Lead units"))
    co_organiser_units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(), required=False, label=_("Co-organisers")
    )
    supporting_units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(), required=False, label=_("Supporting units")
    )

    class Meta:
        model = Activity
        fields = [
            "title", "category", "status", "parent", "date_text", "start_date", "start_time", "end_date", "end_time",
            "is_tentative", "venue", "mode", "audience", "channels", "budget", "description",
        ]  # fmt: skip
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_for_campaign(campaign)
        for name in ("lead_units", "co_organiser_units", "supporting_units"):
            model_choice_field(self, name).queryset = units
            self.fields[name].widget.attrs["size"] = 6
        parents = campaign.activities.filter(parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            roles = list(self.instance.unit_roles.all())
            self.initial.setdefault("lead_units", [r.unit_id for r in roles if r.role == "lead"])
            self.initial.setdefault("co_organiser_units", [r.unit_id for r in roles if r.role == "co_organiser"])
            self.initial.setdefault("supporting_units", [r.unit_id for r in roles if r.role == "supporting"])
        model_choice_field(self, "parent").queryset = parents

    def _post_clean(self) -> None:
        pass

    def unit_assignment(self) -> UnitAssignment:
        data = self.cleaned_data
        return UnitAssignment(
            lead=list(data["lead_units"]),
            co_organiser=list(data["co_organiser_units"]),
            supporting=list(data["supporting_units"]),
        )

    def activity_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
