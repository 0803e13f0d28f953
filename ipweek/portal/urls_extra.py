"""Knowledge base, feeds, embed widget and signage; included by ``portal/urls.py`` (app ``portal``)."""

from django.urls import URLPattern, path

from ipweek.portal import views_feeds, views_kb, views_signage

urlpatterns: list[URLPattern] = [
    path("knowledge/", views_kb.knowledge, name="knowledge"),
    path("knowledge/search/", views_kb.knowledge_search, name="search"),
    path("knowledge/<int:article_id>/", views_kb.knowledge_article, name="knowledge_article"),
    path("sitemap.xml", views_feeds.sitemap, name="sitemap"),
    path("<int:year>/<slug:region_slug>/news.rss", views_feeds.rss, name="rss"),
    path("<int:year>/<slug:region_slug>/news.atom", views_feeds.atom, name="atom"),
    path("<int:year>/<slug:region_slug>/schedule.ics", views_feeds.schedule_ical, name="ical"),
    path(
        "<int:year>/<slug:region_slug>/activities/<int:activity_id>.ics",
        views_feeds.activity_ical,
        name="activity_ical",
    ),
    path("<int:year>/<slug:region_slug>/embed/", views_feeds.embed, name="embed"),
    path("<int:year>/<slug:region_slug>/signage/", views_signage.signage, name="signage"),
]
