"""The task list (what each unit still owes) and the office's deadline settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ipweek.campaigns.permissions import get_campaign_for_user
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.reporting.forms_filings import DeadlinesForm
from ipweek.reporting.services.deadlines import deadlines_of, set_deadlines, tasks_by_unit, tasks_for_access


@login_required
def task_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, access = get_campaign_for_user(request.user, pk)
    deadlines = deadlines_of(campaign)
    tasks = tasks_for_access(access, deadlines=deadlines)
    context = {
        "campaign": campaign,
        "access": access,
        "groups": tasks_by_unit(tasks),
        "task_count": len(tasks),
        "overdue_count": sum(task.is_overdue for task in tasks),
        "deadlines": deadlines,
        "is_own_unit_view": bool(access.liaison_unit_ids) and not access.can_manage,
    }
    return render(request, "reporting/tasks.html", context)


@login_required
def deadlines_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    deadlines = deadlines_of(campaign)
    initial = {name: getattr(deadlines, name) for name in ("filing_due", "report_due", "submission_due")}
    form = DeadlinesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            set_deadlines(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Deadlines saved."))
            return redirect("reporting:tasks", campaign.pk)
    context = {"campaign": campaign, "form": form}
    return render(request, "reporting/filing_deadlines.html", context, status=400 if form.errors else 200)
