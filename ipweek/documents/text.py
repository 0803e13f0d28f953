"""Turning sanitised rich text into the plain paragraphs an official document is made of."""

import re
from html.parser import HTMLParser

# Tags that end a paragraph; everything else is stripped and its text kept.
_BREAKING_TAGS = frozenset(
    {"p", "li", "br", "div", "tr", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}
)
_SKIPPED_TAGS = frozenset({"script", "style"})
_WHITESPACE = re.compile(r"\s+")


class _ParagraphCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BREAKING_TAGS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BREAKING_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def flush(self) -> None:
        text = _WHITESPACE.sub(" ", "".join(self._current)).strip()
        if text:
            self.paragraphs.append(text)
        self._current = []


def html_to_paragraphs(html: str) -> list[str]:
    """Plain paragraphs from sanitised HTML: one per <p>, <li> or <br>, tags stripped, entities unescaped.

    Text without tags is split on its line breaks, so plain text fields work too.
    """
    if not html or not html.strip():
        return []
    if "<" not in html:
        html = "<br>".join(html.splitlines())
    collector = _ParagraphCollector()
    collector.feed(html)
    collector.close()
    collector.flush()
    return collector.paragraphs
