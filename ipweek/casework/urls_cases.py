"""Caseworkers' case pages under /casework/cases/ (namespace ``casework``)."""

from django.urls import URLPattern, path

from ipweek.casework.views import cases, transfers

case = "cases/<str:number>/"

urlpatterns: list[URLPattern] = [
    path("cases/", cases.case_list, name="list"),
    path("cases/new/", cases.case_new, name="new"),
    path(case, cases.case_detail, name="detail"),
    path(f"{case}reveal/", cases.case_reveal, name="reveal"),
    path(f"{case}steps/<slug:step>/", cases.case_step, name="step"),
    path(f"{case}notes/", cases.case_note, name="note"),
    path(f"{case}evidence/<int:pk>/", cases.evidence_download, name="evidence"),
    path(f"{case}transfers/new/", transfers.transfer_new, name="transfer"),
    path(f"{case}transfers/<int:pk>/receipt/", transfers.transfer_receipt, name="transfer_receipt"),
    path(f"{case}transfers/<int:pk>/result/", transfers.transfer_result, name="transfer_result"),
]
