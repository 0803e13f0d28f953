from django.contrib import admin

from ipweek.core.models import AuditEvent, Holiday


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is read-only, even for superusers."""

    list_display = ("at", "actor", "action", "object_type", "object_id", "campaign_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "actor__username")
    date_hierarchy = "at"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Next year's holidays and make-up working days, entered once the State Council publishes them."""

    list_display = ("date", "kind", "name")
    list_filter = ("kind",)
    search_fields = ("name",)
    date_hierarchy = "date"
