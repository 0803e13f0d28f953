"""Bytes → text: encodings, DOCX (tables, Word numbering), PDF, HTML, .doc without LibreOffice, limits."""

from __future__ import annotations

import io
import time

import pytest

from ipweek.plantext import PlanReadError, extract_text, read_plan, read_text, readers

PLAN = "2018年辽源市知识产权宣传周活动方案\n一、活动时间\n2018年4月20日至26日"


@pytest.mark.parametrize(
    "data",
    [
        PLAN.encode("utf-8"),
        b"\xef\xbb\xbf" + PLAN.encode("utf-8"),
        PLAN.encode("utf-16"),
        PLAN.encode("gb18030"),
        PLAN.encode("gbk"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "gb18030", "gbk"],
)
def test_read_text_decodes_common_encodings(data):
    assert read_text(data) == PLAN


def test_read_text_decodes_gb18030_that_is_not_utf8():
    data = "桐庐县二〇〇九年知识产权宣传周".encode("gb18030")

    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert read_text(data) == "桐庐县二〇〇九年知识产权宣传周"


def test_read_text_refuses_binary_garbage():
    data = bytes(range(256)) * 40

    with pytest.raises(PlanReadError) as raised:
        read_text(data)

    assert "文本" in raised.value.message


def test_read_text_refuses_mostly_undecodable_bytes():
    data = b"\x80\xff\xfe\x81" * 500

    with pytest.raises(PlanReadError):
        read_text(data)


@pytest.mark.parametrize("data", [b"", b"   \n\r\n  "])
def test_read_text_refuses_an_empty_file(data):
    with pytest.raises(PlanReadError) as raised:
        read_text(data)

    assert raised.value.message == "文件是空的"


def test_extract_text_refuses_a_file_over_20_megabytes_quickly():
    data = b"a" * (25 * 1024 * 1024)

    started = time.perf_counter()
    with pytest.raises(PlanReadError) as raised:
        extract_text(data, "plan.txt")

    assert time.perf_counter() - started < 1
    assert "文件太大" in raised.value.message


def docx_bytes(build) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_extract_text_reads_docx_paragraphs_and_tables_in_order():
    def build(document):
        document.add_paragraph("2020年某县知识产权宣传周活动方案")
        document.add_paragraph("一、活动安排")
        table = document.add_table(rows=2, cols=3)
        for cell, text in zip(table.rows[0].cells, ["活动名称", "时间", "牵头单位"], strict=True):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, ["启动仪式", "4月20日", "县市场监管局"], strict=True):
            cell.text = text
        document.add_paragraph("二、工作要求")

    text = extract_text(docx_bytes(build), "plan.docx")

    assert text.splitlines() == [
        "2020年某县知识产权宣传周活动方案",
        "一、活动安排",
        "活动名称 | 时间 | 牵头单位",
        "启动仪式 | 4月20日 | 县市场监管局",
        "二、工作要求",
    ]


def test_read_plan_turns_a_docx_table_into_activities():
    def build(document):
        document.add_paragraph("2020年某县知识产权宣传周活动方案")
        document.add_paragraph("一、活动安排")
        table = document.add_table(rows=2, cols=3)
        for cell, text in zip(table.rows[0].cells, ["活动名称", "时间", "牵头单位"], strict=True):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, ["启动仪式", "4月20日", "县市场监管局"], strict=True):
            cell.text = text

    draft = read_plan(docx_bytes(build), "plan.docx")

    assert [(a.title, a.start_date, a.lead_units) for a in draft.activities] == [
        ("启动仪式", "2020-04-20", ["县市场监管局"])
    ]


def test_extract_text_writes_out_word_list_numbers():
    def build(document):
        document.add_paragraph("活动时间", style="List Number")
        document.add_paragraph("活动安排", style="List Number")
        document.add_paragraph("展板宣传", style="List Bullet")

    text = extract_text(docx_bytes(build), "plan.docx")

    assert text.splitlines() == ["1.活动时间", "2.活动安排", "• 展板宣传"]


