from io import BytesIO, StringIO

import docx
import pytest
from django.core.management import CommandError, call_command

from ipweek.__main__ import command_argv
from ipweek.documents import fonts


def test_export_plan_command_writes_a_docx_by_id(plan_campaign, tmp_path):
    output = tmp_path / "plan.docx"
    stderr = StringIO()

    call_command(
        "export_plan", str(plan_campaign.pk), format="docx", output=str(output), stdout=StringIO(), stderr=stderr
    )

    paragraphs = [p.text for p in docx.Document(BytesIO(output.read_bytes())).paragraphs]
    assert "2027年示例市知识产权宣传周活动方案" in paragraphs
    for warning in fonts.font_warnings():
        assert warning in stderr.getvalue()


def test_export_plan_command_finds_a_campaign_by_year_and_region(plan_campaign, tmp_path):
    output = tmp_path / "plan.md"

    call_command("export_plan", "2027/shili", format="md", output=str(output), stdout=StringIO())

    assert output.read_text(encoding="utf-8").startswith("# 2027年示例市知识产权宣传周活动方案")


@pytest.mark.parametrize("reference", ["999999", "2026/shili", "shili"])
def test_export_plan_command_refuses_an_unknown_campaign(db, reference, tmp_path):
    with pytest.raises(CommandError, match="找不到宣传周活动"):
        call_command("export_plan", reference, format="md", output=str(tmp_path / "x.md"))


def test_export_plan_command_refuses_an_unknown_format(campaign, tmp_path):
    with pytest.raises(CommandError, match="不支持的导出格式"):
        call_command("export_plan", str(campaign.pk), format="xls", output=str(tmp_path / "x.xls"))


def test_export_plan_command_reports_an_unwritable_path(campaign, tmp_path):
    with pytest.raises(CommandError, match="无法写入文件"):
        call_command("export_plan", str(campaign.pk), format="md", output=str(tmp_path / "missing" / "x.md"))


def test_console_command_accepts_hyphenated_command_names():
    assert command_argv(["ipweek", "export-plan", "2027/shili"]) == ["ipweek", "export_plan", "2027/shili"]
    assert command_argv(["ipweek", "help", "export-plan"]) == ["ipweek", "help", "export_plan"]
    assert command_argv(["ipweek", "--version"]) == ["ipweek", "--version"]


def test_export_plan_command_explains_a_machine_without_fonts(campaign, tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "has_any_font", lambda: False)

    with pytest.raises(CommandError, match="没有安装任何字体"):
        call_command("export_plan", str(campaign.pk), format="pdf", output=str(tmp_path / "x.pdf"))
