"""Transfers of a case to an enforcement body: sending it, and recording the body's receipt and result.

Only the case's handlers reach these views (others get a 404, like every case page). A refused form
shows again where it was typed, with the service's reasons on its fields.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ipweek.casework import deadlines
from ipweek.casework.forms_cases import ReceiptForm, ResultForm, TransferForm
from ipweek.casework.models import Case, Transfer
from ipweek.casework.permissions import CaseworkAccess, get_case_for_user
from ipweek.casework.services import transfers as services
from ipweek.casework.services.workflow import TRANSFER_SOURCES
from ipweek.casework.views.cases import detail_context
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest


@never_cache
@login_required
def transfer_new(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    case, _access = get_case_for_user(request.user, number, handle=True)
    form = TransferForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_case(
                case=case,
                actor=request.user,
                body_kind=form.cleaned_data["body_kind"],
                body_name=form.cleaned_data["body_name"],
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case was transferred; the complainant has been told."))
            return redirect("casework:detail", number=case.number)
    context = {
        "case": case,
        "form": form,
        "is_possible": case.status in TRANSFER_SOURCES,
        "receipt_time": deadlines.rule("transfer.receipt").describe(),
        "result_time": deadlines.rule("transfer.result").describe(),
    }
    return render(request, "casework/transfer_form.html", context, status=_status(form, case))


def _status(form: TransferForm, case: Case) -> int:
    if not form.is_bound:
        return 200
    return 409 if form.cleaned_data.get("version") not in (None, case.version) else 400


def _transfer(request: AuthenticatedHttpRequest, number: str, pk: int) -> tuple[Case, CaseworkAccess, Transfer]:
    case, access = get_case_for_user(request.user, number, handle=True)
    return case, access, get_object_or_404(Transfer.objects.select_related("case"), pk=pk, case=case)


@never_cache
@login_required
@require_POST
def transfer_receipt(request: AuthenticatedHttpRequest, number: str, pk: int) -> HttpResponse:
    case, access, transfer = _transfer(request, number, pk)
    prefix = f"receipt-{transfer.pk}"
    form = ReceiptForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            services.record_receipt(
                transfer=transfer,
                actor=request.user,
                receipt=form.cleaned_data["receipt"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The receipt was recorded."))
            return redirect("casework:detail", number=case.number)
    return _detail_again(request, case, access, {prefix: form})


@never_cache
@login_required
@require_POST
def transfer_result(request: AuthenticatedHttpRequest, number: str, pk: int) -> HttpResponse:
    case, access, transfer = _transfer(request, number, pk)
    prefix = f"result-{transfer.pk}"
    form = ResultForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            services.record_result(transfer=transfer, actor=request.user, result=form.cleaned_data["result"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The result was recorded; the complainant has been told."))
            return redirect("casework:detail", number=case.number)
    return _detail_again(request, case, access, {prefix: form})


def _detail_again(
    request: AuthenticatedHttpRequest, case: Case, access: CaseworkAccess, forms: dict[str, object]
) -> HttpResponse:
    return render(request, "casework/case_detail.html", detail_context(case, access, forms=forms), status=400)
