from django.urls import path

from ipweek.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.campaign_list, name="list"),
    path("campaigns/new/", views.campaign_create, name="create"),
    path("campaigns/import/", views.import_start, name="import"),
    path("campaigns/import/save/", views.import_save, name="import_save"),
    path("campaigns/<int:pk>/", views.campaign_dashboard, name="dashboard"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("campaigns/<int:pk>/status/", views.campaign_status, name="status"),
    path("campaigns/<int:pk>/clone/", views.campaign_clone, name="clone"),
    path("campaigns/<int:pk>/plan/", views.plan_editor, name="plan"),
    path("campaigns/<int:pk>/plan/export.<str:fmt>", views.plan_export, name="plan_export"),
    path("campaigns/<int:pk>/plan/sections/add/", views.section_add, name="section_add"),
    path("campaigns/<int:pk>/plan/sections/<int:section_id>/", views.section_edit, name="section_edit"),
    path("campaigns/<int:pk>/plan/sections/<int:section_id>/move/", views.section_move, name="section_move"),
    path("campaigns/<int:pk>/plan/sections/<int:section_id>/delete/", views.section_delete, name="section_delete"),
    path("campaigns/<int:pk>/plan/sections/<int:section_id>/items/add/", views.item_add, name="item_add"),
    path("campaigns/<int:pk>/plan/sections/<int:section_id>/items/<int:item_id>/", views.item_edit, name="item_edit"),
    path(
        "campaigns/<int:pk>/plan/sections/<int:section_id>/items/<int:item_id>/move/",
        views.item_move,
        name="item_move",
    ),
    path(
        "campaigns/<int:pk>/plan/sections/<int:section_id>/items/<int:item_id>/delete/",
        views.item_delete,
        name="item_delete",
    ),
    path("campaigns/<int:pk>/activities/", views.activity_list, name="activities"),
    path("campaigns/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("campaigns/<int:pk>/activities/<int:activity_id>/", views.activity_edit, name="activity_edit"),
    path("campaigns/<int:pk>/activities/<int:activity_id>/delete/", views.activity_delete, name="activity_delete"),
    path("campaigns/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("campaigns/<int:pk>/matrix/", views.matrix, name="matrix"),
    path("campaigns/<int:pk>/matrix.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
]
