"""Checking uploaded files by their content, not their name: a renamed executable is refused."""

import zipfile
from pathlib import PurePath
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _


def sniff_extension(head: bytes, stream: IO[bytes]) -> str | None:
    """The extension the content really has (pdf, png, jpg, docx, xlsx, zip), or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    return None


def check_upload(
    upload: UploadedFile, *, allowed: dict[str, str], max_bytes: int, field: str = "file", allowed_text: str = ""
) -> tuple[str, str]:
    """(extension, content type) of an acceptable upload, or a ValidationError on ``field``.

    ``allowed`` maps extensions to content types; ``allowed_text`` names them for the error message.
    """
    name = upload.name or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in allowed:
        raise ValidationError({field: allowed_text or _("This type of file is not accepted.")})
    size = upload.size or 0
    if size > max_bytes:
        raise ValidationError(
            {field: _("The file is too large: at most %(limit)d MB.") % {"limit": max_bytes // (1024 * 1024)}}
        )
    if size == 0 or upload.file is None:
        raise ValidationError({field: _("The file is empty.")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    sniffed = sniff_extension(head, upload.file)
    upload.seek(0)
    expected = "jpg" if extension == "jpeg" else extension
    if sniffed != expected:
        raise ValidationError({field: _("The file's content does not match its name (.%(ext)s).") % {"ext": extension}})
    return extension, allowed[extension]
