"""The enforcement log under /casework/enforcement/."""

from django.urls import path

from ipweek.casework.views import enforcement as views

urlpatterns = [
    path("", views.action_list, name="enforcement"),
    path("new/", views.action_create, name="enforcement_action_new"),
    path("check/", views.number_check, name="enforcement_check"),
    path("<int:pk>/", views.action_detail, name="enforcement_action"),
    path("<int:pk>/edit/", views.action_edit, name="enforcement_action_edit"),
    path("<int:pk>/push/", views.action_push, name="enforcement_push"),
    path("<int:pk>/inspections/new/", views.inspection_create, name="enforcement_inspection_new"),
    path("inspections/<int:pk>/", views.inspection_detail, name="enforcement_inspection"),
    path("inspections/<int:pk>/edit/", views.inspection_edit, name="enforcement_inspection_edit"),
    path("inspections/<int:pk>/open-case/", views.inspection_open_case, name="enforcement_open_case"),
]
