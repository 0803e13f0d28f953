"""Importing a plan: upload a file or paste text → preview and correct → save as a campaign.

Nothing is stored between the steps: the file is read in memory and dropped, and the preview
carries the draft in a signed hidden field. Every step works without JavaScript.
"""

import datetime as dt
import io
import logging
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.forms import BoundField
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from ipweek.campaigns import importing
from ipweek.campaigns.forms_import import (
    MAX_UPLOAD_BYTES,
    DraftTooLargeError,
    ImportPreviewForm,
    ImportUploadForm,
    activity_field_name,
    campaigns_managed_by,
    looks_like_text,
    office_units_of,
    sign_draft,
    unsign_draft,
)
from ipweek.campaigns.models import Campaign, PlanSection
from ipweek.campaigns.services.importing import create_campaign_from_draft, merge_draft_into_campaign
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.plantext.draft import ActivityDraft, PlanDraft
from ipweek.units.models import Membership, Region

logger = logging.getLogger(__name__)


class PlanUploadHandler(FileUploadHandler):
    """Keeps an uploaded plan in memory up to the size limit and never on disk. A larger file is
    counted and dropped as it arrives, so the form can refuse it by its size alone."""

    def __init__(self, request: HttpRequest | None = None, limit: int = MAX_UPLOAD_BYTES) -> None:
        super().__init__(request)
        self.limit = limit
        self.buffer = io.BytesIO()
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer, self.received = io.BytesIO(), 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received <= self.limit:
            self.buffer.write(raw_data)
        elif self.buffer.tell():
            self.buffer = io.BytesIO()  # over the limit: let go of what was kept
        return None

    def file_complete(self, file_size: int) -> "UploadedFile[Any]":
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def _require_office_staff(request: AuthenticatedHttpRequest) -> None:
    is_staff = Membership.objects.filter(user=request.user, role=Membership.Role.OFFICE_STAFF).exists()
    if not (request.user.is_superuser or is_staff):
        raise PermissionDenied


