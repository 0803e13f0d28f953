import pytest

from ipweek.documents.exporters import UnsupportedFormatError, export_plan, plan_filename


def test_plan_filename_names_year_and_region(campaign):
    assert plan_filename(campaign, "docx") == "2027-示例市-宣传周活动方案.docx"


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
        ("md", "text/markdown; charset=utf-8", b"# "),
    ],
)
def test_export_plan_returns_bytes_type_and_name(plan_campaign, fmt, content_type, magic):
    content, returned_type, filename = export_plan(plan_campaign, fmt)

    assert content.startswith(magic)
    assert returned_type == content_type
    assert filename == f"2027-示例市-宣传周活动方案.{fmt}"


def test_export_plan_refuses_an_unknown_format(campaign):
    with pytest.raises(UnsupportedFormatError, match="不支持的导出格式"):
        export_plan(campaign, "xls")
