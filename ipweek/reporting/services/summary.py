"""Drafting and editing the end-of-week summary (总结)."""

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign
from ipweek.core.audit import record_audit
from ipweek.documents.summary import draft_summary_sections
from ipweek.reporting.models import SummaryDraft

MAX_SECTIONS = 20
# A heading typed with its number (“一、组织领导”) keeps only its text: the document numbers headings itself.
_HEADING_NUMBER = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*")


@transaction.atomic
def draft_summary(*, campaign: Campaign, actor: User) -> SummaryDraft:
    """Write the summary draft from the campaign's data, replacing any earlier draft and its edits.

    Records a ``summary.drafted`` audit event saying whether a draft was replaced.
    """
    title, sections = draft_summary_sections(campaign)
    draft, created = SummaryDraft.objects.select_for_update().update_or_create(
        campaign=campaign, defaults={"title": title, "sections": sections, "updated_by": actor}
    )
    record_audit(
        actor=actor, action="summary.drafted", obj=draft, campaign_id=campaign.pk, replaced=not created, title=title
    )
    return draft


@transaction.atomic
def update_summary(
    *,
    draft: SummaryDraft,
    title: str,
    sections: list[dict[str, Any]],
    actor: User,
    seen_updated_at: dt.datetime | None = None,
) -> SummaryDraft:
    """Save the office's edits of the title and sections; records a ``summary.updated`` audit event.

    ``seen_updated_at`` is when the editor loaded the draft: if it changed since (someone else saved
    or re-drafted it), the edits are refused rather than silently overwriting the other change.
    """
    current = SummaryDraft.objects.select_for_update().get(pk=draft.pk)
    if seen_updated_at is not None and current.updated_at != seen_updated_at:
        raise ValidationError(
            _("Someone else changed this summary while you were editing it. Reload the page and edit again.")
        )
    draft.title = _clean_title(title)
    draft.sections = clean_sections(sections)
    draft.updated_by = actor
    draft.save(update_fields=["title", "sections", "updated_by", "updated_at"])
    record_audit(
        actor=actor, action="summary.updated", obj=draft, campaign_id=draft.campaign_id, sections=len(draft.sections)
    )
    return draft


def clean_sections(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Headings without their numbers and paragraphs without blanks; a section needs a heading."""
    cleaned = []
    for section in sections:
        heading = _HEADING_NUMBER.sub("", str(section.get("heading", ""))).strip()
        paragraphs = [str(text).strip() for text in section.get("paragraphs", []) if str(text).strip()]
        if not heading:
            if paragraphs:
                raise ValidationError({"sections": _("Every section with text needs a heading.")})
            continue
        cleaned.append({"heading": heading, "paragraphs": paragraphs})
    if not cleaned:
        raise ValidationError({"sections": _("The summary needs at least one section.")})
    if len(cleaned) > MAX_SECTIONS:
        raise ValidationError(
            {"sections": _("The summary can have at most %(count)d sections.") % {"count": MAX_SECTIONS}}
        )
    return cleaned


def _clean_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("The summary needs a title.")})
    return title
