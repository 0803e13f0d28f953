"""``ipweek export-plan CAMPAIGN --format docx|pdf|md --output FILE``."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ipweek.campaigns.models import Campaign
from ipweek.documents.exporters import FORMATS, export_plan
from ipweek.documents.fonts import font_warnings
from ipweek.documents.render_pdf import NoFontsError


def find_campaign(reference: str) -> Campaign:
    """A campaign by id (``12``) or by ``<year>/<region-slug>`` (``2027/shili``)."""
    campaigns = Campaign.objects.select_related("region", "organiser")
    try:
        if reference.isdigit():
            return campaigns.get(pk=int(reference))
        year, _, slug = reference.strip("/").partition("/")
        if year.isdigit() and slug:
            return campaigns.get(year=int(year), region__slug=slug)
    except Campaign.DoesNotExist:
        pass
    raise CommandError(f"找不到宣传周活动“{reference}”：请填写活动编号，或“年份/地区标识”，如 2027/shili")


class Command(BaseCommand):
    help = "导出宣传周活动方案（DOCX、PDF 或 Markdown，GB/T 9704 公文格式）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("campaign", help="活动编号，或“年份/地区标识”，如 2027/shili")
        parser.add_argument("--format", default="docx", help="docx、pdf 或 md（默认 docx）")
        parser.add_argument("--output", help="输出文件；“-”表示标准输出；默认按年份和地区命名，存到当前目录")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = str(options["format"]).lower()
        if fmt not in FORMATS:
            raise CommandError(f"不支持的导出格式“{options['format']}”，可选：{'、'.join(FORMATS)}")
        campaign = find_campaign(str(options["campaign"]))
        try:
            content, _, filename = export_plan(campaign, fmt)
        except NoFontsError as error:
            raise CommandError(str(error)) from error
        for warning in font_warnings() if fmt in {"docx", "pdf"} else []:
            self.stderr.write(f"字体提示：{warning}")
        self._write(content, options.get("output") or filename)

    def _write(self, content: bytes, output: str) -> None:
        if output == "-":
            sys.stdout.buffer.write(content)
            return
        path = Path(output)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"无法写入文件 {path}：{error.strerror or error}") from error
        self.stdout.write(f"已导出：{path}（{len(content)} 字节）")
