"""Pages of the enforcement log: special actions, their inspections, totals and the number checker.

Who: caseworkers of the action's office record and change; office staff of a campaign whose
organiser or intake office is the action's office read, with the person in charge masked;
superusers read the same way; everyone else gets a 404, so not even the existence of an action leaks.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.forms import BaseFormSet, BaseModelFormSet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipweek.campaigns.models import Campaign
from ipweek.casework import forms_enforcement as forms
from ipweek.casework.masking import mask_name
from ipweek.casework.models import Case, Inspection, SpecialAction
from ipweek.casework.patent_wording import explain_mark
from ipweek.casework.permissions import CaseworkAccess, casework_access, offices_filter
from ipweek.casework.services import enforcement as services
from ipweek.casework.services import enforcement_cases, enforcement_totals
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.patents.numbers import check_mark
from ipweek.reporting.services.figures import EDITABLE_STATUSES
from ipweek.units.models import Membership, Unit

Outcome = Inspection.Outcome


# --- finding things ------------------------------------------------------------------------------------


def _viewer(request: AuthenticatedHttpRequest) -> CaseworkAccess:
    access = casework_access(request.user)
    if not access.can_view_any:
        raise Http404
    return access


def _action_for(request: AuthenticatedHttpRequest, pk: int, *, edit: bool = False) -> tuple[SpecialAction, bool]:
    """The action and whether the user may change it; 404 unless they may at least read it (and edit, if asked)."""
    access = casework_access(request.user)
    action = SpecialAction.objects.select_related("office", "campaign", "activity").filter(pk=pk).first()
    if action is None or not access.can_view(action.office_id):
        raise Http404
    can_edit = access.can_handle(action.office_id)
    if edit and not can_edit:
        raise Http404
    return action, can_edit


def _inspection_for(request: AuthenticatedHttpRequest, pk: int, *, edit: bool = False) -> tuple[Inspection, bool]:
    access = casework_access(request.user)
    inspection = (
        Inspection.objects.select_related("action__office", "action__activity", "case", "created_by")
        .filter(pk=pk)
        .first()
    )
    if inspection is None or not access.can_view(inspection.action.office_id):
        raise Http404
    can_edit = access.can_handle(inspection.action.office_id)
    if edit and not can_edit:
        raise Http404
    return inspection, can_edit


def _campaigns_of(request: AuthenticatedHttpRequest) -> QuerySet[Campaign]:
    """Campaigns the user is a caseworker in: their activities may host the user's special actions."""
    campaign_ids = Membership.objects.filter(user=request.user, role=Membership.Role.CASEWORKER).values("campaign_id")
    return Campaign.objects.filter(pk__in=campaign_ids).order_by("-year", "pk")


# --- actions -------------------------------------------------------------------------------------------


@login_required
def action_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = _viewer(request)
    actions = list(SpecialAction.objects.filter(offices_filter(access)).select_related("office", "activity")[:200])
    totals = enforcement_totals.totals_for_actions([action.pk for action in actions])
    rows = [(action, totals[action.pk]) for action in actions]
    return render(request, "casework/enforcement_list.html", {"rows": rows, "can_create": bool(access.handles)})


@login_required
def action_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = _viewer(request)
    if not access.handles:
        raise Http404
    return _action_form(request, None, Unit.objects.filter(pk__in=access.handles).order_by("name"))


@login_required
def action_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action, _can_edit = _action_for(request, pk, edit=True)
    return _action_form(request, action, Unit.objects.filter(pk=action.office_id))


