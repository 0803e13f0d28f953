"""Caseworkers' case pages: the list, staff intake, the detail with its workflow steps, reveal and evidence.

Everybody who is not allowed to see a case gets a 404, never a 403, so a case number leaks nothing.
Personal data is masked on every page; a handler reveals it with a POST that is logged, and the
unmasked page is that one response only (never cached, never behind a bookmarkable URL).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ipweek.casework.forms_cases import (
    CaseFilterForm,
    CaseIntakeForm,
    NoteForm,
    ReceiptForm,
    ResultForm,
    StepForm,
    caseworkers_of,
)
from ipweek.casework.models import Case, Evidence, PersonalDataAccess, Transfer
from ipweek.casework.models.cases import OPEN_CASES
from ipweek.casework.permissions import CaseworkAccess, casework_access, get_case_for_user
from ipweek.casework.presenters import CaseView, DueInfo, action_label, due_info, rule_label
from ipweek.casework.services import queues, workflow
from ipweek.casework.services.intake import submit_case
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.core.storage import private_root
from ipweek.units.models import Unit

PAGE_SIZE = 25


@dataclass(frozen=True)
class CaseRow:
    case: Case
    view: CaseView
    due: DueInfo


@dataclass(frozen=True)
class TransferRow:
    transfer: Transfer
    receipt_due: DueInfo
    result_due: DueInfo
    receipt_form: ReceiptForm | None
    result_form: ResultForm | None


def _transfer_rows(case: Case, can_act: bool, forms: dict[str, Any]) -> list[TransferRow]:
    today = timezone.localdate()
    rows = []
    for transfer in case.transfers.select_related("sent_by"):
        owes_receipt = not transfer.receipt and not transfer.result
        owes_result = not transfer.result and transfer.receipt != Transfer.Receipt.REFUSED
        receipt_key, result_key = f"receipt-{transfer.pk}", f"result-{transfer.pk}"
        receipt_form = (forms.get(receipt_key) or ReceiptForm(prefix=receipt_key)) if can_act and owes_receipt else None
        result_form = (forms.get(result_key) or ResultForm(prefix=result_key)) if can_act and owes_result else None
        rows.append(
            TransferRow(
                transfer,
                due_info(transfer.receipt_due if owes_receipt else None, today),
                due_info(transfer.result_due if owes_result else None, today),
                receipt_form,
                result_form,
            )
        )
    return rows


def detail_context(
    case: Case, access: CaseworkAccess, *, reveal: bool = False, forms: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything the detail page shows; ``forms`` holds bound forms to show again with their errors."""
    forms = forms or {}
    can_handle = access.can_handle(case.office_id)
    steps = workflow.available_steps(case) if can_handle else []
    step_forms = [forms.get(name) or StepForm(step=name, case=case) for name in steps if name != "transfer"]
    # A step refused because the case moved on (another caseworker was quicker) has no form left
    # on the page to carry its message: show it at the top instead.
    stale_errors = [
        error
        for name, form in forms.items()
        if name in workflow.STEPS and name not in steps
        for error in form.non_field_errors()
    ]
    events = case.events.select_related("actor")
    return {
        "case": case,
        "view": CaseView(case, reveal=reveal),
        "can_handle": can_handle,
        "can_reveal": can_handle and access.can_see_personal(case) and not reveal,
        "due": due_info(case.due_date if case.is_open else None, timezone.localdate()),
        "rule_label": rule_label(case.due_rule) if case.is_open else "",
        "trail": [(event, action_label(event.action)) for event in events],
        "transfers": _transfer_rows(case, can_handle and case.is_open, forms),
        "notifications": list(case.notifications.all()),
        "evidence": list(case.evidence.all()),
        "step_forms": step_forms,
        "stale_errors": stale_errors,
        "can_transfer": "transfer" in steps,
        "note_form": forms.get("note") or (NoteForm() if can_handle else None),
    }


def _handler_choices(access: CaseworkAccess) -> list[tuple[int, str]]:
    offices = None if access.is_superuser else access.handles | access.reads
    return [(user.pk, str(user)) for user in caseworkers_of(offices).only("pk", "display_name", "username")]


def _filtered(cases: QuerySet[Case], data: dict[str, Any], request: AuthenticatedHttpRequest) -> QuerySet[Case]:
    for name in ("status", "kind", "channel", "ip_type"):
        if data.get(name):
            cases = cases.filter(**{name: data[name]})
    handler = data.get("handler") or ""
    if handler == "mine":
        cases = cases.filter(handler=request.user)
    elif handler == "none":
        cases = cases.filter(handler__isnull=True)
    elif handler.isdigit():
        cases = cases.filter(handler_id=int(handler))
    today = timezone.localdate()
    if data.get("due") == "overdue":
        cases = cases.filter(OPEN_CASES, due_date__lt=today)
    elif data.get("due") == "soon":
        cases = cases.filter(OPEN_CASES, due_date__range=queues.soon_window(today))
    if query := (data.get("q") or "").strip():
        cases = cases.filter(Q(number__icontains=query) | Q(subject__icontains=query))
    return cases


