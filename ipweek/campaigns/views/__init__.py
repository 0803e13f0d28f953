from ipweek.campaigns.views.activities import activity_create, activity_delete, activity_edit, activity_list
from ipweek.campaigns.views.campaigns import (
    campaign_clone,
    campaign_create,
    campaign_dashboard,
    campaign_edit,
    campaign_list,
    campaign_status,
)
from ipweek.campaigns.views.exports import plan_export
from ipweek.campaigns.views.imports import import_save, import_start
from ipweek.campaigns.views.plan import (
    item_add,
    item_delete,
    item_edit,
    item_move,
    plan_editor,
    section_add,
    section_delete,
    section_edit,
    section_move,
)
from ipweek.campaigns.views.schedule import matrix, matrix_xlsx, schedule

__all__ = [
    "activity_create",
    "activity_delete",
    "activity_edit",
    "activity_list",
    "campaign_clone",
    "campaign_create",
    "campaign_dashboard",
    "campaign_edit",
    "campaign_list",
    "campaign_status",
    "import_save",
    "import_start",
    "item_add",
    "item_delete",
    "item_edit",
    "item_move",
    "matrix",
    "matrix_xlsx",
    "plan_editor",
    "plan_export",
    "schedule",
    "section_add",
    "section_delete",
    "section_edit",
    "section_move",
]
