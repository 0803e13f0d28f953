import datetime as dt
import os
import zoneinfo
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from ipweek.core.models import AuditEvent
from ipweek.reporting.models import ActivityReport, Photo
from ipweek.reporting.services.photos import add_photo, check_photo, delete_photo
from ipweek.reporting.tests.factories import ActivityReportFactory, exif_with_place, image_bytes, upload

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def report(activity_of_a, unit_a):
    return ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=ActivityReport.Kind.NEWS)


def stored_files(settings):
    """Every file the photo services wrote: published copies under MEDIA_ROOT, originals in private storage."""
    roots = [Path(settings.MEDIA_ROOT), Path(settings.IPWEEK_PRIVATE_ROOT)]
    return sorted(path.name for root in roots if root.exists() for path in root.rglob("*") if path.is_file())


def refused(report, actor, data, name="photo.jpg"):
    with pytest.raises(ValidationError) as caught:
        add_photo(report=report, upload=upload(data, name), caption="现场", actor=actor)
    return caught.value.message_dict


# --- accepted photos -----------------------------------------------------------------------------


def test_add_photo_reads_time_and_place_and_publishes_a_copy_without_exif(report, coordinator_li):
    data = image_bytes("JPEG", size=(120, 80), exif=exif_with_place())

    photo = add_photo(
        report=report, upload=upload(data, "张三的手机-IMG_0001.jpg"), caption="宣讲现场", actor=coordinator_li
    )

    photo.refresh_from_db()
    assert photo.taken_at == dt.datetime(2025, 4, 21, 9, 30, tzinfo=SHANGHAI)
    assert (photo.latitude, photo.longitude) == (Decimal("39.908333"), Decimal("116.383333"))
    assert photo.caption == "宣讲现场"
    with photo.published_image.open("rb") as published_file:
        published_bytes = published_file.read()
    published = Image.open(BytesIO(published_bytes))
    assert published.format == "JPEG"
    assert len(published.getexif()) == 0
    assert "exif" not in published.info
    assert b"Exif" not in published_bytes
    assert b"TestCam" not in published_bytes
    assert AuditEvent.objects.filter(action="photo.added", object_id=str(photo.pk)).exists()


def test_add_photo_keeps_the_original_under_a_random_name(report, coordinator_li):
    data = image_bytes("JPEG", exif=exif_with_place())

    photo = add_photo(report=report, upload=upload(data, "张三的手机-IMG_0001.jpg"), caption="", actor=coordinator_li)

    assert "IMG_0001" not in photo.image.name and "张三" not in photo.image.name
    assert photo.image.name.startswith("reports/originals/") and photo.image.name.endswith(".jpg")
    assert photo.published_image.name.startswith("reports/published/")
    with photo.image.open("rb") as original:
        assert original.read() == data


def test_add_photo_keeps_the_original_in_private_storage_outside_media(report, coordinator_li, settings):
    data = image_bytes("JPEG", exif=exif_with_place())

    photo = add_photo(report=report, upload=upload(data), caption="", actor=coordinator_li)

    assert (Path(settings.IPWEEK_PRIVATE_ROOT) / photo.image.name).read_bytes() == data
    assert not (Path(settings.MEDIA_ROOT) / photo.image.name).exists()
    assert (Path(settings.MEDIA_ROOT) / photo.published_image.name).is_file()
    assert not (Path(settings.IPWEEK_PRIVATE_ROOT) / photo.published_image.name).exists()


def test_add_photo_applies_the_orientation(report, coordinator_li):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    data = image_bytes("JPEG", size=(400, 200), exif=exif)

    photo = add_photo(report=report, upload=upload(data), caption="", actor=coordinator_li)

    published = Image.open(photo.published_image.path)
    assert published.size == (200, 400)
    assert (photo.width, photo.height) == (200, 400)


def test_add_photo_shrinks_to_the_published_edge(report, coordinator_li, settings):
    settings.IPWEEK_PHOTO_PUBLISHED_EDGE = 100

    photo = add_photo(
        report=report, upload=upload(image_bytes("JPEG", size=(600, 300))), caption="", actor=coordinator_li
    )

    assert Image.open(photo.published_image.path).size == (100, 50)


@pytest.mark.parametrize(
    ("image_format", "mode", "color", "extension"),
    [("PNG", "RGBA", (0, 128, 0, 128), ".png"), ("WEBP", "RGB", "blue", ".webp"), ("PNG", "L", 128, ".png")],
)
def test_add_photo_accepts_png_and_webp(report, coordinator_li, image_format, mode, color, extension):
    data = image_bytes(image_format, mode=mode, color=color, exif=exif_with_place())

    photo = add_photo(report=report, upload=upload(data, "x.bin"), caption="", actor=coordinator_li)

    assert photo.image.name.endswith(extension)
    assert photo.latitude == Decimal("39.908333")
    published = Image.open(photo.published_image.path)
    assert published.format == "JPEG"
    assert len(published.getexif()) == 0


def test_add_photo_reads_the_time_zone_offset_when_given(report, coordinator_li):
    exif = Image.Exif()
    exif[0x8769] = {0x9003: "2025:04:21 01:30:00", 0x9011: "+00:00"}

    photo = add_photo(report=report, upload=upload(image_bytes("JPEG", exif=exif)), caption="", actor=coordinator_li)

    assert photo.taken_at == dt.datetime(2025, 4, 21, 9, 30, tzinfo=SHANGHAI)


