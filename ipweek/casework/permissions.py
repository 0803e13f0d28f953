"""Who sees which cases, and who sees the people behind them.

A case belongs to an office (a unit). Caseworkers of that office (a ``caseworker`` membership for
that unit, in any campaign: cases run all year) handle it and are the only ones who may reveal the
complainant's identity. Office staff of a campaign whose organiser or intake office is the case's
office read its cases masked; so do superusers. Everyone else gets a 404.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign
from ipweek.casework.models import Case, IntakeRoute
from ipweek.units.models import Membership

Role = Membership.Role


@dataclass(frozen=True)
class CaseworkAccess:
    """Which offices' cases a user handles (unmasked) and reads (masked)."""

    handles: frozenset[int]
    reads: frozenset[int]
    is_superuser: bool = False

    @property
    def can_view_any(self) -> bool:
        return self.is_superuser or bool(self.handles or self.reads)

    def can_view(self, office_id: int) -> bool:
        return self.is_superuser or office_id in self.handles or office_id in self.reads

    def can_handle(self, office_id: int) -> bool:
        return office_id in self.handles

    def can_see_personal(self, case: Case) -> bool:
        return case.office_id in self.handles and case.personal_data_purged_at is None

    def visible_cases(self) -> QuerySet[Case]:
        if self.is_superuser:
            return Case.objects.all()
        return Case.objects.filter(office_id__in=self.handles | self.reads)


def casework_access(user: User) -> CaseworkAccess:
    if not user.is_authenticated:
        return CaseworkAccess(frozenset(), frozenset())
    rows = list(
        Membership.objects.filter(user=user, role__in=[Role.CASEWORKER, Role.OFFICE_STAFF]).values_list(
            "role", "unit_id", "campaign_id"
        )
    )
    handles = frozenset(unit for role, unit, _c in rows if role == Role.CASEWORKER)
    staff_campaigns = {campaign for role, _u, campaign in rows if role == Role.OFFICE_STAFF}
    reads: set[int] = set()
    if staff_campaigns:
        reads.update(Campaign.objects.filter(pk__in=staff_campaigns).values_list("organiser_id", flat=True))
        reads.update(IntakeRoute.objects.filter(campaign_id__in=staff_campaigns).values_list("office_id", flat=True))
    return CaseworkAccess(handles=handles, reads=frozenset(reads) - handles, is_superuser=user.is_superuser)


def get_case_for_user(user: User, number: str, *, handle: bool = False) -> tuple[Case, CaseworkAccess]:
    """The case by number if the user may see it (and handle it, if asked); 404 otherwise, so nothing leaks."""
    access = casework_access(user)
    case = (
        Case.objects.select_related("office", "region", "campaign", "activity", "handler").filter(number=number).first()
    )
    if case is None or not access.can_view(case.office_id):
        raise Http404
    if handle and not access.can_handle(case.office_id):
        raise Http404
    return case, access


def offices_filter(access: CaseworkAccess, field: str = "office_id") -> Q:
    """A filter for any model with an office, limited to what ``access`` may see."""
    if access.is_superuser:
        return Q()
    return Q(**{f"{field}__in": access.handles | access.reads})
