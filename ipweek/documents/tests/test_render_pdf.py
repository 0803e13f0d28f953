import datetime as dt
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings

from ipweek.documents import fonts
from ipweek.documents.blocks import OfficialDocument, Paragraph
from ipweek.documents.exporters import export_plan
from ipweek.documents.render_pdf import NoFontsError, render_pdf

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
MM = 72 / 25.4


@pytest.fixture
def plan_pdf(plan_campaign):
    content, content_type, _ = export_plan(plan_campaign, "pdf")
    assert content_type == "application/pdf"
    return content


def _normalised(name):
    return name.split("+")[-1].casefold().replace(" ", "").replace("-", "")


def test_pdf_pages_are_a4_and_carry_the_plan(plan_pdf):
    with pdfplumber.open(BytesIO(plan_pdf)) as pdf:
        first = pdf.pages[0]
        text = "".join(page.extract_text() for page in pdf.pages)

        assert (first.width, first.height) == pytest.approx((595.3, 841.9), abs=1)
        assert "2027年示例市知识产权宣传周活动方案" in text
        assert "一、总体要求" in text
        assert "（一）深入宣传，把握导向。" in text


def test_pdf_numbers_odd_pages_bottom_right_and_even_pages_bottom_left(plan_pdf):
    with pdfplumber.open(BytesIO(plan_pdf)) as pdf:
        assert len(pdf.pages) >= 2
        first, second = pdf.pages[0], pdf.pages[1]
        [one] = first.search("— 1 —")
        [two] = second.search("— 2 —")

        type_area_bottom = first.height - 35 * MM
        assert one["x0"] > first.width / 2
        assert one["top"] > type_area_bottom
        assert two["x1"] < second.width / 2
        assert two["top"] > type_area_bottom


def test_pdf_embeds_the_resolved_body_font(plan_pdf):
    body = fonts.resolve_roles()[fonts.BODY]
    if body.is_generic:
        pytest.skip("no CJK font is installed for the body role (run `make fonts` or install fonts-noto-cjk)")

    with pdfplumber.open(BytesIO(plan_pdf)) as pdf:
        names = {_normalised(char["fontname"]) for page in pdf.pages for char in page.chars}

    assert any(_normalised(body.used) in name for name in names), names


def test_pdf_fills_a_page_with_22_lines_of_28_characters():
    if fonts.resolve_roles()[fonts.BODY].is_generic:
        pytest.skip("no CJK font is installed for the body role, so characters have no fixed width")
    text = "知识产权宣传周" * 4  # 28 characters, no punctuation to compress
    doc = OfficialDocument(title="版心测试", blocks=[Paragraph(text * 80)])

    with pdfplumber.open(BytesIO(render_pdf(doc))) as pdf:
        second = pdf.pages[1]
        body_lines = [
            line["text"].replace(" ", "")
            for line in second.extract_text_lines()
            if line["bottom"] < second.height - 35 * MM
        ]

    assert len(body_lines) == 22
    assert {len(line) for line in body_lines} == {28}


def test_pdf_page_one_is_written_as_a_png_artifact(plan_pdf, tmp_path):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = tmp_path / "plan.pdf"
    source.write_bytes(plan_pdf)
    ARTIFACTS.mkdir(exist_ok=True)

    subprocess.run(  # noqa: S603 - fixed arguments
        [pdftoppm, "-png", "-r", "50", "-singlefile", str(source), str(ARTIFACTS / "plan-page-1")], check=True
    )

    assert (ARTIFACTS / "plan-page-1.png").stat().st_size > 0


def test_pdf_centres_the_signature_over_the_date_four_characters_from_the_right():
    doc = OfficialDocument(title="通知", signature="示例市知识产权局", signed_date=dt.date(2027, 4, 3))

    with pdfplumber.open(BytesIO(render_pdf(doc))) as pdf:
        page = pdf.pages[0]
        [signature] = page.search("示例市知识产权局")
        [date] = page.search("2027年4月3日")

    type_area_right = page.width - 26 * MM
    assert date["x1"] == pytest.approx(type_area_right - 4 * 16, abs=2)
    assert (signature["x0"] + signature["x1"]) / 2 == pytest.approx((date["x0"] + date["x1"]) / 2, abs=3)


def test_pdf_refuses_cleanly_when_the_machine_has_no_font(monkeypatch):
    monkeypatch.setattr(fonts, "has_any_font", lambda: False)

    with pytest.raises(NoFontsError, match="没有安装任何字体"):
        render_pdf(OfficialDocument(title="通知"))
