"""Bytes → text: plain text in any common Chinese encoding, DOCX, PDF, HTML, and .doc/.wps via LibreOffice.

Every failure is a PlanReadError with a Chinese message that says what to do.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from .docx_reader import docx_text
from .errors import PlanReadError

MAX_BYTES = 20 * 1024 * 1024
CONVERT_TIMEOUT = 60

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".text", ".csv"}
_CONVERTED_EXTENSIONS = {".doc", ".wps", ".rtf", ".odt", ".wpt", ".dot"}
_NO_LIBREOFFICE = (
    "读取 .doc/.wps 文件需要安装 LibreOffice（例如 apt-get install libreoffice-writer-nogui），或先另存为 .docx"
)


def read_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 (BOM optional), UTF-16/32 with BOM, else GB18030 (covers GBK and GB2312)."""
    _check_size(data)
    text = _decode(data)
    if _bad_share(text) > 0.05:
        raise PlanReadError("无法识别文件内容：这不是文本文件，或者编码无法识别（支持 UTF-8、GBK/GB18030、UTF-16）")
    if not text.strip():
        raise PlanReadError("文件是空的")
    return text


def _check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise PlanReadError(f"文件太大（{len(data) / 1024 / 1024:.1f} MB），最大 {MAX_BYTES // 1024 // 1024} MB")
    if not data:
        raise PlanReadError("文件是空的")


def _decode(data: bytes) -> str:
    if data.startswith(_UTF8_BOM):
        return data[len(_UTF8_BOM) :].decode("utf-8", errors="replace")
    if data.startswith(_UTF32_BOMS):
        return data.decode("utf-32", errors="replace")
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    zeros = data.count(0)
    if zeros:
        return _decode_with_zeros(data, zeros)
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return min(
        (data.decode(encoding, errors="replace") for encoding in ("utf-8", "gb18030")),
        key=lambda text: text.count("\ufffd"),
    )


def _decode_with_zeros(data: bytes, zeros: int) -> str:
    """UTF-16 without a BOM has a zero in every other byte of its ASCII; anything else with zeros is binary."""
    if zeros * 10 > len(data) * 3:
        odd = data[1::2].count(0)
        even = data[0::2].count(0)
        encoding = "utf-16-le" if odd > even * 4 else "utf-16-be" if even > odd * 4 else ""
        if encoding:
            return data.decode(encoding, errors="replace")
    if zeros > max(2, len(data) // 1000):
        raise PlanReadError("这不是文本文件（含有二进制内容）；请上传 .txt、.docx 或 .pdf 文件")
    return _decode(data.replace(b"\x00", b""))


def _bad_share(text: str) -> float:
    sample = text[:200_000]
    visible = sum(1 for char in sample if not char.isspace())
    if not visible:
        return 0.0
    bad = sum(1 for char in sample if _is_bad(char))
    return bad / visible


def _is_bad(char: str) -> bool:
    code = ord(char)
    return (
        code == 0xFFFD
        or (code < 32 and char not in "\t\n\r\f\v")
        or 0x7F <= code < 0xA0
        or 0xE000 <= code <= 0xF8FF
        or 0xD800 <= code <= 0xDFFF
    )


def extract_text(data: bytes, filename: str) -> str:
    """The text of a plan file, by its content first and its extension second."""
    _check_size(data)
    extension = Path(filename or "").suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        return _checked(docx_text(data))
    if data.lstrip()[:5] == b"%PDF-" or data.startswith(b"%PDF"):
        return _checked(pdf_text(data))
    if data.startswith(_OLE_MAGIC) or data.startswith(b"{\\rtf"):
        return _checked(converted_text(data, extension if extension in _CONVERTED_EXTENSIONS else ".doc"))
    if extension == ".docx":
        raise PlanReadError("文件扩展名是 .docx，但内容不是 Word 文档；文件可能已损坏")
    if extension == ".pdf":
        raise PlanReadError("文件扩展名是 .pdf，但内容不是 PDF；文件可能已损坏")
    text = read_text(data)
    if extension in (".html", ".htm") or _looks_like_html(text):
        return _checked(html_text(text))
    return text


def _checked(text: str) -> str:
    if not text.strip():
        raise PlanReadError("文件里没有文字")
    return text


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, page by page."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlanReadError("PDF 文件设置了密码，请先解除密码保护再导入")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PlanReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as error:
        raise PlanReadError(f"无法读取 PDF 文件（{type(error).__name__}）：文件可能已损坏") from error
    text = "\n".join(pages)
    if not text.strip():
        raise PlanReadError("PDF 里没有可读取的文字（可能是扫描件）；请先做文字识别，或提供 Word 文件")
    return text


def libreoffice_command() -> str | None:
    """Path of the LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def converted_text(data: bytes, extension: str) -> str:
    """Text of an old Word/WPS file, converted to .docx by LibreOffice in a temporary directory."""
    command = libreoffice_command()
    if command is None:
        raise PlanReadError(_NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="ipweek-plan-") as folder:
        source = Path(folder) / f"plan{extension}"
        source.write_bytes(data)
        arguments = [
            command,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
            "--convert-to",
            "docx",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            # A fixed argument list with our own temporary file name: nothing from the user reaches a shell.
            subprocess.run(  # noqa: S603
                arguments, capture_output=True, timeout=CONVERT_TIMEOUT, check=False, env={**os.environ, "HOME": folder}
            )
        except subprocess.TimeoutExpired as error:
            raise PlanReadError(f"LibreOffice 转换超时（{CONVERT_TIMEOUT} 秒）；请先另存为 .docx 再导入") from error
        except OSError as error:
            raise PlanReadError(f"无法启动 LibreOffice（{error.strerror}）；请先另存为 .docx 再导入") from error
        result = Path(folder) / "plan.docx"
        if not result.exists():
            raise PlanReadError("LibreOffice 无法转换这个文件；文件可能已损坏，请先另存为 .docx 再导入")
        return docx_text(result.read_bytes())


class _TextCollector(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article"}
    )
    _SKIPPED = frozenset({"script", "style", "head", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self.skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)
