"""The e-commerce fast track under /casework/ecommerce/: the office's pages, then the platform's.

The platform's paths come first: ``platform`` is not a case number.
"""

from django.urls import path

from ipweek.casework.views import ecommerce

urlpatterns = [
    path("", ecommerce.dashboard, name="ecommerce"),
    path("platform/", ecommerce.platform_list, name="ecommerce_platform"),
    path("platform/new/", ecommerce.platform_new, name="ecommerce_platform_new"),
    path("platform/<str:number>/", ecommerce.platform_request, name="ecommerce_platform_request"),
    path("platform/<str:number>/<slug:step>/", ecommerce.platform_step, name="ecommerce_platform_step"),
    path("<str:number>/", ecommerce.detail, name="ecommerce_detail"),
    path("<str:number>/opinion/", ecommerce.opinion, name="ecommerce_opinion"),
    path("<str:number>/reveal/", ecommerce.reveal, name="ecommerce_reveal"),
    path("<str:number>/close/", ecommerce.close, name="ecommerce_close"),
]
