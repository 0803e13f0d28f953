"""Chinese search over the knowledge base.

Text is segmented into words once, when an article is saved (``Article.search_text``), and the
query is segmented the same way at search time. Segmentation runs in search mode, so a compound
such as 发明专利申请 is stored as 发明 专利 申请 发明专利 and a search for 专利 finds it.
See docs/decisions/0008-chinese-search.md.
"""

import rjieba
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from ipweek.publishing.models import Article
from ipweek.units.models import Region

MAX_QUERY_CHARS = 100
MAX_QUERY_TOKENS = 12
# Question words and particles that a citizen types but an article need not contain.
QUERY_STOP_WORDS = frozenset(
    {"的", "是", "了", "吗", "呢", "吧", "啊", "和", "与", "及", "或", "在", "有"}
    | {"什么", "怎么", "怎样", "如何", "哪些", "为什么", "请问"}
)


class QueryTooLongError(ValueError):
    """The query is longer than a search box should ever send."""


def words(text: str) -> list[str]:
    """The words of ``text`` in search mode, without punctuation or blanks, each once, in order."""
    seen: dict[str, None] = {}
    for word in rjieba.cut_for_search(text):
        word = word.strip().lower()
        if word and any(char.isalnum() for char in word):
            seen.setdefault(word, None)
    return list(seen)


def segment(text: str) -> str:
    """``text`` as words joined by spaces, ready to store in a ``search_text`` column."""
    return " ".join(words(text))


def query_tokens(query: str) -> list[str]:
    """The tokens every hit must contain; raises ``QueryTooLongError`` for oversized input.

    The query is cut in search mode and only the finest pieces are kept (专利申请 → 专利, 申请), so a
    query word that the stored text split differently still matches. Question words (什么, 怎么…)
    are dropped unless nothing else is left.
    """
    query = query.strip()
    if len(query) > MAX_QUERY_CHARS:
        raise QueryTooLongError(query[:20])
    pieces = words(query)
    finest = [word for word in pieces if not any(other != word and other in word for other in pieces)]
    meaningful = [word for word in finest if word not in QUERY_STOP_WORDS]
    return (meaningful or finest)[:MAX_QUERY_TOKENS]


def search_articles(query: str, *, region: Region | None = None) -> QuerySet[Article]:
    """Published articles containing every word of ``query``; title hits first.

    ``region`` limits the result to articles for every site plus that region's own. An empty query
    finds nothing; an oversized one raises ``QueryTooLongError``.
    """
    tokens = query_tokens(query)
    articles = Article.objects.filter(is_published=True)
    if region is not None:
        articles = articles.filter(Q(region__isnull=True) | Q(region=region))
    else:
        articles = articles.filter(region__isnull=True)
    if not tokens:
        return articles.none()
    for token in tokens:
        articles = articles.filter(search_text__icontains=token)
    title_hits = Q()
    for token in tokens:
        title_hits |= Q(title__icontains=token)
    return articles.annotate(
        title_rank=Case(When(title_hits, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("title_rank", "topic", "title", "pk")
