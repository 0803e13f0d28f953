from io import BytesIO

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from ipweek.documents import fonts
from ipweek.documents.exporters import export_plan
from ipweek.documents.render_docx import HEADING_STYLES, STYLE_BODY, STYLE_TITLE


@pytest.fixture
def plan_docx(plan_campaign):
    content, _, _ = export_plan(plan_campaign, "docx")
    return docx.Document(BytesIO(content))


def _east_asian_font(style):
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_docx_page_is_a4_with_gb_margins(plan_docx):
    section = plan_docx.sections[0]

    sizes = [section.page_width, section.page_height]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [length.mm for length in sizes] == pytest.approx([210, 297], abs=0.5)
    assert [length.mm for length in margins] == pytest.approx([37, 35, 28, 26], abs=0.5)


def test_docx_title_is_22pt_and_body_16pt_on_a_fixed_line_pitch(plan_docx):
    title, body = plan_docx.styles[STYLE_TITLE], plan_docx.styles[STYLE_BODY]

    assert title.font.size.pt == 22
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert body.font.size.pt == 16
    assert body.paragraph_format.first_line_indent.pt == 32
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)


def test_docx_styles_name_the_resolved_family_of_each_role(plan_docx):
    resolved = fonts.resolve_roles()

    assert _east_asian_font(plan_docx.styles[STYLE_TITLE]) == resolved[fonts.TITLE].docx_family
    assert _east_asian_font(plan_docx.styles[STYLE_BODY]) == resolved[fonts.BODY].docx_family
    assert _east_asian_font(plan_docx.styles[HEADING_STYLES[1]]) == resolved[fonts.HEADING1].docx_family
    assert _east_asian_font(plan_docx.styles[HEADING_STYLES[2]]) == resolved[fonts.HEADING2].docx_family
    assert _east_asian_font(plan_docx.styles[HEADING_STYLES[3]]) == resolved[fonts.BODY].docx_family


def test_docx_headings_are_numbered_in_order_with_their_styles(plan_docx):
    paragraphs = [(p.style.name, p.text) for p in plan_docx.paragraphs]
    texts = [text for _, text in paragraphs]

    expected = [
        "一、总体要求",
        "（一）深入宣传，把握导向。要深入宣传知识产权强国建设。",
        "1.线上专利展",
        "四、工作要求",
    ]
    positions = [texts.index(text) for text in expected]
    assert positions == sorted(positions)
    assert ("IPW Heading 1", "一、总体要求") in paragraphs
    assert ("IPW Heading 3", "1.线上专利展") in paragraphs


def test_docx_prints_masthead_addressees_and_closing(plan_docx):
    paragraphs = {p.text: p for p in plan_docx.paragraphs}

    number = paragraphs["示知发〔2027〕5号"]
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    assert "示例市知识产权局文件" in paragraphs
    assert paragraphs["各县（区）知识产权局，市直各成员单位："].style.name == "IPW Addressees"
    assert paragraphs["2027年4月3日"].style.paragraph_format.right_indent.pt == 64


def test_docx_footers_carry_page_field_right_on_odd_and_left_on_even_pages(plan_docx):
    section = plan_docx.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]

    assert plan_docx.settings.odd_and_even_pages_header_footer
    for footer in (odd, even):
        assert "PAGE" in "".join(node.text for node in footer._p.iter(qn("w:instrText")))
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
