"""Forms of the statistics, export, access-log and typical-case pages."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign
from ipweek.casework.models import Case
from ipweek.casework.permissions import CaseworkAccess
from ipweek.casework.services.exports import MAX_REASON_LENGTH, CaseFilter, access_log_users
from ipweek.casework.services.stats import MAX_PERIOD_DAYS, Period, campaign_choices, visible_offices
from ipweek.core.forms import DateInput, model_choice_field
from ipweek.units.models import Unit


class CampaignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}（{obj.start_date:%Y-%m-%d} – {obj.end_date:%Y-%m-%d}）"


def _check_dates(form: forms.Form, start_name: str, end_name: str) -> None:
    start, end = form.cleaned_data.get(start_name), form.cleaned_data.get(end_name)
    if start and end and end < start:
        form.add_error(end_name, _("The end date is before the start date."))
    elif start and end and (end - start).days > MAX_PERIOD_DAYS:
        form.add_error(end_name, _("Choose a period of at most ten years."))


class StatsForm(forms.Form):
    """A campaign's week, or any from–to dates; optionally one office."""

    campaign = CampaignChoiceField(
        label=_("Campaign week"), queryset=Campaign.objects.none(), required=False, empty_label=_("— dates below —")
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Unit.objects.none(), required=False, empty_label=_("All my offices")
    )

    def __init__(self, *args: Any, user: User, access: CaseworkAccess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "campaign").queryset = campaign_choices(user)
        model_choice_field(self, "office").queryset = visible_offices(access)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("campaign") is None:
            for name in ("date_from", "date_to"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Choose a campaign week, or give both dates."))
            _check_dates(self, "date_from", "date_to")
        return cleaned

    def period(self) -> Period:
        campaign = self.cleaned_data.get("campaign")
        if campaign is not None:
            return Period(campaign.start_date, campaign.end_date, campaign)
        return Period(self.cleaned_data["date_from"], self.cleaned_data["date_to"])

    def office_id(self) -> int | None:
        office = self.cleaned_data.get("office")
        return office.pk if office is not None else None


class CaseFilterForm(forms.Form):
    """Which cases a list export covers."""

    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Unit.objects.none(), required=False, empty_label=_("All my offices")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *Case.Status.choices], required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("All")), *Case.Kind.choices], required=False)
    received_from = forms.DateField(label=_("Received from"), required=False, widget=DateInput())
    received_to = forms.DateField(label=_("Received until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "office").queryset = offices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_dates(self, "received_from", "received_to")
        return cleaned

    def case_filter(self, default_offices: frozenset[int] | None = None) -> CaseFilter:
        office = self.cleaned_data.get("office")
        return CaseFilter(
            office_ids=frozenset({office.pk}) if office is not None else default_offices,
            status=self.cleaned_data.get("status") or "",
            kind=self.cleaned_data.get("kind") or "",
            received_from=self.cleaned_data.get("received_from"),
            received_to=self.cleaned_data.get("received_to"),
        )


class PersonalExportForm(CaseFilterForm):
    """The case list with personal data: only offices the user handles, and a reason that is logged."""

    reason = forms.CharField(
        label=_("Why do you need the personal data?"),
        max_length=MAX_REASON_LENGTH,
        help_text=_("Recorded in the access log with your name, the time and the number of cases."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why you need the personal data; the export is logged.")},
    )

    def __init__(self, *args: Any, access: CaseworkAccess, **kwargs: Any) -> None:
        super().__init__(*args, offices=Unit.objects.filter(pk__in=access.handles).order_by("name"), **kwargs)
        model_choice_field(self, "office").empty_label = _("All offices whose cases I handle")


class AccessLogForm(forms.Form):
    user = forms.ModelChoiceField(label=_("User"), queryset=User.objects.none(), required=False, empty_label=_("All"))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args: Any, access: CaseworkAccess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "user").queryset = access_log_users(access)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_dates(self, "date_from", "date_to")
        return cleaned

    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        return self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")


class TypicalCaseForm(forms.Form):
    """Title and rich-text body; the service redacts and sanitises both again on save."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Names, phone and ID numbers, e-mail and shop addresses and patent numbers are masked again when you save."
        ),
    )