def test_extract_text_renders_chinese_list_numbers():
    from docx.oxml.ns import qn

    def build(document):
        numbering = document.part.numbering_part.element
        number = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == "5")
        abstract_id = number.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(
            a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id
        )
        level = next(lvl for lvl in abstract.findall(qn("w:lvl")) if lvl.get(qn("w:ilvl")) == "0")
        level.find(qn("w:numFmt")).set(qn("w:val"), "chineseCounting")
        level.find(qn("w:lvlText")).set(qn("w:val"), "%1、")
        document.add_paragraph("指导思想", style="List Number")
        document.add_paragraph("活动时间", style="List Number")

    text = extract_text(docx_bytes(build), "plan.docx")

    assert text.splitlines() == ["一、指导思想", "二、活动时间"]


def test_extract_text_sniffs_docx_without_an_extension():
    data = docx_bytes(lambda document: document.add_paragraph("活动方案"))

    assert extract_text(data, "upload") == "活动方案"


def test_extract_text_refuses_a_broken_docx():
    with pytest.raises(PlanReadError) as raised:
        extract_text(b"PK\x03\x04" + b"\x00" * 100, "plan.docx")

    assert "Word" in raised.value.message


def test_extract_text_reads_the_text_layer_of_a_pdf():
    weasyprint = pytest.importorskip("weasyprint")
    html = "<html><body><p>2018年知识产权宣传周活动方案</p><p>一、活动时间</p></body></html>"
    try:
        data = weasyprint.HTML(string=html).write_pdf()
    except Exception as error:  # no fonts or pango on this machine
        pytest.skip(f"WeasyPrint cannot render here: {error}")

    text = extract_text(data, "plan.pdf")

    if "知识产权" not in text.replace(" ", ""):
        pytest.skip("no CJK font installed: the PDF has no Chinese text layer")
    assert "活动时间" in text.replace(" ", "")


def test_extract_text_refuses_a_pdf_without_text():
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)

    with pytest.raises(PlanReadError) as raised:
        extract_text(buffer.getvalue(), "scan.pdf")

    assert "扫描件" in raised.value.message


def test_extract_text_refuses_a_broken_pdf():
    with pytest.raises(PlanReadError):
        extract_text(b"%PDF-1.4\n garbage without objects", "plan.pdf")


def test_doc_without_libreoffice_names_what_is_missing(monkeypatch):
    monkeypatch.setattr(readers.shutil, "which", lambda name: None)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600

    with pytest.raises(PlanReadError) as raised:
        extract_text(ole, "plan.doc")

    assert "LibreOffice" in raised.value.message
    assert ".docx" in raised.value.message


def test_doc_conversion_runs_libreoffice_with_a_timeout(monkeypatch, tmp_path):
    calls = []

    def fake_run(arguments, **options):
        calls.append((arguments, options))
        out_dir = arguments[arguments.index("--outdir") + 1]
        (readers.Path(out_dir) / "plan.docx").write_bytes(docx_bytes(lambda d: d.add_paragraph("转换后的方案")))

    monkeypatch.setattr(readers, "libreoffice_command", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(readers.subprocess, "run", fake_run)

    text = extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "plan.wps")

    assert text == "转换后的方案"
    assert calls[0][1]["timeout"] == 60
    assert calls[0][0][1:3] == ["--headless", "--norestore"]


def test_doc_conversion_timeout_is_a_clear_error(monkeypatch):
    def slow_run(arguments, **options):
        raise readers.subprocess.TimeoutExpired(arguments, options["timeout"])

    monkeypatch.setattr(readers, "libreoffice_command", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(readers.subprocess, "run", slow_run)

    with pytest.raises(PlanReadError) as raised:
        extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "plan.doc")

    assert "超时" in raised.value.message


def test_extract_text_reads_html_blocks_as_lines():
    html = (
        "<html><head><title>x</title><style>p{}</style></head>"
        "<body><p>活动方案</p><div>一、活动时间</div></body></html>"
    )

    text = extract_text(html.encode("utf-8"), "plan.html")

    assert [line for line in text.splitlines() if line.strip()] == ["活动方案", "一、活动时间"]


def test_extract_text_reads_markdown_as_text():
    assert extract_text("# 活动方案".encode(), "plan.md") == "# 活动方案"


def test_extract_text_refuses_a_docx_extension_on_other_content():
    with pytest.raises(PlanReadError):
        extract_text(b"just text", "plan.docx")
