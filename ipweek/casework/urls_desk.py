"""The desk at a square event, under /casework/desk/ (the service worker's scope covers all of it)."""

from django.urls import path

from ipweek.casework.views import desk

urlpatterns = [
    path("", desk.desk_list, name="desk_list"),
    path("sw.js", desk.service_worker, name="desk_service_worker"),
    path("<int:activity_id>/", desk.desk_page, name="desk"),
    path("<int:activity_id>/sync/", desk.desk_sync, name="desk_sync"),
    path("<int:activity_id>/case/", desk.desk_case, name="desk_case"),
    path("<int:activity_id>/case/<str:number>/", desk.desk_receipt, name="desk_receipt"),
    path("<int:activity_id>/follow-up/", desk.desk_follow_up, name="desk_follow_up"),
]
