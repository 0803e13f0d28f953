"""Official documents as Markdown, for previews, diffs and pasting into other systems."""

import re

from ipweek.core.cn import cn_date
from ipweek.documents.blocks import Heading, OfficialDocument

# Text at the start of a line that Markdown would read as a heading, list, quote or rule.
_LEADING_MARK = re.compile(r"^(\s*)([#>+*-])")
_LEADING_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def render_markdown(doc: OfficialDocument) -> str:
    """The document as Markdown: "# " title, numbered headings one level down, paragraphs, attachments, closing."""
    parts = [f"# {_escape(doc.title)}"]
    if doc.doc_number:
        parts.append(_escape(doc.doc_number))
    if doc.addressees:
        parts.append(_escape(doc.addressees))
    for block in doc.blocks:
        parts += _block(block) if isinstance(block, Heading) else [_escape(block.text)]
    parts += _attachments(doc.attachments)
    closing = [_escape(line) for line in (doc.signature, cn_date(doc.signed_date)) if line]
    if closing:
        parts.append("  \n".join(closing))
    return "\n\n".join(parts) + "\n"


def _block(heading: Heading) -> list[str]:
    # The title is the only level-1 Markdown heading; 一、 is "##", （一） is "###" and so on.
    parts = [f"{'#' * (heading.level + 1)} {heading.label}"]
    return parts + ([_escape(heading.body)] if heading.body else [])


def _attachments(attachments: list[str]) -> list[str]:
    if not attachments:
        return []
    if len(attachments) == 1:
        return [f"附件：{_escape(attachments[0])}"]
    lines = [f"{index}.{name}" for index, name in enumerate(attachments, start=1)]
    return ["附件：" + "  \n".join(lines)]


def _escape(text: str) -> str:
    text = _LEADING_NUMBER.sub(r"\1\\\2", text)
    return _LEADING_MARK.sub(r"\1\\\2", text)
