"""Font roles of an official document, and which installed family plays each role.

GB/T 9704 names commercial fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体). Each role lists
candidate families in order of preference; the first one fontconfig knows wins. ``make fonts``
(scripts/fonts.sh) puts the free Fandol fonts into var/fonts/ and writes var/fonts/fonts.conf,
which also registers var/fonts/office/, where an office drops its licensed fonts.
"""

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

TITLE = "title"
BODY = "body"
HEADING1 = "heading1"
HEADING2 = "heading2"
PAGE_NUMBER = "page_number"

DEFAULT_ROLES: dict[str, list[str]] = {
    TITLE: ["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "小标宋", "Noto Serif CJK SC", "FandolSong"],
    BODY: ["仿宋_GB2312", "仿宋", "FangSong", "FandolFang", "Noto Serif CJK SC"],
    HEADING1: ["黑体", "SimHei", "FandolHei", "Noto Sans CJK SC"],
    HEADING2: ["楷体_GB2312", "楷体", "KaiTi", "FandolKai", "AR PL UKai CN", "Noto Serif CJK SC"],
    PAGE_NUMBER: ["宋体", "SimSun", "Noto Serif CJK SC", "FandolSong"],
}
ROLE_LABELS = {
    TITLE: "标题（小标宋）",
    BODY: "正文（仿宋）",
    HEADING1: "一级标题（黑体）",
    HEADING2: "二级标题（楷体）",
    PAGE_NUMBER: "页码（宋体）",
}
GENERIC_FAMILIES = {TITLE: "serif", BODY: "serif", HEADING1: "sans-serif", HEADING2: "serif", PAGE_NUMBER: "serif"}


@dataclass(frozen=True)
class ResolvedFont:
    """The family chosen for one role: ``wanted`` is the family GB/T 9704 names, ``used`` what we print with."""

    role: str
    wanted: str
    used: str
    fell_back: bool
    candidates: tuple[str, ...] = ()

    @property
    def is_generic(self) -> bool:
        """True when no candidate is installed and a generic CSS family stands in."""
        return self.used == GENERIC_FAMILIES.get(self.role)

    @property
    def docx_family(self) -> str:
        # A generic CSS family means nothing to Word; name the wanted font, which the office may have.
        return self.wanted if self.is_generic else self.used

    @property
    def css_stack(self) -> list[str]:
        """Used family first, then later installed candidates (per-glyph fallback), then the generic family."""
        installed = installed_families()
        later = self.candidates[self.candidates.index(self.used) + 1 :] if self.used in self.candidates else ()
        stack = [self.used, *(name for name in later if _key(name) in installed)]
        generic = GENERIC_FAMILIES.get(self.role, "serif")
        return stack if generic in stack else [*stack, generic]


def _key(family: str) -> str:
    # fontconfig compares family names ignoring case and spaces.
    return family.casefold().replace(" ", "")


def _fonts_dir() -> Path:
    return Path(settings.VAR_DIR) / "fonts"


def _unregistered_font_dirs(fonts_dir: Path, base: Path | None) -> list[Path]:
    # var/fonts/fonts.conf (from `make fonts`) registers the folders under var/fonts; others need a <dir>.
    dirs = [Path(entry) for entry in getattr(settings, "IPWEEK_FONT_DIRS", [])]
    existing = [directory for directory in dirs if directory.is_dir()]
    if base is None:
        return existing
    return [directory for directory in existing if not directory.resolve().is_relative_to(fonts_dir.resolve())]


def _wrapper_config(fonts_dir: Path, base: Path | None, extra_dirs: list[Path]) -> Path:
    include = base or Path("/etc/fonts/fonts.conf")
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<!-- Written by ipweek/documents/fonts.py for IPWEEK_FONT_DIRS outside var/fonts. -->",
        "<fontconfig>",
        f'  <include ignore_missing="yes">{include}</include>',
        *(f"  <dir>{directory.resolve()}</dir>" for directory in extra_dirs),
        "</fontconfig>",
    ]
    content = "\n".join(lines) + "\n"
    path = fonts_dir / "fonts-extra.conf"
    if not path.is_file() or path.read_text(encoding="utf-8") != content:
        fonts_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return path


@functools.cache
def configure_fontconfig() -> Path | None:
    """Point FONTCONFIG_FILE at var/fonts/fonts.conf (plus any extra IPWEEK_FONT_DIRS); runs once.

    Must run before WeasyPrint loads fontconfig. An explicit FONTCONFIG_FILE in the environment wins.
    """
    if os.environ.get("FONTCONFIG_FILE"):
        return Path(os.environ["FONTCONFIG_FILE"])
    fonts_dir = _fonts_dir()
    base = fonts_dir / "fonts.conf"
    base_or_none = base if base.is_file() else None
    extra_dirs = _unregistered_font_dirs(fonts_dir, base_or_none)
    config = _wrapper_config(fonts_dir, base_or_none, extra_dirs) if extra_dirs else base_or_none
    if config is not None:
        os.environ["FONTCONFIG_FILE"] = str(config)
    return config


@functools.cache
def installed_families() -> frozenset[str]:
    """Family names fontconfig knows (normalised), from one ``fc-list`` run; empty without fc-list."""
    configure_fontconfig()
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments, no user input
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    names = (name for line in result.stdout.splitlines() for name in line.split(","))
    return frozenset(_key(name) for name in names if name.strip())


def has_any_font() -> bool:
    """False only when fontconfig is there and knows no font at all (Pango would crash rendering a PDF)."""
    return shutil.which("fc-list") is None or bool(installed_families())


def role_candidates() -> dict[str, list[str]]:
    """Candidate families per role: the defaults, overridden role by role by settings.IPWEEK_FONT_ROLES."""
    overrides = getattr(settings, "IPWEEK_FONT_ROLES", None) or {}
    return {role: list(overrides.get(role) or defaults) for role, defaults in DEFAULT_ROLES.items()}


def resolve_role(role: str, candidates: list[str]) -> ResolvedFont:
    """The first installed candidate for ``role``, or the role's generic family when none is installed."""
    installed = installed_families()
    used = next((name for name in candidates if _key(name) in installed), GENERIC_FAMILIES.get(role, "serif"))
    wanted = candidates[0] if candidates else used
    return ResolvedFont(role=role, wanted=wanted, used=used, fell_back=used != wanted, candidates=tuple(candidates))


def resolve_roles() -> dict[str, ResolvedFont]:
    """Every font role resolved against the installed fonts."""
    return {role: resolve_role(role, candidates) for role, candidates in role_candidates().items()}


def font_warnings(resolved: dict[str, ResolvedFont] | None = None) -> list[str]:
    """Chinese sentences naming each role whose wanted font is missing, and what stands in for it."""
    resolved = resolve_roles() if resolved is None else resolved
    return [_warning(font) for font in resolved.values() if font.fell_back]


def _warning(font: ResolvedFont) -> str:
    label = ROLE_LABELS.get(font.role, font.role)
    if font.is_generic:
        return f"{label}字体未安装，也没有可用的替代字体，已改用通用字体 {font.used}"
    return f"{label}字体未安装，已改用 {font.used}"
