from django.contrib import admin

from ipweek.publishing.models import Asset, ChannelDelivery, Post, Screen


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "kind", "status", "publish_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    raw_id_fields = ["campaign", "activity", "source_report", "created_by", "approved_by"]
    # State changes go through the services so they are audited.
    readonly_fields = ["status", "publish_at", "approved_by", "approved_at"]


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "content_type", "size", "created_at"]
    raw_id_fields = ["campaign", "post"]


@admin.register(Screen)
class ScreenAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign", "venue", "char_limit"]
    raw_id_fields = ["campaign"]


@admin.register(ChannelDelivery)
class ChannelDeliveryAdmin(admin.ModelAdmin):
    list_display = ["post", "channel", "screen", "delivered_at", "delivered_by"]
    list_filter = ["channel"]
    raw_id_fields = ["post", "screen", "delivered_by"]
