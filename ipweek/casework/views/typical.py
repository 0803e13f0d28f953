"""Typical cases: draft from a closed case, edit, review by a second person, send to the publishing queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ipweek.casework.forms_stats import TypicalCaseForm
from ipweek.casework.models import Case, TypicalCase
from ipweek.casework.permissions import casework_access, get_case_for_user
from ipweek.casework.services import typical as services
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest

ACTIONS = ("save", "review", "send")


@login_required
@require_http_methods(["GET", "POST"])
def typical_new(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    """GET: the redacted draft to start from. POST: save it (redacted again) as a draft typical case."""
    case, _access = get_case_for_user(request.user, number, handle=True)
    if case.status != Case.Status.CLOSED:
        return render(request, "casework/typical_new.html", {"case": case, "form": None}, status=400)
    if request.method == "POST":
        form = TypicalCaseForm(request.POST)
        if form.is_valid():
            try:
                typical = services.draft_typical_case(case, request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Typical case drafted. Another person must review it before it is sent."))
                return redirect("casework:typical_detail", typical.pk)
        return render(request, "casework/typical_new.html", {"case": case, "form": form}, status=400)
    title, body = services.draft_text(case)
    form = TypicalCaseForm(initial={"title": title, "body": body})
    return render(request, "casework/typical_new.html", {"case": case, "form": form, "preview": body})


@login_required
@require_GET
def typical_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = casework_access(request.user)
    if not access.can_view_any:
        raise Http404
    typical_cases = list(services.visible_typical_cases(access)[:200])
    return render(request, "casework/typical_list.html", {"typical_cases": typical_cases})


def _act(request: AuthenticatedHttpRequest, typical: TypicalCase, form: TypicalCaseForm) -> list[str]:
    """Run the POSTed action; the messages of what went wrong. PermissionDenied passes through as a 403."""
    action = request.POST.get("action", "")
    try:
        if action == "save":
            if not form.is_valid():
                return [_("Check the fields marked below.")]
            services.update_typical_case(typical, request.user, **form.cleaned_data)
            messages.success(request, _("Typical case saved. It needs a review again."))
        elif action == "review":
            services.review(typical, request.user)
            messages.success(request, _("Typical case reviewed. It can now be sent to publishing."))
        elif action == "send":
            services.send_to_publishing(typical, request.user)
            messages.success(request, _("Sent to the publishing queue; the office approves it there."))
        else:
            return [_("Unknown action.")]
    except ValidationError as error:
        if action == "save":
            add_service_errors(form, error)
        return list(error.messages)
    return []


@login_required
@require_http_methods(["GET", "POST"])
def typical_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = casework_access(request.user)
    typical = services.visible_typical_cases(access).select_related("post").filter(pk=pk).first()
    if typical is None:
        raise Http404
    initial = {"title": typical.title, "body": typical.body}
    errors: list[str] = []
    if request.method == "POST":
        form = TypicalCaseForm(request.POST if request.POST.get("action") == "save" else None, initial=initial)
        errors = _act(request, typical, form)
        if not errors:
            return redirect("casework:typical_detail", typical.pk)
    else:
        form = TypicalCaseForm(initial=initial)
    can_edit = access.can_handle(typical.case.office_id) and typical.status != TypicalCase.Status.SENT
    context = {
        "typical": typical,
        "form": form if can_edit else None,
        "errors": errors,
        "can_review": typical.status == TypicalCase.Status.DRAFT and services.can_review(request.user, typical),
        "can_send": typical.status == TypicalCase.Status.REVIEWED and services.can_send(request.user, typical),
    }
    return render(request, "casework/typical_detail.html", context, status=400 if errors else 200)
