import datetime as dt

from ipweek.documents.blocks import Heading, OfficialDocument, Paragraph
from ipweek.documents.exporters import export_plan
from ipweek.documents.render_md import render_markdown


def test_markdown_plan_has_title_and_numbered_headings(plan_campaign):
    content, content_type, filename = export_plan(plan_campaign, "md")

    text = content.decode("utf-8")
    assert content_type.startswith("text/markdown")
    assert filename.endswith(".md")
    assert text.startswith("# 2027年示例市知识产权宣传周活动方案\n")
    assert "\n## 一、总体要求\n" in text
    assert "\n### （一）深入宣传，把握导向。\n\n要深入宣传知识产权强国建设。\n" in text
    assert "\n#### 1.线上专利展\n" in text


def test_markdown_lists_attachments_and_closes_with_signature_and_date():
    doc = OfficialDocument(
        title="通知",
        blocks=[Paragraph("1.不是列表"), Heading(level=1, number=1, text="要求")],
        attachments=["活动安排表", "联络员名单"],
        signature="示例市知识产权局",
        signed_date=dt.date(2027, 4, 3),
    )

    text = render_markdown(doc)

    assert "\n1\\.不是列表\n" in text
    assert "附件：1.活动安排表  \n2.联络员名单" in text
    assert text.endswith("示例市知识产权局  \n2027年4月3日\n")
