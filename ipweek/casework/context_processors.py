from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ipweek.accounts.models import User
from ipweek.units.models import Membership

_CASEWORK = Q(memberships__role__in=[Membership.Role.CASEWORKER, Membership.Role.OFFICE_STAFF]) | Q(
    ecommerce_platform__isnull=False
)


def casework(request: HttpRequest) -> dict[str, Any]:
    """``casework_nav``: whether to show the Casework link (one query, only when a template asks).

    Caseworkers, office staff and e-commerce platforms' teams get the link; the casework home sends a
    platform's team on to its own requests.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"casework_nav": False}
    return {
        "casework_nav": SimpleLazyObject(
            lambda: user.is_superuser or User.objects.filter(Q(pk=user.pk) & _CASEWORK).exists()
        )
    }
