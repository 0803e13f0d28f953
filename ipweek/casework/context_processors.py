from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ipweek.units.models import Membership

_CASEWORK_ROLES = [Membership.Role.CASEWORKER, Membership.Role.OFFICE_STAFF]


def casework(request: HttpRequest) -> dict[str, Any]:
    """``casework_nav``: whether to show the Casework link (one query, only when a template asks)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"casework_nav": False}
    return {
        "casework_nav": SimpleLazyObject(
            lambda: user.is_superuser or Membership.objects.filter(user=user, role__in=_CASEWORK_ROLES).exists()
        )
    }
