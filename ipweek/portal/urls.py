from django.urls import URLPattern, URLResolver, path

from ipweek.portal import views

app_name = "portal"

try:
    from ipweek.portal.urls_extra import urlpatterns as extra_urls
except ImportError:  # the knowledge base, feeds and signage are optional modules
    extra_urls = []

campaign = "<int:year>/<slug:region_slug>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("site/large-type/", views.switch_large_type, name="large_type"),
    path("site/language/", views.switch_language, name="set_language"),
    *extra_urls,
    path("", views.site_home, name="home"),
    path("archive/", views.archive, name="archive"),
    path(campaign, views.campaign_home, name="campaign"),
    path(f"{campaign}schedule/", views.schedule, name="schedule"),
    path(f"{campaign}activities/<int:activity_id>/", views.activity_detail, name="activity"),
    path(f"{campaign}news/", views.news_list, name="news"),
    path(f"{campaign}news/<int:post_id>/", views.news_detail, name="post"),
    path(f"{campaign}downloads/", views.downloads, name="downloads"),
    path(f"{campaign}downloads/plan.pdf", views.plan_pdf, name="plan_pdf"),
]
