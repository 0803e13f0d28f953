"""Forms of the report pages: the report itself, its figures (a formset) and photo uploads."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ipweek.reporting.models import ActivityReport, Figure
from ipweek.reporting.services.figures import MAX_FIGURES, FigureInput, default_unit, is_implausible
from ipweek.reporting.services.photos import CAPTION_MAX_LENGTH, CheckedPhoto, check_photo

FIGURES_PREFIX = "figures"
PHOTOS_PREFIX = "photos"
# The figures a closing report usually has, offered as empty rows on a new report.
COMMON_METRICS = [Figure.Metric.PARTICIPANTS, Figure.Metric.MATERIALS, Figure.Metric.CONSULTATIONS]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityReport.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What happened, who took part, what it achieved. Simple formatting (bold, lists, links) is kept."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, is_new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_new:
            # A report's kind is chosen when it is written and never changes.
            self.fields["kind"].disabled = True


class FigureForm(forms.Form):
    metric = forms.ChoiceField(label=_("Metric"), required=False, choices=[("", "—"), *Figure.Metric.choices])
    label = forms.CharField(label=_("Label"), required=False, max_length=64, help_text=_("Required for “Other”."))
    value = forms.DecimalField(label=_("Value"), required=False, widget=forms.NumberInput(attrs={"step": "any"}))
    unit = forms.CharField(label=_("Unit of measure"), required=False, max_length=16)
    confirm = forms.BooleanField(label=_("I confirm this figure is correct"), required=False)

    def __init__(self, *args: Any, level: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.level = level

    @property
    def is_blank(self) -> bool:
        """A row without a value is not a figure, even if a metric was chosen in advance."""
        return self.cleaned_data.get("value") is None

    @property
    def is_flagged(self) -> bool:
        """The value is unusually large for the campaign's level, so the confirmation box is shown."""
        if self.is_bound:
            value = self.cleaned_data.get("value") if hasattr(self, "cleaned_data") else None
            metric = self.cleaned_data.get("metric", "") if hasattr(self, "cleaned_data") else ""
        else:
            value, metric = self.initial.get("value"), self.initial.get("metric", "")
        if not isinstance(value, int | Decimal):
            return False
        return is_implausible(metric, Decimal(value), self.level)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("value") is not None and not data.get("metric"):
            self.add_error("metric", _("Choose what the number counts."))
        return data

    def to_input(self) -> FigureInput:
        data = self.cleaned_data
        return FigureInput(
            metric=data["metric"],
            value=data["value"],
            label=data.get("label", ""),
            unit=data.get("unit", ""),
            confirmed=bool(data.get("confirm")),
        )


FigureFormSet = forms.formset_factory(
    FigureForm, extra=3, max_num=MAX_FIGURES, validate_max=True, absolute_max=MAX_FIGURES
)


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=CAPTION_MAX_LENGTH)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("image")
        if upload:
            try:
                data["checked"] = check_photo(upload)
            except ValidationError as error:
                self.add_error("image", error.message_dict.get("image", error.messages))
        elif data.get("caption"):
            self.add_error("image", _("Choose the photo for this caption."))
        return data


PhotoFormSet = forms.formset_factory(PhotoForm, extra=3, max_num=10, validate_max=True, absolute_max=10)


def figure_formset(data: Any, *, level: str, figures: list[Figure] | None = None, suggest: bool = False) -> Any:
    """The figures formset: the report's figures, or (``suggest``) empty rows of the usual metrics."""
    if figures:
        initial: list[dict[str, Any]] = [
            {
                "metric": figure.metric,
                "label": figure.label,
                "value": int(figure.value) if figure.value == figure.value.to_integral_value() else figure.value,
                "unit": figure.unit,
                "confirm": figure.confirmed_by_id is not None,
            }
            for figure in figures
        ]
    else:
        initial = [{"metric": metric, "unit": default_unit(metric)} for metric in COMMON_METRICS] if suggest else []
    return FigureFormSet(data, prefix=FIGURES_PREFIX, initial=initial, form_kwargs={"level": level})


def photo_formset(data: Any, files: Any) -> Any:
    return PhotoFormSet(data, files, prefix=PHOTOS_PREFIX)


def figure_rows(formset: Any) -> tuple[list[FigureInput], list[FigureForm]]:
    """The filled rows of a valid figures formset, as service input, with the form of each."""
    rows = [form for form in formset.forms if not form.is_blank]
    return [form.to_input() for form in rows], rows


def checked_photos(formset: Any) -> list[tuple[CheckedPhoto, str]]:
    return [
        (form.cleaned_data["checked"], form.cleaned_data.get("caption", ""))
        for form in formset.forms
        if form.cleaned_data.get("checked")
    ]


def add_report_errors(form: forms.Form, rows: list[FigureForm], error: ValidationError) -> None:
    """Put a service's errors where they belong: on a figure row or on the report form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    visible = {field.name for field in form.visible_fields()}
    for key, messages in error.message_dict.items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == FIGURES_PREFIX and parts[1].isdigit() and int(parts[1]) < len(rows):
            row = rows[int(parts[1])]
            row.add_error(parts[2] if parts[2] in row.fields else None, messages)
        else:
            form.add_error(key if key in visible else None, messages)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Review comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when returning a report: say what the unit should change."),
    )
