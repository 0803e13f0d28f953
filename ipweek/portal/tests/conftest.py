import pytest

from ipweek.campaigns.models import Campaign


@pytest.fixture
def public_campaign(campaign):
    """The persona campaign, issued: public pages show it."""
    campaign.status = Campaign.Status.ISSUED
    campaign.save(update_fields=["status"])
    return campaign
