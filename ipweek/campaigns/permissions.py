"""Who may see or change what in a campaign.

Roles come from :class:`~ipweek.units.models.Membership`, scoped to one campaign and one unit.
Office staff and superusers edit everything; a unit liaison edits the activities its unit leads
or co-organises; caseworkers and higher-office viewers read. Office staff and viewers of a parent
campaign read its children (the province over a city, the city over a county).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.units.models import Membership

Role = Membership.Role
_READERS_OF_CHILDREN = [Role.OFFICE_STAFF, Role.HIGHER_OFFICE_VIEWER]
_EDITING_ROLES = [ActivityUnit.Role.LEAD, ActivityUnit.Role.CO_ORGANISER]


@dataclass(frozen=True)
class CampaignAccess:
    """What one user may do in one campaign."""

    campaign: Campaign
    roles: frozenset[str] = frozenset()
    unit_ids: frozenset[int] = frozenset()
    is_superuser: bool = False
    is_higher_office: bool = False
    liaison_unit_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def can_view(self) -> bool:
        return self.is_superuser or bool(self.roles) or self.is_higher_office

    @property
    def can_manage(self) -> bool:
        """Edit the plan, every activity, the campaign's settings and status."""
        return self.is_superuser or Role.OFFICE_STAFF in self.roles

    @property
    def can_add_activity(self) -> bool:
        return self.can_manage or bool(self.liaison_unit_ids)

    def can_edit_activity(self, activity: Activity) -> bool:
        if self.can_manage:
            return True
        if not self.liaison_unit_ids or not self.campaign.is_editable:
            return False
        return any(
            role.unit_id in self.liaison_unit_ids and role.role in _EDITING_ROLES for role in activity.unit_roles.all()
        )

    def can_see_activity(self, activity: Activity) -> bool:
        """Drafts are visible to the office, readers above, and the units taking part."""
        if activity.status != Activity.Status.DRAFT or not self.liaison_unit_ids or self.can_manage:
            return True
        return any(role.unit_id in self.liaison_unit_ids for role in activity.unit_roles.all())


def access_for(user: User, campaign: Campaign) -> CampaignAccess:
    """The user's access to ``campaign``; anonymous users get none."""
    if not user.is_authenticated:
        return CampaignAccess(campaign=campaign)
    memberships = list(Membership.objects.filter(user=user, campaign=campaign).values_list("role", "unit_id"))
    ancestors = _ancestor_ids(campaign)
    is_higher = (
        bool(ancestors)
        and Membership.objects.filter(user=user, campaign_id__in=ancestors, role__in=_READERS_OF_CHILDREN).exists()
    )
    return CampaignAccess(
        campaign=campaign,
        roles=frozenset(role for role, _unit in memberships),
        unit_ids=frozenset(unit for _role, unit in memberships),
        liaison_unit_ids=frozenset(unit for role, unit in memberships if role == Role.UNIT_LIAISON),
        is_superuser=user.is_superuser,
        is_higher_office=is_higher,
    )


def _ancestor_ids(campaign: Campaign) -> list[int]:
    ids: list[int] = []
    parent_id = campaign.parent_id
    while parent_id is not None and parent_id not in ids and len(ids) < 4:
        ids.append(parent_id)
        parent_id = Campaign.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return ids


def campaigns_visible_to(user: User) -> QuerySet[Campaign]:
    """Campaigns the user belongs to, and the children and grandchildren of those they oversee."""
    if user.is_superuser:
        return Campaign.objects.all()
    oversees = Q(role__in=_READERS_OF_CHILDREN, user=user)
    overseen = Membership.objects.filter(oversees).values("campaign_id")
    return Campaign.objects.filter(
        Q(memberships__user=user) | Q(parent_id__in=overseen) | Q(parent__parent_id__in=overseen)
    ).distinct()


def get_campaign_for_user(user: User, pk: int, *, manage: bool = False) -> tuple[Campaign, CampaignAccess]:
    """The campaign and the user's access: 404 unless they may see it, 403 if ``manage`` and they may only read."""
    campaign = Campaign.objects.select_related("region", "organiser", "parent").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    access = access_for(user, campaign)
    if not access.can_view:
        raise Http404
    if manage and not access.can_manage:
        raise PermissionDenied
    return campaign, access