@login_required
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = casework_access(request.user)
    if not access.can_view_any:
        raise Http404
    form = CaseFilterForm(request.GET or None, handlers=_handler_choices(access))
    cases = access.visible_cases().select_related("office", "handler")
    if form.is_bound:
        form.is_valid()  # a bad value filters nothing; the valid ones still apply
        cases = _filtered(cases, form.cleaned_data, request)
    cases = cases.order_by(F("due_date").asc(nulls_last=True), "-received_at", "-pk")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [CaseRow(case, CaseView(case, reveal=False), due_info(case.due_date, today)) for case in page]
    context = {"form": form, "page": page, "rows": rows, "can_create": bool(access.handles)}
    return render(request, "casework/case_list.html", context)


@login_required
def case_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = casework_access(request.user)
    if not access.handles:
        raise Http404
    offices = Unit.objects.filter(pk__in=access.handles).order_by("name")
    form = CaseIntakeForm(request.POST or None, request.FILES or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        try:
            result = submit_case(
                office=form.cleaned_data["office"],
                kind=form.cleaned_data["kind"],
                channel=form.cleaned_data["channel"],
                data=form.case_data(),
                idempotency_key=form.cleaned_data["idempotency_key"],
                actor=request.user,
                evidence=form.cleaned_data.get("evidence") or [],
                received_at=form.received_at(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Rendered, not redirected: the access code is shown once and kept out of URLs and cookies.
            # Sending the form again (a reload) returns the same case and code: the key is the same.
            return render(
                request, "casework/case_created.html", {"result": result}, status=201 if result.created else 200
            )
    status = 400 if form.is_bound else 200
    return render(request, "casework/case_form.html", {"form": form}, status=status)


@never_cache
@login_required
def case_detail(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    case, access = get_case_for_user(request.user, number)
    return render(request, "casework/case_detail.html", detail_context(case, access))


@never_cache
@login_required
@require_POST
def case_reveal(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    """The detail unmasked, for this response only; the view of personal data is logged."""
    case, access = get_case_for_user(request.user, number, handle=True)
    if not access.can_see_personal(case):
        raise Http404
    PersonalDataAccess.objects.create(
        case=case, user=request.user, kind=PersonalDataAccess.Kind.VIEW, detail="case detail"
    )
    return render(request, "casework/case_detail.html", detail_context(case, access, reveal=True))


@never_cache
@login_required
@require_POST
def case_step(request: AuthenticatedHttpRequest, number: str, step: str) -> HttpResponse:
    case, access = get_case_for_user(request.user, number, handle=True)
    if step not in workflow.STEPS or case.kind == Case.Kind.ECOMMERCE:  # e-commerce cases move on their own pages
        raise Http404
    form = StepForm(request.POST, step=step, case=case)
    if form.is_valid():
        try:
            workflow.apply_step(
                case=case,
                step_name=step,
                actor=request.user,
                version=form.cleaned_data["version"],
                note=form.cleaned_data.get("note") or "",
                outcome=form.cleaned_data.get("outcome") or "",
                handler=form.cleaned_data.get("handler"),
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": form.step.label})
            return redirect("casework:detail", number=case.number)
    stale = form.is_bound and form.cleaned_data.get("version") not in (None, case.version)
    context = detail_context(case, access, forms={step: form})
    return render(request, "casework/case_detail.html", context, status=409 if stale else 400)


@never_cache
@login_required
@require_POST
def case_note(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    case, access = get_case_for_user(request.user, number, handle=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            workflow.record_note(case=case, actor=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note was added to the trail."))
            return redirect("casework:detail", number=case.number)
    context = detail_context(case, access, forms={"note": form})
    return render(request, "casework/case_detail.html", context, status=400)


@login_required
def evidence_download(request: AuthenticatedHttpRequest, number: str, pk: int) -> FileResponse:
    """An evidence file as a download, for the case's handlers only; every download is logged."""
    case, access = get_case_for_user(request.user, number, handle=True)
    if not access.can_see_personal(case):
        raise Http404
    evidence = get_object_or_404(Evidence, pk=pk, case=case)
    root = private_root().resolve()
    path = (root / evidence.path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404
    PersonalDataAccess.objects.create(
        case=case, user=request.user, kind=PersonalDataAccess.Kind.EVIDENCE, detail=f"evidence {evidence.pk}"
    )
    # FileResponse closes the file once it has been sent.
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
