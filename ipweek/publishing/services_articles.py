"""Writing knowledge-base articles: sanitised text and the segmented search column."""

import html

from django.db import transaction
from django.utils.html import strip_tags

from ipweek.accounts.models import User
from ipweek.core.richtext import sanitize_rich_text
from ipweek.portal.search import segment
from ipweek.publishing.models import Article
from ipweek.units.models import Region


def article_search_text(title: str, body_html: str) -> str:
    """Title and plain text of the body, segmented into words for search."""
    plain = html.unescape(strip_tags(body_html))
    return segment(f"{title}\n{plain}")


@transaction.atomic
def save_article(
    *,
    title: str,
    body: str,
    topic: str = Article.Topic.OTHER,
    is_faq: bool = False,
    is_published: bool = False,
    region: Region | None = None,
    article: Article | None = None,
    updated_by: User | None = None,
) -> Article:
    """Create ``article`` (or update it when given): sanitise the body and refill ``search_text``.

    Raises ``ValidationError`` when the body is too long or not text.
    """
    article = article or Article()
    article.title = title.strip()
    article.topic = topic
    article.is_faq = is_faq
    article.is_published = is_published
    article.region = region
    article.body = sanitize_rich_text(body)
    article.search_text = article_search_text(article.title, article.body)
    article.updated_by = updated_by
    article.save()
    return article
