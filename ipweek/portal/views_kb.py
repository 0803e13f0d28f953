"""The knowledge base: articles and FAQ on IP basics and law, and Chinese search over them."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import select_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ipweek.portal import search
from ipweek.publishing.models import Article


def _base_template() -> str:
    # The public site's own frame when it exists, the platform's otherwise.
    return select_template(["portal/base.html", "base.html"]).template.name


def _published() -> QuerySet[Article]:
    return Article.objects.filter(is_published=True, region__isnull=True)


@require_safe
def knowledge(request: HttpRequest) -> HttpResponse:
    articles = list(_published().filter(is_faq=False).only("pk", "title", "topic"))
    topics = [
        (label, [article for article in articles if article.topic == value]) for value, label in Article.Topic.choices
    ]
    context = {
        "base_template": _base_template(),
        "section": "knowledge",
        "topics": [(label, items) for label, items in topics if items],
        "faq": _published().filter(is_faq=True),
        "max_query_chars": search.MAX_QUERY_CHARS,
    }
    return render(request, "portal/kb_index.html", context)


@require_safe
def knowledge_article(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.filter(is_published=True), pk=article_id)
    related = _published().filter(topic=article.topic).exclude(pk=article.pk).only("pk", "title")[:5]
    context = {"base_template": _base_template(), "section": "knowledge", "article": article, "related": related}
    return render(request, "portal/kb_article.html", context)


@require_safe
def knowledge_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    notice = ""
    results: list[Article] = []
    if "q" in request.GET:
        try:
            results = list(search.search_articles(query))
        except search.QueryTooLongError:
            notice = _("The search words are too long: at most %(limit)d characters.") % {
                "limit": search.MAX_QUERY_CHARS
            }
            query = query[: search.MAX_QUERY_CHARS]
        else:
            if not search.query_tokens(query):
                notice = _("Enter one or more words to search for, e.g. 专利 or 商标.")
            elif not results:
                notice = _("No article contains all of these words. Try fewer or shorter words.")
    context = {
        "base_template": _base_template(),
        "section": "knowledge",
        "query": query,
        "results": results,
        "notice": notice,
        "max_query_chars": search.MAX_QUERY_CHARS,
    }
    return render(request, "portal/kb_search.html", context)
