"""Official documents as DOCX (python-docx) in GB/T 9704 layout, with named styles offices can edit."""

from io import BytesIO

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.styles import CT_Style
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from ipweek.core.cn import cn_date
from ipweek.documents import fonts
from ipweek.documents.blocks import Heading, OfficialDocument, Paragraph
from ipweek.documents.fonts import ResolvedFont
from ipweek.documents.layout import PageLayout, page_layout, text_width_em

RED = RGBColor(0xFF, 0x00, 0x00)
FOOTER_DISTANCE_MM = 22  # puts the page number's dash line about 7 mm below the type area
SIGNATURE_LINES_BEFORE = 2  # room for the seal above the signature

STYLE_BODY = "IPW Body"
STYLE_TITLE = "IPW Title"
STYLE_ISSUER_MARK = "IPW Issuer Mark"
STYLE_DOC_NUMBER = "IPW Doc Number"
STYLE_ADDRESSEES = "IPW Addressees"
STYLE_ATTACHMENT = "IPW Attachment"
STYLE_SIGNATURE = "IPW Signature"
STYLE_DATE = "IPW Date"
STYLE_PAGE_NUMBER = "IPW Page Number"
HEADING_STYLES = {1: "IPW Heading 1", 2: "IPW Heading 2", 3: "IPW Heading 3", 4: "IPW Heading 4"}
HEADING_ROLES = {1: fonts.HEADING1, 2: fonts.HEADING2, 3: fonts.BODY, 4: fonts.BODY}


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as DOCX bytes: A4, GB/T margins, fixed 22-line grid, font roles, "— N —" page numbers."""
    resolved = fonts.resolve_roles()
    layout = page_layout()
    document = new_document()
    _set_up_page(document, layout)
    _add_styles(document, resolved, layout)
    _write_front(document, doc, layout)
    _write_blocks(document, doc, resolved)
    _write_back(document, doc, layout)
    _write_page_numbers(document, layout)
    document.core_properties.title = doc.title
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up_page(document: Document, layout: PageLayout) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(layout.width_mm), Mm(layout.height_mm)
    section.top_margin, section.bottom_margin = Mm(layout.top_mm), Mm(layout.bottom_mm)
    section.left_margin, section.right_margin = Mm(layout.left_mm), Mm(layout.right_mm)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(layout.line_pitch_pt * 20)))


# Styles -----------------------------------------------------------------------------------------


def _set_east_asian_font(element: CT_Style | CT_R, family: str) -> None:
    """Name ``family`` for every script on an rPr's rFonts, dropping theme fonts that would override it."""
    r_pr = element.get_or_add_rPr()
    r_fonts = r_pr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(script), family)


def _set_document_defaults(document: Document, body: ResolvedFont, layout: PageLayout) -> None:
    r_pr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    r_fonts = r_pr.find(qn("w:rFonts"))
    for attribute in list(r_fonts.attrib):
        del r_fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(script), body.docx_family)
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    normal.font.size = Pt(layout.body_pt)
    normal.paragraph_format.space_after = Pt(0)


# The children that must follow w:spacing in w:rPr and w:pBdr in w:pPr (ECMA-376 schema order).
_FOLLOWERS = {
    "w:spacing": (
        "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
        "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
    ),
    "w:pBdr": (
        "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
        "w:rPr", "w:sectPr", "w:pPrChange",
    ),
}  # fmt: skip


def _add_ordered_child(parent: BaseOxmlElement, tag: str, attributes: dict[str, str]) -> BaseOxmlElement:
    """Insert a child where the schema wants it; Word rejects rPr/pPr children out of order."""
    element = OxmlElement(tag, attrs={qn(key): value for key, value in attributes.items()})
    parent.insert_element_before(element, *_FOLLOWERS[tag])
    return element


