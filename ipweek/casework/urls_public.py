"""Public pages of casework, beside a campaign's site: submit a complaint, track a case."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "casework_public"

campaign = "<int:year>/<slug:region_slug>/"

urlpatterns: list[URLPattern] = []
