"""The admin's window on casework: deadline rules, intake routes and platforms are edited here.

Cases are read-only and shown without personal data: the admin is no back door around masking
(superusers read cases masked, like every non-handler). Every change of a case goes through the
workflow services, so it has its event on the trail.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ipweek.casework.deadlines import DEFAULT_RULES
from ipweek.casework.models import Case, DeadlineRule, IntakeRoute, Platform

PERSONAL_FIELDS = (
    "complainant_name",
    "complainant_id_number",
    "complainant_phone",
    "complainant_email",
    "complainant_address",
)
SECRET_FIELDS = ("access_code_digest", "idempotency_key")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "channel", "status", "office", "handler", "due_date", "received_at"]
    list_filter = ["status", "kind", "channel", "ip_type"]
    list_select_related = ["office", "handler"]
    search_fields = ["=number", "subject"]
    date_hierarchy = "received_at"
    exclude = [*PERSONAL_FIELDS, *SECRET_FIELDS]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        hidden = {*PERSONAL_FIELDS, *SECRET_FIELDS}
        return [f.name for f in Case._meta.concrete_fields if f.name not in hidden]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _rule_choices() -> list[tuple[str, str]]:
    return [(key, f"{key} · {rule.label} ({rule.describe()})") for key, rule in DEFAULT_RULES.items()]


class DeadlineRuleForm(forms.ModelForm):
    key = forms.ChoiceField(choices=_rule_choices, help_text=_("The default this row overrides."))

    class Meta:
        model = DeadlineRule
        fields = ["key", "label", "days", "working_days", "source"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    """An override of a default time limit; deleting the row restores the default."""

    form = DeadlineRuleForm
    list_display = ["key", "label", "days", "working_days", "source"]
    search_fields = ["key", "label"]


@admin.register(IntakeRoute)
class IntakeRouteAdmin(admin.ModelAdmin):
    list_display = ["campaign", "office"]
    list_select_related = ["campaign", "office"]
    autocomplete_fields = ["campaign", "office"]


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ["name", "office", "user", "contact_email"]
    list_select_related = ["office", "user"]
    search_fields = ["name"]
    autocomplete_fields = ["office", "user"]
