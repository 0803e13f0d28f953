"""Who may file, report and review in a campaign.

Office staff (and superusers) review everything. A unit liaison files and reports for the
activities their unit leads or co-organises, and for nothing else: another unit's activity is a 404
to them, as if it did not exist. Readers (viewers, caseworkers, the office above) see approved work.
"""

from django.http import Http404

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, ActivityUnit, Campaign
from ipweek.campaigns.permissions import CampaignAccess, get_campaign_for_user

_REPORTING_ROLES = {ActivityUnit.Role.LEAD, ActivityUnit.Role.CO_ORGANISER}


def reporting_unit_id(access: CampaignAccess, activity: Activity) -> int | None:
    """The unit the user files and reports as for ``activity``, or None if they may not.

    Liaisons report as their own unit; office staff report as the activity's first lead unit
    (or the organiser when it has none).
    """
    roles = list(activity.unit_roles.all())
    for role in roles:
        if role.unit_id in access.liaison_unit_ids and role.role in _REPORTING_ROLES:
            return role.unit_id
    if access.can_manage:
        leads = [role.unit_id for role in roles if role.role == ActivityUnit.Role.LEAD]
        return leads[0] if leads else access.campaign.organiser_id
    return None


def can_report(access: CampaignAccess, activity: Activity) -> bool:
    return access.campaign.status != Campaign.Status.REPORTED and reporting_unit_id(access, activity) is not None


def get_activity_for_reporting(user: User, campaign_id: int, activity_id: int) -> tuple[CampaignAccess, Activity]:
    """The activity if the user may file or report for it; 404 otherwise (never a 403, so nothing leaks)."""
    campaign, access = get_campaign_for_user(user, campaign_id)
    activity = (
        campaign.activities.prefetch_related("unit_roles__unit")
        .select_related("campaign")
        .filter(pk=activity_id)
        .first()
    )
    if activity is None or not can_report(access, activity):
        raise Http404
    return access, activity