def _paragraph_style(
    document: Document, name: str, font: ResolvedFont, size_pt: float, layout: PageLayout, *, tracked: bool = True
) -> ParagraphStyle:
    style: ParagraphStyle = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size_pt)
    _set_east_asian_font(style.element, font.docx_family)
    if tracked:
        # 28 characters to the line (see PageLayout.letter_spacing_pt); twentieths of a point.
        tracking = str(round(layout.letter_spacing_pt * 20))
        _add_ordered_child(style.element.get_or_add_rPr(), "w:spacing", {"w:val": tracking})
    paragraph = style.paragraph_format
    paragraph.line_spacing = Pt(layout.line_pitch_pt)
    paragraph.space_before = paragraph.space_after = Pt(0)
    paragraph.first_line_indent = Pt(0)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.widow_control = False  # keep the 22-line grid full, as the PDF does
    return style


def _add_styles(document: Document, resolved: dict[str, ResolvedFont], layout: PageLayout) -> None:
    _set_document_defaults(document, resolved[fonts.BODY], layout)
    _add_front_styles(document, resolved, layout)
    _add_body_styles(document, resolved, layout)
    _add_back_styles(document, resolved, layout)


def _add_front_styles(document: Document, resolved: dict[str, ResolvedFont], layout: PageLayout) -> None:
    body, title = resolved[fonts.BODY], resolved[fonts.TITLE]
    # Free substitutes of 小标宋 are light; their bold weight is closer to the real thing.
    is_bold = title.fell_back and not title.is_generic

    mark = _paragraph_style(document, STYLE_ISSUER_MARK, title, layout.issuer_mark_pt, layout, tracked=False)
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.paragraph_format.line_spacing = 1.0
    mark.paragraph_format.space_before = Mm(35)  # below the top of the type area
    mark.font.color.rgb = RED
    mark.font.bold = is_bold

    number = _paragraph_style(document, STYLE_DOC_NUMBER, body, layout.body_pt, layout)
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.space_after = Pt(2 * layout.line_pitch_pt)

    title_style = _paragraph_style(document, STYLE_TITLE, title, layout.title_pt, layout, tracked=False)
    title_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_style.paragraph_format.space_after = Pt(layout.line_pitch_pt)
    title_style.font.bold = is_bold

    _paragraph_style(document, STYLE_ADDRESSEES, body, layout.body_pt, layout)


def _add_body_styles(document: Document, resolved: dict[str, ResolvedFont], layout: PageLayout) -> None:
    body_style = _paragraph_style(document, STYLE_BODY, resolved[fonts.BODY], layout.body_pt, layout)
    body_style.paragraph_format.first_line_indent = Pt(layout.indent_pt)
    for level, name in HEADING_STYLES.items():
        style = _paragraph_style(document, name, resolved[HEADING_ROLES[level]], layout.body_pt, layout)
        style.paragraph_format.first_line_indent = Pt(layout.indent_pt)
        style.paragraph_format.keep_with_next = True


def _add_back_styles(document: Document, resolved: dict[str, ResolvedFont], layout: PageLayout) -> None:
    body = resolved[fonts.BODY]
    _paragraph_style(document, STYLE_ATTACHMENT, body, layout.body_pt, layout)
    signature = _paragraph_style(document, STYLE_SIGNATURE, body, layout.body_pt, layout)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date = _paragraph_style(document, STYLE_DATE, body, layout.body_pt, layout)
    date.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.paragraph_format.right_indent = Pt(layout.date_right_indent_pt)

    page_number_font = resolved[fonts.PAGE_NUMBER]
    page_number = _paragraph_style(
        document, STYLE_PAGE_NUMBER, page_number_font, layout.page_number_pt, layout, tracked=False
    )
    page_number.paragraph_format.line_spacing = Pt(layout.page_number_pt * 1.2)


# Content ----------------------------------------------------------------------------------------


def _write_front(document: Document, doc: OfficialDocument, layout: PageLayout) -> None:
    if doc.has_masthead:
        mark = document.add_paragraph(style=STYLE_ISSUER_MARK).add_run(doc.issuer_mark)
        mark.font.size = Pt(layout.issuer_mark_size_pt(doc.issuer_mark))
    if doc.has_masthead or doc.doc_number:
        number = document.add_paragraph(doc.doc_number, style=STYLE_DOC_NUMBER)
        number.paragraph_format.space_before = Pt(2 * layout.line_pitch_pt) if doc.has_masthead else Pt(0)
        if doc.has_masthead:
            _add_red_rule(number)
    document.add_paragraph(doc.title, style=STYLE_TITLE)
    if doc.addressees:
        document.add_paragraph(doc.addressees, style=STYLE_ADDRESSEES)


