import pytest
from django.core.management import call_command
from django.urls import reverse

from ipweek.portal.search import MAX_QUERY_CHARS, query_tokens, search_articles, segment
from ipweek.publishing.models import Article
from ipweek.publishing.services_articles import save_article


def article(title, body, **fields):
    return save_article(title=title, body=body, is_published=True, **fields)


def test_segment_splits_compounds_in_search_mode():
    words = segment("发明专利申请").split()

    assert {"发明", "专利", "申请", "发明专利"} <= set(words)


def test_query_tokens_drop_punctuation_and_question_words():
    assert query_tokens("什么是假冒专利？") == ["假冒", "专利"]


@pytest.mark.django_db
def test_search_word_finds_the_compound_it_is_part_of():
    application = article("如何办理", "<p>发明专利申请需要经过实质审查。</p>")

    assert list(search_articles("专利")) == [application]


@pytest.mark.django_db
def test_search_requires_every_word():
    both = article("商标和专利", "<p>商标注册与专利申请。</p>")
    article("商标续展", "<p>注册商标有效期十年。</p>")

    assert list(search_articles("商标 专利")) == [both]


@pytest.mark.django_db
def test_search_ranks_title_hits_first():
    in_body = article("常见问题", "<p>地理标志产品的保护。</p>", topic=Article.Topic.COPYRIGHT)
    in_title = article("地理标志是什么", "<p>一种标志。</p>", topic=Article.Topic.PATENT)

    assert list(search_articles("地理标志")) == [in_title, in_body]


@pytest.mark.django_db
def test_search_skips_unpublished_articles():
    save_article(title="专利草稿", body="<p>专利</p>", is_published=False)

    assert not search_articles("专利").exists()


@pytest.mark.django_db
def test_save_article_sanitises_body_and_fills_search_text():
    saved = save_article(title="假冒专利", body='<p onclick="x()">标注<script>alert(1)</script>专利号</p>')

    assert "script" not in saved.body and "onclick" not in saved.body
    assert "假冒" in saved.search_text.split() and "专利号" in saved.search_text


@pytest.mark.django_db
def test_load_demo_articles_is_idempotent():
    call_command("load_demo_articles")
    count = Article.objects.count()

    call_command("load_demo_articles")

    assert Article.objects.count() == count >= 6
    assert set(Article.objects.values_list("topic", flat=True)) >= {
        "patent", "trademark", "copyright", "gi", "complaints", "counterfeit",
    }  # fmt: skip
    assert search_articles("假冒专利").exists()


@pytest.mark.django_db
def test_knowledge_index_lists_topics_and_faq(client):
    call_command("load_demo_articles")

    response = client.get(reverse("portal:knowledge"))

    assert response.status_code == 200
    assert "什么是假冒专利？" in response.content.decode()


@pytest.mark.django_db
def test_knowledge_article_page_shows_published_article(client):
    shown = article("著作权登记", "<p>自愿登记。</p>")

    response = client.get(reverse("portal:knowledge_article", args=[shown.pk]))

    assert response.status_code == 200
    assert "自愿登记" in response.content.decode()


@pytest.mark.django_db
def test_knowledge_article_page_hides_unpublished_article(client):
    hidden = save_article(title="草稿", body="<p>未发布</p>")

    response = client.get(reverse("portal:knowledge_article", args=[hidden.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_knowledge_search_page_finds_without_javascript(client):
    article("发明专利申请指南", "<p>申请流程。</p>")

    response = client.get(reverse("portal:search"), {"q": "专利"})

    assert response.status_code == 200
    assert "发明专利申请指南" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "？！", "专" * (MAX_QUERY_CHARS + 1)])
def test_knowledge_search_page_answers_bad_queries_with_a_notice(client, query):
    response = client.get(reverse("portal:search"), {"q": query})

    assert response.status_code == 200
    assert 'class="notice"' in response.content.decode()