@csrf_exempt  # the upload handlers must be swapped before the CSRF check reads the body; checked below
@login_required
def import_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The import page; its POST reads the plan and answers with the preview."""
    _require_office_staff(request)
    request.upload_handlers = [PlanUploadHandler(request)]
    return _import_start(request)


@csrf_protect
def _import_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    initial = {"campaign": request.GET.get("campaign")} if request.GET.get("campaign", "").isdigit() else {}
    if request.method != "POST":
        return render(request, "campaigns/import_upload.html", {"form": ImportUploadForm(initial=initial)})
    form = ImportUploadForm(request.POST, request.FILES)
    if form.is_valid():
        read = _read_plan(form)
        if read is not None:
            text, draft = read
            try:
                token = sign_draft(draft=draft, text=text, user_id=request.user.pk)
            except DraftTooLargeError:
                form.add_error(None, _("This plan is too large to preview here; use “ipweek import-plan”."))
            else:
                initial = _initial(draft, request, token, form.cleaned_data.get("campaign"))
                preview = ImportPreviewForm(initial=initial, draft=draft, user=request.user)
                return _render_preview(request, preview, draft, text)
    return render(request, "campaigns/import_upload.html", {"form": form}, status=400)


def _read_plan(form: ImportUploadForm) -> tuple[str, PlanDraft] | None:
    """The text and its reading, or None with the reason on the form."""
    from ipweek.plantext import PlanReadError, extract_text, parse_plan

    upload = form.cleaned_data.get("file")
    try:
        text = extract_text(upload.read(), upload.name or "") if upload else form.cleaned_data["text"]
        if not looks_like_text(text):
            form.add_error(None, _("No readable text was found. Is this the plan, or a scan or binary file?"))
            return None
        return text, parse_plan(text)
    except PlanReadError as error:
        form.add_error(None, error.message)
    except Exception:
        # A reader's bug must not become a 500 for the office: say so, and log it for us.
        logger.exception("plan import: reading %s failed", upload.name if upload else "pasted text")
        form.add_error(None, _("This file could not be read. Save it as .docx or .txt and try again."))
    return None


def _initial(
    draft: PlanDraft, request: AuthenticatedHttpRequest, token: str, campaign_id: int | None
) -> dict[str, Any]:
    """Where the plan most likely goes: the region it names, the user's office there, and the
    campaign the import was started from (or the user's campaign of that year and region)."""
    offices = list(office_units_of(request.user)[:50])
    region = importing.match_region(draft.region) or (offices[0].region if offices else None)
    organiser = next((unit for unit in offices if region and unit.region_id == region.pk), None)
    year = draft.year or (importing.iso_date(draft.start_date) or timezone.localdate()).year
    managed = campaigns_managed_by(request.user)
    existing = managed.filter(pk=campaign_id).first() if campaign_id else None
    if existing is None and region is not None:
        existing = managed.filter(year=year, region=region).first()
    return {
        "draft": token,
        # A plan without a title line (seed 003) gets the usual one, which the user may change.
        "title": draft.title or (f"{year}年{region.name}知识产权宣传周活动方案" if region else ""),
        "year": year,
        "theme": draft.theme or "",
        "start_date": importing.iso_date(draft.start_date),
        "end_date": importing.iso_date(draft.end_date),
        "target": ImportPreviewForm.TARGET_MERGE if existing else ImportPreviewForm.TARGET_NEW,
        "region": region,
        "organiser": organiser or (offices[0] if offices else None),
        "campaign": existing,
    }


@login_required
@require_POST
def import_save(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Save the previewed plan, or (``action=refresh``) show the preview again for the chosen target."""
    _require_office_staff(request)
    try:
        draft, text = unsign_draft(request.POST.get("draft", ""), user_id=request.user.pk)
    except signing.BadSignature:
        problem = _(
            "The preview could not be checked: it was changed, is too old or is someone else's. Read the plan again."
        )
        context = {"form": ImportUploadForm(), "problem": problem}
        return render(request, "campaigns/import_upload.html", context, status=400)
    preview = ImportPreviewForm(request.POST, draft=draft, user=request.user)
    if request.POST.get("action") == "refresh":
        preview.is_valid()
        return _render_preview(request, preview, draft, text)
    if preview.is_valid():
        try:
            campaign, count = _save(request, preview)
        except ValidationError as error:
            _add_import_errors(preview, error)
        else:
            messages.success(request, _("Plan imported: %(count)d activities.") % {"count": count})
            return redirect(campaign)
    return _render_preview(request, preview, draft, text, status=400)


def _save(request: AuthenticatedHttpRequest, preview: ImportPreviewForm) -> tuple[Campaign, int]:
    data = preview.cleaned_data
    draft, create_units, co_organisers = preview.edited_draft(), set(data["create_units"]), set(data["co_organisers"])
    allow_report = bool(data["confirm_report"])
    if data["target"] == ImportPreviewForm.TARGET_MERGE:
        outcome = merge_draft_into_campaign(
            draft=draft, campaign=data["campaign"], actor=request.user, create_units=create_units,
            co_organisers=co_organisers, allow_report=allow_report,
        )  # fmt: skip
    else:
        region: Region = data["region"]
        outcome = create_campaign_from_draft(
            draft=draft, actor=request.user, region=region, organiser=data["organiser"], year=data["year"],
            level=region.level, create_units=create_units, co_organisers=co_organisers, allow_report=allow_report,
        )  # fmt: skip
    return outcome.campaign, outcome.activities


def _add_import_errors(form: ImportPreviewForm, error: ValidationError) -> None:
    """Put the service's errors on the preview: ``activities.3.title`` on that activity's title field,
    ``sections.2.body`` at the top as “Section 3: …”."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_messages in error.message_dict.items():
        place, _dot, rest = name.partition(".")
        number_text, _dot, field = rest.partition(".")
        number = int(number_text) if number_text.isdigit() else None
        if place == "activities" and number is not None:
            field_name = activity_field_name(number, field)
            if field_name in form.fields:
                form.add_error(field_name, field_messages)
                continue
            label = _("Activity %(number)d") % {"number": number + 1}
            form.add_error(None, [f"{label}：{message}" for message in field_messages])
        elif place == "sections" and number is not None:
            label = _("Section %(number)d") % {"number": number + 1}
            form.add_error(None, [f"{label}：{message}" for message in field_messages])
        else:
            form.add_error(name if name in form.fields else None, field_messages)


# --- the preview -------------------------------------------------------------------------------

KIND_LABELS = {
    "plan": gettext_lazy("Activity plan"),
    "notice_with_plan": gettext_lazy("Notice with the plan attached"),
    "summary": gettext_lazy("Activity summary"),
    "news": gettext_lazy("News report"),
    "other": gettext_lazy("Other document"),
}
GENRE_LABELS = {
    "ipweek": gettext_lazy("IP Publicity Week"),
    "scitech_week": gettext_lazy("Science and Technology Week"),
    "cybersecurity_week": gettext_lazy("Cybersecurity Week"),
    "quality_month": gettext_lazy("Quality Month"),
    "other": gettext_lazy("Other campaign"),
}


@dataclass
class FieldGroup:
    """Some fields of a form, shaped like a form for ``campaigns/_form_fields.html``."""

    visible_fields: list[BoundField]
    hidden_fields: tuple[BoundField, ...] = ()
    non_field_errors: tuple[str, ...] = ()

    @property
    def has_errors(self) -> bool:
        return any(field.errors for field in self.visible_fields)


@dataclass
class UnitRow:
    name: str
    match: importing.UnitMatch
    number: int
    is_support: bool
    is_created: bool = False
    is_co_organiser: bool = False

    @property
    def is_collective(self) -> bool:
        return importing.is_collective_name(self.name)

    @property
    def anchor(self) -> str:
        return f"unit-{self.number}"


@dataclass
class ActivityRow:
    number: int
    depth: int
    activity: ActivityDraft
    fields: FieldGroup
    lead: list[UnitRow]
    support: list[UnitRow]
    start_time: dt.time | None
    end_time: dt.time | None

    @property
    def display_number(self) -> int:
        return self.number + 1


def _chosen(form: ImportPreviewForm, name: str) -> Any:
    if not form.is_bound:
        return form.initial.get(name)
    try:
        return form.fields[name].clean(form.data.get(name))
    except ValidationError:
        return None


def _preview_region(form: ImportPreviewForm) -> Region | None:
    """The region units are matched in: the chosen campaign's, or the region chosen for a new one."""
    if _chosen(form, "target") == ImportPreviewForm.TARGET_MERGE:
        campaign: Campaign | None = _chosen(form, "campaign")
        if campaign is not None:
            return campaign.region
    region: Region | None = _chosen(form, "region")
    return region


def _unit_rows(form: ImportPreviewForm, draft: PlanDraft, region: Region | None) -> dict[str, UnitRow]:
    support_names = importing.support_unit_names_in(draft)
    posted = form.data if isinstance(form.data, QueryDict) else QueryDict()
    created, co_organisers = set(posted.getlist("create_units")), set(posted.getlist("co_organisers"))
    matches = importing.match_units(importing.unit_names_in(draft), region=region)
    return {
        match.name: UnitRow(
            name=match.name,
            match=match,
            number=number,
            is_support=match.name in support_names,
            is_created=match.name in created,
            is_co_organiser=match.name in co_organisers,
        )
        for number, match in enumerate(matches, start=1)
    }


def _activity_rows(form: ImportPreviewForm, draft: PlanDraft, units: dict[str, UnitRow]) -> list[ActivityRow]:
    rows = []
    for number, (activity, depth) in enumerate(importing.walk_activities(draft.activities)):
        start_time, end_time = importing.parse_time(activity.time_text or activity.date_text)
        rows.append(
            ActivityRow(
                number=number,
                depth=depth,
                activity=activity,
                fields=FieldGroup(form.activity_fields(number)),
                lead=[units[name.strip()] for name in activity.lead_units if name.strip() in units],
                support=[units[name.strip()] for name in activity.support_units if name.strip() in units],
                start_time=start_time,
                end_time=end_time,
            )
        )
    return rows


def _render_preview(
    request: HttpRequest, form: ImportPreviewForm, draft: PlanDraft, text: str, *, status: int = 200
) -> HttpResponse:
    region = _preview_region(form)
    units = _unit_rows(form, draft, region)
    context = {
        "form": form,
        "draft": draft,
        "kind_label": KIND_LABELS.get(draft.kind, draft.kind),
        "genre_label": GENRE_LABELS.get(draft.genre, draft.genre),
        "is_report": form.is_report,
        "source_lines": text.splitlines(),
        "sections": [
            (section, PlanSection.Kind(section.kind).label if section.kind in PlanSection.Kind.values else section.kind)
            for section in draft.sections
        ],
        "activities": _activity_rows(form, draft, units),
        "unit_rows": list(units.values()),
        "unmatched_count": sum(not row.match.is_matched for row in units.values()),
        "region": region,
        "plan_fields": FieldGroup([form[name] for name in ("title", "year", "theme", "start_date", "end_date")]),
        "new_fields": FieldGroup([form["region"], form["organiser"]]),
        "merge_fields": FieldGroup([form["campaign"]]),
        "confirm_fields": FieldGroup([form["confirm_report"]]),
    }
    return render(request, "campaigns/import_preview.html", context, status=status)
