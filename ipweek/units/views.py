"""Inviting liaisons (office staff) and accepting an invitation (anyone holding a code).

These pages read campaigns (access and the units that may take part), so they import from
``ipweek.campaigns`` at view level only; units' models and services do not.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ipweek.accounts.models import User
from ipweek.campaigns.permissions import get_campaign_for_user
from ipweek.campaigns.queries import units_for_campaign
from ipweek.core.forms import add_service_errors
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.units import services
from ipweek.units.forms import InvitationCodeForm, InvitationForm, LiaisonSignupForm
from ipweek.units.models import Invitation
from ipweek.units.services import InvitationStatus

STATUS_LABELS = {
    InvitationStatus.PENDING: gettext_lazy("Pending"),
    InvitationStatus.ACCEPTED: gettext_lazy("Accepted"),
    InvitationStatus.EXPIRED: gettext_lazy("Expired"),
    InvitationStatus.REVOKED: gettext_lazy("Revoked"),
}


@login_required
@never_cache
def invitation_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    units = units_for_campaign(campaign)
    form = InvitationForm(request.POST or None, units=units)
    created: tuple[Invitation, str] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.invite_liaison(
                campaign=campaign,
                unit=form.cleaned_data["unit"],
                email=form.cleaned_data["email"],
                actor=request.user,
                accept_url=request.build_absolute_uri(reverse("units:accept")),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The code is shown in this response only: no redirect, nothing kept in the session.
            form = InvitationForm(units=units)
    now = timezone.now()
    invitations = campaign.invitations.select_related("unit", "created_by", "accepted_by")
    rows = []
    for invitation in invitations:
        status = services.invitation_status(invitation, now=now)
        rows.append({"invitation": invitation, "status": status, "label": STATUS_LABELS[status]})
    context = {
        "campaign": campaign,
        "form": form,
        "rows": rows,
        "created": created,
        "accept_url": request.build_absolute_uri(reverse("units:accept")),
    }
    return render(request, "units/invitation_list.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def invitation_revoke(request: AuthenticatedHttpRequest, pk: int, invitation_id: int) -> HttpResponse:
    campaign, _access = get_campaign_for_user(request.user, pk, manage=True)
    invitation = get_object_or_404(Invitation, pk=invitation_id, campaign=campaign)
    try:
        services.revoke_invitation(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("Invitation for %(unit)s revoked.") % {"unit": invitation.unit.name})
    return redirect("units:invitations", campaign.pk)


def _throttle_key(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
        request.session.modified = True  # so the session cookie is sent and the next try counts too
    return f"session:{request.session.session_key}"


@never_cache
def invitation_accept(request: HttpRequest) -> HttpResponse:
    user = request.user if isinstance(request.user, User) else None
    data = request.POST if request.method == "POST" else None
    code_form = InvitationCodeForm(data, initial={"code": request.GET.get("code", "")})
    signup_form = LiaisonSignupForm(data) if user is None else None
    throttle_key = _throttle_key(request) if data is not None else ""
    if data is not None and code_form.is_valid() and (signup_form is None or signup_form.is_valid()):
        code = code_form.cleaned_data["code"]
        try:
            if user is not None:
                membership = services.accept_invitation(code=code, user=user, throttle_key=throttle_key)
            elif signup_form is not None:
                membership = services.create_account_and_accept(
                    code=code,
                    username=signup_form.cleaned_data["username"],
                    display_name=signup_form.cleaned_data["display_name"],
                    email=signup_form.cleaned_data["email"],
                    password=signup_form.cleaned_data["password1"],
                    throttle_key=throttle_key,
                )
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        except ValidationError as error:
            add_service_errors(code_form, error)
        else:
            messages.success(
                request,
                _("Welcome! You are now the liaison of %(unit)s in this campaign.") % {"unit": membership.unit.name},
            )
            return redirect("campaigns:dashboard", membership.campaign_id)
    status = 200
    if code_form.errors or (signup_form is not None and signup_form.errors):
        status = 429 if throttle_key and services.is_throttled(throttle_key) else 400
    context = {"code_form": code_form, "signup_form": signup_form}
    return render(request, "units/invitation_accept.html", context, status=status)
