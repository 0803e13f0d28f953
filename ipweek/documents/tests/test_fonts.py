import os
from io import BytesIO

import docx
import pytest
from django.test import override_settings
from docx.oxml.ns import qn

from ipweek.documents import fonts
from ipweek.documents.exporters import export_plan

MISSING_ROLES = {role: [f"不存在的字体{role}"] for role in fonts.DEFAULT_ROLES}


@pytest.fixture
def fresh_font_cache():
    fonts.installed_families.cache_clear()
    yield
    fonts.installed_families.cache_clear()


def test_resolve_role_takes_the_first_installed_candidate(monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"fandolfang", "notoserifcjksc"}))

    resolved = fonts.resolve_role(fonts.BODY, ["仿宋_GB2312", "FandolFang", "Noto Serif CJK SC"])

    assert (resolved.wanted, resolved.used, resolved.fell_back) == ("仿宋_GB2312", "FandolFang", True)
    assert resolved.css_stack == ["FandolFang", "Noto Serif CJK SC", "serif"]
    assert resolved.docx_family == "FandolFang"


def test_office_font_wins_and_raises_no_warning(monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"仿宋_gb2312", "fandolfang"}))

    resolved = fonts.resolve_role(fonts.BODY, fonts.DEFAULT_ROLES[fonts.BODY])

    assert (resolved.used, resolved.fell_back) == ("仿宋_GB2312", False)
    assert fonts.font_warnings({fonts.BODY: resolved}) == []


def test_font_warning_names_the_role_and_its_substitute(monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"notoserifcjksc"}))

    warnings = fonts.font_warnings({fonts.BODY: fonts.resolve_role(fonts.BODY, fonts.DEFAULT_ROLES[fonts.BODY])})

    assert warnings == ["正文（仿宋）字体未安装，已改用 Noto Serif CJK SC"]


def test_font_roles_setting_overrides_one_role_and_keeps_the_others():
    with override_settings(IPWEEK_FONT_ROLES={fonts.BODY: ["某单位仿宋"]}):
        candidates = fonts.role_candidates()

    assert candidates[fonts.BODY] == ["某单位仿宋"]
    assert candidates[fonts.TITLE] == fonts.DEFAULT_ROLES[fonts.TITLE]


def test_installed_families_is_empty_without_fc_list(monkeypatch, fresh_font_cache):
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)

    assert fonts.installed_families() == frozenset()


@override_settings(IPWEEK_FONT_ROLES=MISSING_ROLES)
def test_export_works_with_no_font_installed_and_says_which_role_fell_back(plan_campaign):
    resolved = fonts.resolve_roles()

    docx_bytes, _, _ = export_plan(plan_campaign, "docx")
    pdf_bytes, _, _ = export_plan(plan_campaign, "pdf")

    body_style = docx.Document(BytesIO(docx_bytes)).styles["IPW Body"]
    assert resolved[fonts.BODY].is_generic
    assert pdf_bytes.startswith(b"%PDF")
    assert body_style.element.rPr.rFonts.get(qn("w:eastAsia")) == "不存在的字体body"
    assert "正文（仿宋）字体未安装，也没有可用的替代字体，已改用通用字体 serif" in fonts.font_warnings()


def test_configure_fontconfig_points_at_var_fonts(monkeypatch, tmp_path):
    (tmp_path / "fonts" / "office").mkdir(parents=True)
    (tmp_path / "fonts" / "fonts.conf").write_text("<fontconfig/>", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", "")

    with override_settings(VAR_DIR=tmp_path, IPWEEK_FONT_DIRS=[tmp_path / "fonts" / "office"]):
        config = fonts.configure_fontconfig.__wrapped__()

    assert config == tmp_path / "fonts" / "fonts.conf"
    assert os.environ["FONTCONFIG_FILE"] == str(config)


def test_configure_fontconfig_adds_font_dirs_outside_var_fonts(monkeypatch, tmp_path):
    licensed = tmp_path / "licensed"
    licensed.mkdir()
    monkeypatch.setenv("FONTCONFIG_FILE", "")

    with override_settings(VAR_DIR=tmp_path / "var", IPWEEK_FONT_DIRS=[licensed]):
        config = fonts.configure_fontconfig.__wrapped__()

    content = config.read_text(encoding="utf-8")
    assert f"<dir>{licensed}</dir>" in content
    assert "/etc/fonts/fonts.conf" in content


def test_configure_fontconfig_registers_the_office_folder_before_make_fonts_ran(monkeypatch, tmp_path):
    office = tmp_path / "fonts" / "office"
    office.mkdir(parents=True)
    monkeypatch.setenv("FONTCONFIG_FILE", "")

    with override_settings(VAR_DIR=tmp_path, IPWEEK_FONT_DIRS=[office]):
        config = fonts.configure_fontconfig.__wrapped__()

    assert f"<dir>{office}</dir>" in config.read_text(encoding="utf-8")
