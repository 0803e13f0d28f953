from django.contrib import admin
from django.http import HttpRequest

from ipweek.campaigns.models import Campaign, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["year", "national_theme", "world_ip_day_theme_en"]
    search_fields = ["=year", "national_theme", "world_ip_day_theme_en", "world_ip_day_theme_zh"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    """A superuser's window on campaigns; everything that changes state goes through the services."""

    list_display = ["title", "year", "level", "region", "status"]
    list_filter = ["year", "level", "status"]
    list_select_related = ["region"]
    search_fields = ["title", "region__name"]
    # Only the wording may be corrected here; status, dates, region and organiser change through
    # the campaign services so that their side effects happen.
    readonly_fields = [
        "year",
        "level",
        "region",
        "organiser",
        "start_date",
        "end_date",
        "status",
        "parent",
        "doc_agency_code",
        "doc_serial",
        "addressees",
        "signatory",
        "signed_date",
        "created_at",
        "updated_at",
    ]

    def has_view_permission(self, request: HttpRequest, obj: Campaign | None = None) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: Campaign | None = None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Campaign | None = None) -> bool:
        return False
