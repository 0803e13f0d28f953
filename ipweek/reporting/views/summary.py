"""The end-of-week summary: drafted from the data, edited by the office, downloaded by every reader."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipweek.campaigns.exporters import XLSX, attachment
from ipweek.campaigns.models import Campaign
from ipweek.campaigns.permissions import get_campaign_for_user
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.documents.summary import summary_document
from ipweek.reporting.forms_summary import summary_forms
from ipweek.reporting.models import SummaryDraft
from ipweek.reporting.services.summary import draft_summary, update_summary
from ipweek.reporting.workbook import statistics_workbook

FORMATS = {"docx", "pdf", "md"}


def _draft_of(campaign: Campaign) -> SummaryDraft | None:
    return SummaryDraft.objects.filter(campaign=campaign).first()


def _file_stem(campaign: Campaign) -> str:
    return f"{campaign.year}-{campaign.region.name}"


@login_required
def summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    draft = _draft_of(campaign)
    context = {"campaign": campaign, "access": access, "draft": draft}
    if draft is not None:
        draft.campaign = campaign
        context["document"] = summary_document(draft)
    return render(request, "reporting/summary.html", context)


@login_required
@require_POST
def summary_draft(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Draft the summary; replacing an existing draft (and its edits) needs a second, confirmed POST."""
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    existing = _draft_of(campaign)
    if existing is not None and request.POST.get("confirm") != "replace":
        context = {"campaign": campaign, "access": access, "draft": existing}
        return render(request, "reporting/summary_confirm.html", context)
    draft_summary(campaign=campaign, actor=request.user)
    messages.success(request, _("The summary was drafted from the reported figures. Check it and edit as needed."))
    return redirect("reporting:summary", campaign.pk)


@login_required
def summary_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk, manage=True)
    draft = _draft_of(campaign)
    if draft is None:
        messages.warning(request, _("Draft the summary first."))
        return redirect("reporting:summary", campaign.pk)
    title_form, section_forms = summary_forms(draft, request.POST or None)
    if request.method == "POST" and title_form.is_valid() and section_forms.is_valid():
        try:
            update_summary(
                draft=draft,
                title=title_form.cleaned_data["title"],
                sections=section_forms.sections(),
                actor=request.user,
                seen_updated_at=title_form.cleaned_data["seen_updated_at"],
            )
        except ValidationError as error:
            title_form.add_error(None, error.messages)
        else:
            messages.success(request, _("Summary saved."))
            return redirect("reporting:summary", campaign.pk)
    has_errors = bool(title_form.errors or section_forms.total_error_count())
    context = {"campaign": campaign, "access": access, "draft": draft, "form": title_form, "sections": section_forms}
    return render(request, "reporting/summary_edit.html", context, status=400 if has_errors else 200)


@login_required
def summary_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The summary as DOCX, PDF or Markdown, for anyone who may read the campaign."""
    campaign, _access = get_campaign_for_user(request.user, pk)
    draft = _draft_of(campaign)
    if fmt not in FORMATS or draft is None:
        raise Http404
    # Imported here: the renderers pull in WeasyPrint, which every other page can do without.
    from ipweek.documents.exporters import export_document

    draft.campaign = campaign
    content, content_type = export_document(summary_document(draft), fmt)
    return attachment(content, content_type, f"{_file_stem(campaign)}-宣传周活动总结.{fmt}")


@login_required
def summary_workbook(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The statistics the summary quotes, as an XLSX workbook."""
    campaign, _access = get_campaign_for_user(request.user, pk)
    return attachment(statistics_workbook(campaign), XLSX, f"{_file_stem(campaign)}-宣传周统计表.xlsx")
