from django.urls import path

from ipweek.core import views

app_name = "core"

urlpatterns = [
    path("large-type/", views.large_type, name="large_type"),
]
