from django.urls import path

from ipweek.units import views

app_name = "units"

urlpatterns = [
    path("campaigns/<int:pk>/invitations/", views.invitation_list, name="invitations"),
    path(
        "campaigns/<int:pk>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/accept/", views.invitation_accept, name="accept"),
]
