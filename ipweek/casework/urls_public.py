"""Public pages of casework, beside a campaign's site: submit a complaint, track a case."""

from django.urls import URLPattern, path

from ipweek.casework.views import public

app_name = "casework_public"

campaign = "<int:year>/<slug:region_slug>/"

urlpatterns: list[URLPattern] = [
    path(f"{campaign}complaint/", public.complaint, name="complaint"),
    path(f"{campaign}track/", public.track, name="track"),
    path(f"{campaign}track/qr.svg", public.track_qr, name="track_qr"),
]
