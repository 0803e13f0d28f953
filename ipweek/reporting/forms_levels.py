"""Forms of the levels pages: submitting upward, withdrawing, and picking the metric to chart."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ipweek.reporting.models import Figure
from ipweek.reporting.rollup import SUMMED_METRICS
from ipweek.reporting.services.submissions import MAX_SUMMARY_LENGTH


class SubmitForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for the higher level"),
        required=False,
        max_length=MAX_SUMMARY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sent with the figures; it cannot be changed once submitted."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MetricForm(forms.Form):
    metric = forms.ChoiceField(
        label=_("Chart the figure"),
        required=False,
        choices=[(metric.value, metric.label) for metric in Figure.Metric if metric.value in SUMMED_METRICS],
    )

    def chosen(self) -> str:
        if self.is_valid() and self.cleaned_data["metric"]:
            return str(self.cleaned_data["metric"])
        return Figure.Metric.PARTICIPANTS.value
