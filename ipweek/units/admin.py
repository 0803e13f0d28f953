from django.contrib import admin

from ipweek.units.models import Membership, Region, Unit


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "slug"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["code", "name", "slug"]
    autocomplete_fields = ["parent"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "region", "is_active"]
    list_filter = ["kind", "is_active", "region__level"]
    list_select_related = ["region"]
    search_fields = ["name", "short_name", "region__name"]
    autocomplete_fields = ["region"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "campaign", "unit", "role"]
    list_filter = ["role", "campaign__year"]
    list_select_related = ["user", "campaign", "unit"]
    search_fields = ["user__username", "user__display_name", "unit__name", "campaign__title"]
    # The user admin belongs to another app and may not offer autocomplete, so users are picked by id.
    raw_id_fields = ["user"]
    autocomplete_fields = ["campaign", "unit"]
