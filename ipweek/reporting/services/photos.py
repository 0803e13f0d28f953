"""Photos of a report: checked, their EXIF time and place read, and a clean copy made for publishing.

The original is kept as uploaded, under a random name, in private storage (``IPWEEK_PRIVATE_ROOT``,
outside ``MEDIA_ROOT``) for the office only: it may carry the place it was taken. What pages and the
portal show is ``published_image``: turned upright, no larger than ``IPWEEK_PHOTO_PUBLISHED_EDGE`` on
its long edge, re-encoded as JPEG with no EXIF at all.

An upload is refused unless Pillow reads it as JPEG, PNG or WebP, whatever its name says, and
it ends where the image ends: a picture with an archive or a script glued behind it (a polyglot)
is refused too, as is an image that would decode to more pixels than ``Image.MAX_IMAGE_PIXELS``.
"""

import datetime as dt
import math
import re
import uuid
import warnings
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ipweek.accounts.models import User
from ipweek.core.audit import record_audit
from ipweek.reporting.models import ActivityReport, Photo

OPEN_FORMATS = ["JPEG", "PNG", "WEBP"]
# Pillow reports a JPEG carrying extra pictures (phones' multi-picture format) as MPO.
EXTENSIONS = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp"}
MAX_PHOTOS_PER_REPORT = 30
CAPTION_MAX_LENGTH = 200  # Photo.caption
EDITABLE_STATUSES = frozenset({ActivityReport.Status.DRAFT, ActivityReport.Status.RETURNED})
CAMERA_TIME_ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
JPEG_QUALITY = 85
# Zero or 0xFF padding some encoders leave after the end of the image.
_PADDING = re.compile(rb"[\x00\xff]{0,64}")
_ZEROS = re.compile(rb"\x00{0,64}")
# Things that have no business inside a photo: markup and scripts a browser or server might run.
_SUSPICIOUS = re.compile(
    rb"<\?php|<script|<%@|<html|<svg|<iframe|This program cannot be run in DOS mode", re.IGNORECASE
)
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011
_DATETIME = 0x0132


@dataclass
class CheckedPhoto:
    """An upload that passed every check, with what was read from it."""

    data: bytes
    extension: str
    taken_at: dt.datetime | None
    latitude: Decimal | None
    longitude: Decimal | None
    published: bytes
    width: int
    height: int


def _refuse(message: str) -> ValidationError:
    return ValidationError({"image": message})


# --- where the image stops ---------------------------------------------------------------------


def _jpeg_end(data: bytes, start: int = 0) -> int | None:
    """Offset just after the EOI marker of the JPEG stream starting at ``start``; None if malformed."""
    if data[start : start + 2] != b"\xff\xd8":
        return None
    pos, size = start + 2, len(data)
    while pos < size:
        if data[pos] != 0xFF:
            return None
        while pos < size and data[pos] == 0xFF:
            pos += 1
        if pos >= size:
            return None
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            return pos
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        if pos + 2 > size:
            return None
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            return None
        pos += length
        if marker == 0xDA:
            # Entropy-coded data runs until a 0xFF that is not stuffing (FF00) or a restart marker.
            while True:
                pos = data.find(b"\xff", pos)
                if pos == -1 or pos + 1 >= size:
                    return None
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos += 1
                    continue
                break
    return None


def _jpeg_stream_end(data: bytes) -> int | None:
    """End of the last of one or more JPEG images in a row (phones append gain maps and depth maps)."""
    end = _jpeg_end(data)
    while end is not None:
        padding = _ZEROS.match(data, end)
        following = padding.end() if padding else end
        if data[following : following + 2] != b"\xff\xd8":
            return end
        next_end = _jpeg_end(data, following)
        if next_end is None:
            return end
        end = next_end
    return None


def _png_end(data: bytes) -> int | None:
    pos, size = 8, len(data)
    while pos + 8 <= size:
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        pos += 12 + length
        if kind == b"IEND":
            return pos if pos <= size else None
    return None


def _webp_end(data: bytes) -> int | None:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    length = int.from_bytes(data[4:8], "little")
    return 8 + length + (length & 1)


