from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language

from ipweek.api import views as api_views
from ipweek.api.urls import api
from ipweek.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_views.not_found),
    path("admin/", admin.site.urls),
    path("accounts/", include("ipweek.accounts.urls")),
    path("display/", include("ipweek.core.urls")),
    path("casework/", include("ipweek.casework.urls")),
    # The public site before the staff pages: it takes the 4·26 peak, and resolving a URL walks the
    # patterns in order. Its patterns cannot shadow a staff page: they are the site root, archive/,
    # site/, knowledge/, sitemap.xml and /<year>/<region>/… (a year is digits; staff paths are words).
    path("", include("ipweek.casework.urls_public")),
    path("", include("ipweek.portal.urls")),
    path("", include("ipweek.campaigns.urls")),
    path("", include("ipweek.reporting.urls")),
    path("", include("ipweek.units.urls")),
    path("", include("ipweek.publishing.urls")),
]
