"""Reads of the publishing queue that pages and other apps share."""

from django.db.models import QuerySet

from ipweek.campaigns.models import Campaign
from ipweek.publishing.models import Asset, ChannelDelivery, Post, Screen


def posts_of_campaign(campaign: Campaign) -> QuerySet[Post]:
    """Every post of the campaign, newest first, with what the staff list shows."""
    return (
        Post.objects.filter(campaign=campaign)
        .select_related("activity", "source_report", "approved_by")
        .order_by("-created_at", "-pk")
    )


def deliveries_of_post(post: Post) -> QuerySet[ChannelDelivery]:
    """The log of where the post went, newest first."""
    return ChannelDelivery.objects.filter(post=post).select_related("screen", "delivered_by")


def assets_of_campaign(campaign: Campaign) -> QuerySet[Asset]:
    return Asset.objects.filter(campaign=campaign).select_related("post")


def screens_of_campaign(campaign: Campaign) -> QuerySet[Screen]:
    return Screen.objects.filter(campaign=campaign)