def _image_end(data: bytes, image_format: str) -> int | None:
    if image_format in {"JPEG", "MPO"}:
        return _jpeg_stream_end(data)
    if image_format == "PNG":
        return _png_end(data)
    return _webp_end(data)


def _has_trailing_data(data: bytes, image_format: str) -> bool:
    end = _image_end(data, image_format)
    if end is None or end > len(data):
        return True
    padding = _PADDING.match(data, end)
    return (padding.end() if padding else end) != len(data)


# --- EXIF ----------------------------------------------------------------------------------------


def _exif_text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    return str(value).strip("\x00 ") if value is not None else ""


def _taken_at(exif: Image.Exif) -> dt.datetime | None:
    details = exif.get_ifd(_EXIF_IFD)
    text = _exif_text(details.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME))
    try:
        naive = dt.datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = _exif_text(details.get(_OFFSET_TIME_ORIGINAL))
    zone: dt.tzinfo = CAMERA_TIME_ZONE
    match = re.fullmatch(r"([+-])(\d\d):(\d\d)", offset)
    if match:
        minutes = int(match[2]) * 60 + int(match[3])
        zone = dt.timezone(dt.timedelta(minutes=minutes if match[1] == "+" else -minutes))
    taken = naive.replace(tzinfo=zone)
    # Cameras with a flat clock battery say 1970 or 2000; a date in the future is just as wrong.
    if taken.year < 1990 or taken > timezone.now() + dt.timedelta(days=1):
        return None
    return taken


def _degrees(parts: Any, reference: Any, negative: str, limit: int) -> Decimal | None:
    try:
        degrees, minutes, seconds = (float(part) for part in parts)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if not math.isfinite(value) or abs(value) > limit:
        return None
    if _exif_text(reference).upper() == negative:
        value = -value
    try:
        return Decimal(value).quantize(Decimal("0.000001"))
    except InvalidOperation:
        return None


def _location(exif: Image.Exif) -> tuple[Decimal | None, Decimal | None]:
    gps = exif.get_ifd(_GPS_IFD)
    if not gps or 2 not in gps or 4 not in gps:
        return None, None
    latitude = _degrees(gps.get(2), gps.get(1), "S", 90)
    longitude = _degrees(gps.get(4), gps.get(3), "W", 180)
    if latitude is None or longitude is None:
        return None, None
    return latitude, longitude


# --- checking and converting ---------------------------------------------------------------------


def _open(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data), formats=OPEN_FORMATS)
    width, height = image.size
    if Image.MAX_IMAGE_PIXELS and width * height > Image.MAX_IMAGE_PIXELS:
        raise Image.DecompressionBombError("too many pixels")
    return image


def _published_copy(image: Image.Image) -> tuple[bytes, int, int]:
    """Upright, resized, flattened onto white, JPEG, and nothing carried over but the pixels."""
    edge = settings.IPWEEK_PHOTO_PUBLISHED_EDGE
    if image.format in {"JPEG", "MPO"}:
        image.draft("RGB", (edge, edge))  # decode at a reduced scale: much faster for large photos
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    if upright.mode in {"RGBA", "LA", "PA"} or (upright.mode == "P" and "transparency" in upright.info):
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
    else:
        flat = upright.convert("L" if upright.mode in {"1", "L", "I;16"} else "RGB")
    # A new image has an empty ``info``: no EXIF, XMP, comment or ICC profile can ride along.
    clean = Image.new(flat.mode, flat.size)
    clean.paste(flat)
    buffer = BytesIO()
    clean.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue(), clean.width, clean.height


