from ipweek.documents.text import html_to_paragraphs


def test_html_to_paragraphs_splits_paragraphs_items_and_breaks():
    html = "<p>第一段<strong>加粗</strong>。</p><ul><li>甲</li><li>乙</li></ul>丙<br>丁"

    paragraphs = html_to_paragraphs(html)

    assert paragraphs == ["第一段加粗。", "甲", "乙", "丙", "丁"]


def test_html_to_paragraphs_unescapes_entities_and_collapses_whitespace():
    paragraphs = html_to_paragraphs("<p>A &amp; B\n   &lt;C&gt;&nbsp;</p>")

    assert paragraphs == ["A & B <C>"]


def test_html_to_paragraphs_drops_empty_paragraphs_and_scripts():
    paragraphs = html_to_paragraphs("<p> </p><script>alert(1)</script><p>正文</p>")

    assert paragraphs == ["正文"]


def test_html_to_paragraphs_splits_plain_text_on_lines():
    assert html_to_paragraphs("第一行\n\n第二行") == ["第一行", "第二行"]
    assert html_to_paragraphs("") == []