def _add_red_rule(paragraph: DocxParagraph) -> None:
    """The red separator line (分隔线) about 4 mm below the document number."""
    borders = _add_ordered_child(paragraph._p.get_or_add_pPr(), "w:pBdr", {})
    rule = {"w:val": "single", "w:sz": "12", "w:space": "11", "w:color": "FF0000"}
    borders.append(OxmlElement("w:bottom", attrs={qn(key): value for key, value in rule.items()}))


def _write_blocks(document: Document, doc: OfficialDocument, resolved: dict[str, ResolvedFont]) -> None:
    body_family = resolved[fonts.BODY].docx_family
    for block in doc.blocks:
        if isinstance(block, Heading):
            _write_heading(document, block, body_family)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text, style=STYLE_BODY)


def _write_heading(document: Document, heading: Heading, body_family: str) -> None:
    paragraph = document.add_paragraph(heading.label, style=HEADING_STYLES[heading.level])
    if heading.body:
        run_in = paragraph.add_run(heading.body)
        _set_east_asian_font(run_in._r, body_family)
        # A heading with run-in text is a paragraph of its own; don't glue it to the next one.
        paragraph.paragraph_format.keep_with_next = False


def _write_back(document: Document, doc: OfficialDocument, layout: PageLayout) -> None:
    _write_attachments(document, doc.attachments, layout)
    date_text = cn_date(doc.signed_date)
    if doc.signature or date_text:
        # Never a page holding only the signature and date: keep the last body paragraph with them.
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    closing = []
    if doc.signature:
        signature = document.add_paragraph(doc.signature, style=STYLE_SIGNATURE)
        signature.paragraph_format.right_indent = Pt(layout.signature_right_indent_pt(doc.signature, date_text))
        signature.paragraph_format.keep_with_next = True
        closing.append(signature)
    if date_text:
        closing.append(document.add_paragraph(date_text, style=STYLE_DATE))
    if closing:
        closing[0].paragraph_format.space_before = Pt(SIGNATURE_LINES_BEFORE * layout.line_pitch_pt)


def _write_attachments(document: Document, attachments: list[str], layout: PageLayout) -> None:
    """附件说明: one blank line after the body, two characters in, numbers aligned under the first."""
    label, char = "附件：", layout.body_pt
    numbered = len(attachments) > 1
    for index, name in enumerate(attachments, start=1):
        number = f"{index}." if numbered else ""
        prefix = label if index == 1 else ""
        paragraph = document.add_paragraph(prefix + number + name, style=STYLE_ATTACHMENT)
        number_width = text_width_em(number) * char
        text_start = 2 * char + 3 * char + number_width
        line_start = 2 * char if index == 1 else 2 * char + 3 * char
        paragraph.paragraph_format.left_indent = Pt(text_start)
        paragraph.paragraph_format.first_line_indent = Pt(line_start - text_start)
        if index == 1:
            paragraph.paragraph_format.space_before = Pt(layout.line_pitch_pt)


# Page numbers -----------------------------------------------------------------------------------


def _write_page_numbers(document: Document, layout: PageLayout) -> None:
    """Page numbers "— N —" in the footer: right on odd pages, left on even pages, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    one_char = Pt(layout.page_number_pt)
    odd = _page_number_paragraph(section.footer.paragraphs[0])
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = one_char
    even = _page_number_paragraph(section.even_page_footer.paragraphs[0])
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = one_char


def _page_number_paragraph(paragraph: DocxParagraph) -> DocxParagraph:
    paragraph.style = STYLE_PAGE_NUMBER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.add_run("— ")
    _add_field(paragraph, "PAGE", placeholder="1")
    paragraph.add_run(" —")
    return paragraph


def _add_field(paragraph: DocxParagraph, instruction: str, *, placeholder: str) -> None:
    def field_char(kind: str) -> BaseOxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(field_char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(field_char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(field_char("end"))