def check_photo(upload: "UploadedFile[bytes]") -> CheckedPhoto:
    """Validate an upload and prepare its published copy, writing nothing; raise ``ValidationError`` on ``image``."""
    limit = settings.IPWEEK_PHOTO_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise _refuse(_("The photo is too large: at most %(size)d MB.") % {"size": limit // (1024 * 1024)})
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _refuse(_("The photo is too large: at most %(size)d MB.") % {"size": limit // (1024 * 1024)})
    if not data:
        raise _refuse(_("The file is empty."))
    not_an_image = _("This file is not a JPEG, PNG or WebP photo.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = _open(data)
            image_format = probe.format or ""
            probe.verify()
            image = _open(data)
            exif = image.getexif()
            taken_at = _taken_at(exif)
            latitude, longitude = _location(exif)
            published, width, height = _published_copy(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _refuse(_("The photo has too many pixels to process.")) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError) as error:
        # Pillow reports broken files through all of these.
        raise _refuse(not_an_image) from error
    if image_format not in EXTENSIONS:
        raise _refuse(not_an_image)
    if _has_trailing_data(data, image_format) or _SUSPICIOUS.search(data):
        raise _refuse(_("The file holds more than a photo; save it again as a plain JPEG, PNG or WebP."))
    return CheckedPhoto(
        data=data,
        extension=EXTENSIONS[image_format],
        taken_at=taken_at,
        latitude=latitude,
        longitude=longitude,
        published=published,
        width=width,
        height=height,
    )


def _random_name(extension: str) -> str:
    # Never the uploader's file name: it may say who or where, and it is not ours to trust.
    return f"{uuid.uuid4().hex}{extension}"


def _stored_files(photo: Photo) -> list[tuple[Storage, str]]:
    # The original is in private storage, the published copy in media storage.
    return [(file.storage, file.name) for file in (photo.image, photo.published_image) if file.name]


def add_photo(*, report: ActivityReport, upload: "UploadedFile[bytes]", caption: str, actor: User) -> Photo:
    """Check an uploaded photo and add it to a draft or returned report; writes an audit event.

    The original (with its EXIF) is stored under a random name; the published copy has no metadata.
    The place it was taken is kept on the row for the office, never shown to the public.
    """
    return store_photo(report=report, checked=check_photo(upload), caption=caption, actor=actor)


@transaction.atomic
def store_photo(*, report: ActivityReport, checked: CheckedPhoto, caption: str, actor: User) -> Photo:
    """Save a photo that :func:`check_photo` accepted (pages check every upload before saving any)."""
    if report.status not in EDITABLE_STATUSES:
        raise _refuse(_("Photos can only be added while the report is a draft or returned."))
    if report.photos.count() >= MAX_PHOTOS_PER_REPORT:
        raise _refuse(_("At most %(count)d photos per report.") % {"count": MAX_PHOTOS_PER_REPORT})
    caption = caption.strip()
    if len(caption) > CAPTION_MAX_LENGTH:
        raise ValidationError({"caption": _("The caption is too long.")})
    photo = Photo(
        report=report,
        caption=caption,
        taken_at=checked.taken_at,
        latitude=checked.latitude,
        longitude=checked.longitude,
        width=checked.width,
        height=checked.height,
    )
    photo.image.save(_random_name(checked.extension), ContentFile(checked.data), save=False)
    photo.published_image.save(_random_name(".jpg"), ContentFile(checked.published), save=False)
    stored = _stored_files(photo)
    try:
        photo.save()
        record_audit(
            actor=actor,
            action="photo.added",
            obj=photo,
            campaign_id=report.activity.campaign_id,
            report_id=report.pk,
            has_location=checked.latitude is not None,
        )
    except Exception:
        # The row is not saved: do not leave its files behind.
        for storage, name in stored:
            storage.delete(name)
        raise
    return photo


@transaction.atomic
def delete_photo(*, photo: Photo, actor: User) -> None:
    """Remove a photo of a draft or returned report, with both its files. Writes an audit event."""
    report = photo.report
    if report.status not in EDITABLE_STATUSES:
        raise _refuse(_("Photos can only be removed while the report is a draft or returned."))
    record_audit(
        actor=actor,
        action="photo.deleted",
        obj=photo,
        campaign_id=report.activity.campaign_id,
        report_id=report.pk,
        caption=photo.caption,
    )
    stored = _stored_files(photo)
    photo.delete()

    def delete_files() -> None:
        for storage, name in stored:
            storage.delete(name)

    # Files go only once the row is surely gone.
    transaction.on_commit(delete_files)
