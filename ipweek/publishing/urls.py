"""Staff pages of the publishing queue, under /campaigns/<pk>/publishing/."""

from django.urls import URLPattern, path

from ipweek.publishing import views

app_name = "publishing"

_BASE = "campaigns/<int:pk>/publishing/"
_POST = f"{_BASE}posts/<int:post_id>/"

urlpatterns: list[URLPattern] = [
    path(f"{_BASE}posts/", views.post_list, name="posts"),
    path(f"{_BASE}posts/new/", views.post_create, name="post_create"),
    path(f"{_POST}edit/", views.post_edit, name="post_edit"),
    path(f"{_POST}submit/", views.post_submit, name="post_submit"),
    path(f"{_POST}approve/", views.post_approve, name="post_approve"),
    path(f"{_POST}withdraw/", views.post_withdraw, name="post_withdraw"),
    path(f"{_POST}channels/", views.post_channels, name="post_channels"),
    path(f"{_BASE}promote/", views.promote_report, name="promote_report"),
    path(f"{_BASE}assets/", views.asset_list, name="assets"),
    path(f"{_BASE}screens/", views.screen_list, name="screens"),
]
