from django.http import HttpRequest

from ipweek.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required``: ``user`` is a real user."""

    user: User
