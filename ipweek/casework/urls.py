"""Staff pages of casework under /casework/; each area has its own URL module."""

from django.urls import include, path

from ipweek.casework.views import home

app_name = "casework"

urlpatterns = [
    path("", home.dashboard, name="home"),
    path("", include("ipweek.casework.urls_cases")),
    path("", include("ipweek.casework.urls_stats")),
    path("desk/", include("ipweek.casework.urls_desk")),
    path("ecommerce/", include("ipweek.casework.urls_ecommerce")),
    path("enforcement/", include("ipweek.casework.urls_enforcement")),
]
