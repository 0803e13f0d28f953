"""Editing the summary draft: the title, then one heading and one text box per section."""

import datetime as dt
import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ipweek.reporting.models import SummaryDraft
from ipweek.reporting.services.summary import MAX_SECTIONS

_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs_from_text(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; the lines of one paragraph are joined (Chinese has no spaces)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = (block.split("\n") for block in _BLANK_LINES.split(text))
    return [joined for joined in ("".join(line.strip() for line in lines) for lines in blocks) if joined]


def text_from_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


class SummaryTitleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_seen_updated_at(self) -> dt.datetime | None:
        value = self.cleaned_data["seen_updated_at"]
        if not value:
            return None
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            raise forms.ValidationError(_("The page is out of date. Reload it and edit again.")) from None


class SummarySectionForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=120, required=False)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Separate paragraphs with a blank line."),
    )

    def section(self) -> dict[str, Any]:
        return {"heading": self.cleaned_data["heading"], "paragraphs": paragraphs_from_text(self.cleaned_data["text"])}


class BaseSummarySectionFormSet(forms.BaseFormSet):  # type: ignore[type-arg]  # not subscriptable at run time
    def sections(self) -> list[dict[str, Any]]:
        """The kept sections in order; empty extra forms and deleted ones are left out."""
        deleted = self.deleted_forms if self.can_delete else []
        kept = []
        for index, form in enumerate(self.forms):
            is_empty_extra = index >= self.initial_form_count() and not form.has_changed()
            if is_empty_extra or form in deleted:
                continue
            kept.append(form.section())
        return kept


# formset_factory is typed as returning a plain BaseFormSet class; it returns a subclass of ``formset``.
SummarySectionFormSet = cast(
    type[BaseSummarySectionFormSet],
    forms.formset_factory(
        SummarySectionForm,
        formset=BaseSummarySectionFormSet,
        extra=1,
        can_delete=True,
        max_num=MAX_SECTIONS,
        validate_max=True,
    ),
)


def summary_forms(draft: SummaryDraft, data: Any = None) -> tuple[SummaryTitleForm, BaseSummarySectionFormSet]:
    """The title form and the section formset, filled from ``draft`` or bound to ``data``."""
    title_form = SummaryTitleForm(data, initial={"title": draft.title, "seen_updated_at": draft.updated_at.isoformat()})
    initial = [
        {"heading": section.get("heading", ""), "text": text_from_paragraphs(section.get("paragraphs", []))}
        for section in draft.sections
    ]
    return title_form, SummarySectionFormSet(data, initial=initial, prefix="sections")