def _action_form(
    request: AuthenticatedHttpRequest, action: SpecialAction | None, offices: QuerySet[Unit]
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = forms.ActionForm(data, instance=action, offices=offices, campaigns=_campaigns_of(request))
    if data is not None and form.is_valid():
        try:
            saved = services.save_action(
                office=action.office if action else form.cleaned_data["office"],
                data=form.cleaned_data,
                activity=form.cleaned_data.get("activity"),
                campaign=form.cleaned_data.get("campaign"),
                actor=request.user,
                action=action,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Special action “%(name)s” saved.") % {"name": saved.name})
            return redirect("casework:enforcement_action", saved.pk)
    status = 400 if form.errors else 200
    return render(request, "casework/enforcement_action_form.html", {"form": form, "action": action}, status=status)


@login_required
def action_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action, can_edit = _action_for(request, pk)
    inspections = action.inspections.select_related("case").annotate(
        item_count=Count("items"), suspected_count=Count("items", filter=Q(items__suspected_counterfeit=True))
    )
    report_unit = enforcement_totals.reporting_unit_for(action)
    report = enforcement_totals.closing_report_for(action, report_unit) if report_unit else None
    context = {
        "action": action,
        "can_edit": can_edit,
        "totals": enforcement_totals.action_totals(action),
        "inspections": inspections,
        "report": report,
        "report_editable": report is None or report.status in EDITABLE_STATUSES,
        "report_unit": report_unit,
    }
    return render(request, "casework/enforcement_action.html", context)


@login_required
@require_POST
def action_push(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action, _can_edit = _action_for(request, pk, edit=True)
    if action.activity_id is None:
        messages.error(request, _("This action is not linked to an activity."))
        return redirect("casework:enforcement_action", action.pk)
    _tell_push_result(request, enforcement_totals.push_action_totals(action=action, actor=request.user))
    return redirect("casework:enforcement_action", action.pk)


def _tell_push_result(request: AuthenticatedHttpRequest, result: enforcement_totals.PushResult) -> None:
    if result.is_pushed:
        messages.success(
            request, _("The totals were written into the closing report of %(unit)s.") % {"unit": result.unit.name}
        )
    else:
        messages.warning(
            request,
            _(
                "The closing report of %(unit)s has already been submitted, so the totals were not written into it. "
                "Ask the office to return the report if the figures must change."
            )
            % {"unit": result.unit.name},
        )


# --- inspections ---------------------------------------------------------------------------------------


@login_required
def inspection_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action, _can_edit = _action_for(request, pk, edit=True)
    return _inspection_form(request, action, None)


@login_required
def inspection_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inspection, _can_edit = _inspection_for(request, pk, edit=True)
    return _inspection_form(request, inspection.action, inspection)


def _inspection_form(
    request: AuthenticatedHttpRequest, action: SpecialAction, inspection: Inspection | None
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = forms.InspectionForm(data, instance=inspection, office_id=action.office_id)
    officers = forms.officer_formset(data, list(inspection.officers) if inspection else [])
    items = forms.item_formset(data, inspection)
    officer_errors: list[str] = []
    if data is not None and all([form.is_valid(), officers.is_valid(), items.is_valid()]):
        try:
            saved = services.save_inspection(
                action=action,
                data=form.cleaned_data,
                officers=forms.officer_rows(officers),
                items=forms.item_inputs(items),
                case=form.linked_case,
                actor=request.user,
                inspection=inspection,
                open_case=form.cleaned_data["open_case"],
            )
        except ValidationError as error:
            officer_errors = _put_errors(form, error)
        else:
            messages.success(request, _("Inspection of %(party)s saved.") % {"party": saved.party_name})
            if form.cleaned_data["open_case"] and saved.case is not None:
                _tell_case_opened(request, saved.case)
            if action.activity_id is not None:
                _tell_push_result(request, enforcement_totals.push_action_totals(action=action, actor=request.user))
            return redirect("casework:enforcement_inspection", saved.pk)
    context = {
        "action": action,
        "inspection": inspection,
        "form": form,
        "groups": [(legend, [form[name] for name in names]) for legend, names in forms.INSPECTION_FIELD_GROUPS],
        "officers": officers,
        "officer_errors": officer_errors,
        "items": items,
    }
    has_errors = bool(officer_errors or form.errors or _formset_errors(officers) or _formset_errors(items))
    return render(request, "casework/enforcement_inspection_form.html", context, status=400 if has_errors else 200)


def _put_errors(form: forms.InspectionForm, error: ValidationError) -> list[str]:
    """Put the service's errors on the form; the officers' ones are returned to show above the officer rows."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return []
    errors = error.message_dict
    officer_errors = errors.pop("officers", [])
    if errors:
        add_service_errors(form, ValidationError(errors))
    return officer_errors


def _formset_errors(formset: BaseFormSet | BaseModelFormSet) -> bool:
    return formset.is_bound and (bool(formset.non_form_errors()) or any(form.errors for form in formset.forms))


@login_required
def inspection_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inspection, can_edit = _inspection_for(request, pk)
    items = [
        (item, explain_mark(check_mark(item.mark_text, item.claimed_type, number=item.claimed_number)))
        for item in inspection.items.all()
    ]
    person = inspection.party_person if can_edit else mask_name(inspection.party_person)
    context = {
        "inspection": inspection,
        "action": inspection.action,
        "can_edit": can_edit,
        "items": items,
        "party_person": person,
    }
    return render(request, "casework/enforcement_inspection.html", context)


@login_required
@require_POST
def inspection_open_case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Open a report case on an inspection's findings (依职权发现); a second click gives the same case."""
    inspection, _can_edit = _inspection_for(request, pk, edit=True)
    try:
        result = enforcement_cases.open_case_for_inspection(inspection=inspection, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        _tell_case_opened(request, result.case)
    return redirect("casework:enforcement_inspection", inspection.pk)


def _tell_case_opened(request: AuthenticatedHttpRequest, case: Case) -> None:
    messages.success(request, _("Case %(number)s was opened on the findings.") % {"number": case.number})


# --- the number checker --------------------------------------------------------------------------------


@login_required
def number_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Check a mark or number typed in, e.g. at the counter with the product in hand; nothing is stored."""
    _viewer(request)
    mark = request.GET.get("mark", "")[:200]
    check = check_mark(mark) if mark.strip() else None
    problems = [] if check is None else explain_mark(check)
    return render(request, "casework/enforcement_check.html", {"mark": mark, "check": check, "problems": problems})
