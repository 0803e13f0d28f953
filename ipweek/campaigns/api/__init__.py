"""The JSON twin of the campaign pages: campaigns, plan sections, activities and the plan export.

Reads are for anyone with a role in the campaign (or overseeing it from a parent campaign); writes
are for office staff, except that a unit liaison adds and edits the activities their unit leads or
co-organises. A campaign the caller may not see is a 404; one they may see but not change is a 403.
"""

from ipweek.campaigns.api import activities, campaigns, sections  # noqa: F401 - importing registers the operations
from ipweek.campaigns.api.router import router
from ipweek.campaigns.api.schemas import ActivityIn, CampaignIn, SectionIn

__all__ = ["ActivityIn", "CampaignIn", "SectionIn", "router"]
