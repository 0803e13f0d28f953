import pytest
from django.test import override_settings

from ipweek.documents.layout import PageLayout, page_layout


def test_gb_layout_has_22_lines_of_28_characters():
    layout = PageLayout()

    assert layout.line_pitch_pt == pytest.approx(28.95)
    assert 22 * layout.line_pitch_pt <= 225 * 72 / 25.4
    assert 28 * (layout.body_pt + layout.letter_spacing_pt) <= layout.type_width_pt


def test_page_layout_takes_margins_from_settings():
    with override_settings(IPWEEK_PAGE_MARGINS_MM={"top": 35, "left": 27}):
        layout = page_layout()

    assert (layout.top_mm, layout.bottom_mm, layout.left_mm, layout.right_mm) == (35, 35, 27, 26)


def test_long_issuer_mark_shrinks_to_one_line():
    layout = PageLayout()

    assert layout.issuer_mark_size_pt("示例市知识产权局文件") == 36
    assert 21 * layout.issuer_mark_size_pt("湖州市市场监督管理局（湖州市知识产权局）文件") <= layout.type_width_pt


def test_signature_is_centred_over_the_date():
    layout = PageLayout()

    # "2027年4月3日" is 6 characters wide, "示例市知识产权局" 8: the signature sticks out one character each side.
    assert layout.signature_right_indent_pt("示例市知识产权局", "2027年4月3日") == 64 - 16
    assert layout.signature_right_indent_pt("示例市知识产权局", "") == 64
