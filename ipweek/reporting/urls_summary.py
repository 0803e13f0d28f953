from django.urls import path

from ipweek.reporting.views import summary as views

urlpatterns = [
    path("campaigns/<int:pk>/summary/", views.summary, name="summary"),
    path("campaigns/<int:pk>/summary/draft/", views.summary_draft, name="summary_draft"),
    path("campaigns/<int:pk>/summary/edit/", views.summary_edit, name="summary_edit"),
    path("campaigns/<int:pk>/summary/export.<str:fmt>", views.summary_export, name="summary_export"),
    path("campaigns/<int:pk>/summary/statistics.xlsx", views.summary_workbook, name="summary_workbook"),
]
