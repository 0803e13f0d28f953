"""The casework start page: what is due, what is overdue, for the user's offices."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from ipweek.casework.permissions import casework_access
from ipweek.core.http import AuthenticatedHttpRequest


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = casework_access(request.user)
    if not access.can_view_any:
        raise Http404
    return render(request, "casework/home.html", {"access": access})