@pytest.mark.parametrize("taken", ["1970:01:01 00:00:00", "2099:01:01 00:00:00", "not a date"])
def test_add_photo_ignores_an_impossible_camera_clock(report, coordinator_li, taken):
    exif = Image.Exif()
    exif[0x8769] = {0x9003: taken}

    photo = add_photo(report=report, upload=upload(image_bytes("JPEG", exif=exif)), caption="", actor=coordinator_li)

    assert photo.taken_at is None
    assert photo.latitude is None


def test_add_photo_accepts_a_multi_picture_jpeg(report, coordinator_li):
    buffer = BytesIO()
    first, second = Image.new("RGB", (80, 60), "red"), Image.new("RGB", (40, 30), "blue")
    first.save(buffer, "MPO", save_all=True, append_images=[second], exif=exif_with_place())

    photo = add_photo(report=report, upload=upload(buffer.getvalue()), caption="", actor=coordinator_li)

    assert photo.image.name.endswith(".jpg")
    assert photo.latitude is not None
    assert Image.open(photo.published_image.path).size == (80, 60)


def test_add_photo_accepts_a_jpeg_followed_by_its_gain_map(report, coordinator_li):
    # Phones append a second JPEG (gain map, depth map) after the first one's end marker.
    data = image_bytes("JPEG", size=(80, 60)) + image_bytes("JPEG", size=(40, 30), color="gray")

    photo = add_photo(report=report, upload=upload(data), caption="", actor=coordinator_li)

    assert photo.pk is not None


# --- refused uploads -----------------------------------------------------------------------------


def test_add_photo_refuses_text(report, coordinator_li, settings):
    assert "image" in refused(report, coordinator_li, "这不是图片".encode() * 50, "notes.jpg")
    assert not Photo.objects.exists()
    assert stored_files(settings) == []


def test_add_photo_refuses_a_disguised_executable(report, coordinator_li, settings):
    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"This program cannot be run in DOS mode."

    assert "image" in refused(report, coordinator_li, executable + b"\x00" * 500, "活动照片.jpg")
    assert stored_files(settings) == []


def test_add_photo_refuses_a_gif(report, coordinator_li):
    assert "image" in refused(report, coordinator_li, image_bytes("GIF", mode="P", color=1), "photo.gif")


def test_add_photo_refuses_an_empty_file(report, coordinator_li):
    assert "image" in refused(report, coordinator_li, b"")


@pytest.mark.parametrize(
    "tail",
    [
        b"PK\x03\x04" + b"\x14\x00" * 20 + b"evil.php",  # a ZIP archive glued behind the picture
        b"<?php system($_GET['c']); ?>",
        b"\x00" * 200 + b"hidden",
    ],
)
def test_add_photo_refuses_a_polyglot(report, coordinator_li, tail):
    assert "image" in refused(report, coordinator_li, image_bytes("JPEG") + tail)


def test_add_photo_refuses_a_png_with_data_after_its_end(report, coordinator_li):
    assert "image" in refused(report, coordinator_li, image_bytes("PNG") + b"<html></html>", "x.png")


def test_add_photo_refuses_script_hidden_inside_the_image(report, coordinator_li):
    exif = Image.Exif()
    exif[0x010E] = "<script>alert(1)</script>"  # ImageDescription

    assert "image" in refused(report, coordinator_li, image_bytes("JPEG", exif=exif))


def test_add_photo_refuses_a_truncated_image(report, coordinator_li):
    data = image_bytes("JPEG", size=(200, 200), color=(10, 200, 30))

    assert "image" in refused(report, coordinator_li, data[: len(data) // 2])


def test_add_photo_refuses_a_file_over_the_size_limit(report, coordinator_li, settings):
    settings.IPWEEK_PHOTO_MAX_BYTES = 1000

    noise = Image.frombytes("RGB", (100, 100), os.urandom(30_000))
    buffer = BytesIO()
    noise.save(buffer, "PNG")

    assert "image" in refused(report, coordinator_li, buffer.getvalue())
    assert not Photo.objects.exists()


def test_add_photo_refuses_a_decompression_bomb(report, coordinator_li, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)

    assert "image" in refused(report, coordinator_li, image_bytes("PNG", size=(150, 100)))
    assert "image" in refused(report, coordinator_li, image_bytes("PNG", size=(300, 300)))


def test_add_photo_refuses_a_sent_report(activity_of_a, unit_a, coordinator_li):
    sent = ActivityReportFactory(activity=activity_of_a, unit=unit_a, status=ActivityReport.Status.SUBMITTED)

    assert "image" in refused(sent, coordinator_li, image_bytes("JPEG"))


def test_add_photo_refuses_a_long_caption(report, coordinator_li, settings):
    with pytest.raises(ValidationError) as caught:
        add_photo(report=report, upload=upload(image_bytes("JPEG")), caption="长" * 201, actor=coordinator_li)

    assert "caption" in caught.value.message_dict
    assert stored_files(settings) == []


def test_check_photo_writes_nothing(settings):
    checked = check_photo(upload(image_bytes("JPEG", exif=exif_with_place())))

    assert checked.extension == ".jpg"
    assert stored_files(settings) == []


# --- removing ------------------------------------------------------------------------------------


def test_delete_photo_removes_the_row_and_both_files(
    report, coordinator_li, settings, django_capture_on_commit_callbacks
):
    photo = add_photo(report=report, upload=upload(image_bytes("JPEG")), caption="", actor=coordinator_li)
    assert len(stored_files(settings)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        delete_photo(photo=photo, actor=coordinator_li)

    assert not Photo.objects.exists()
    assert stored_files(settings) == []
    assert AuditEvent.objects.filter(action="photo.deleted").exists()
