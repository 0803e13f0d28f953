"""Every change of state in a campaign. Pages, the API, commands and the demo call these."""

from ipweek.campaigns.services.activities import delete_activity, save_activity
from ipweek.campaigns.services.campaigns import (
    change_campaign_status,
    create_campaign,
    default_week,
    update_campaign,
)
from ipweek.campaigns.services.cloning import clone_campaign
from ipweek.campaigns.services.plan import (
    add_plan_item,
    add_plan_section,
    delete_plan_item,
    delete_plan_section,
    move_plan_item,
    move_plan_section,
    update_plan_item,
    update_plan_section,
)

__all__ = [
    "add_plan_item",
    "add_plan_section",
    "change_campaign_status",
    "clone_campaign",
    "create_campaign",
    "default_week",
    "delete_activity",
    "delete_plan_item",
    "delete_plan_section",
    "move_plan_item",
    "move_plan_section",
    "save_activity",
    "update_campaign",
    "update_plan_item",
    "update_plan_section",
]
