from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ipweek.reporting.tests.factories import ActivityReportFactory, PhotoFactory


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT), Path(settings.IPWEEK_PRIVATE_ROOT)


@pytest.fixture
def old_photo(roots, activity_of_a, unit_a):
    """A photo saved before originals had private storage: its original sits under MEDIA_ROOT."""
    media, private = roots
    photo = PhotoFactory(report=ActivityReportFactory(activity=activity_of_a, unit=unit_a))
    old_place = media / photo.image.name
    old_place.parent.mkdir(parents=True, exist_ok=True)
    (private / photo.image.name).rename(old_place)
    return photo


def move(*args):
    out = StringIO()
    call_command("move_photo_originals", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def files_under(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_move_photo_originals_moves_them_under_the_same_name(roots, old_photo):
    media, private = roots
    content = (media / old_photo.image.name).read_bytes()

    output = move()

    assert "moved 1 file(s)" in output
    assert (private / old_photo.image.name).read_bytes() == content
    assert not (media / "reports" / "originals").exists()
    assert files_under(media) == [old_photo.published_image.name]


def test_move_photo_originals_lets_the_audited_view_serve_old_photos(client, admin_zhang, old_photo):
    url = reverse("reporting:photo_original", args=[old_photo.report.activity.campaign_id, old_photo.pk])
    client.force_login(admin_zhang)
    before = client.get(url)

    move()
    after = client.get(url)

    assert (before.status_code, after.status_code) == (404, 200)


def test_move_photo_originals_can_run_twice(roots, old_photo):
    move()

    output = move()

    assert "moved 0 file(s)" in output
    assert (roots[1] / old_photo.image.name).is_file()


def test_move_photo_originals_dry_run_moves_nothing(roots, old_photo):
    media, _private = roots

    output = move("--dry-run")

    assert "would move 1 file(s)" in output
    assert (media / old_photo.image.name).is_file()


def test_move_photo_originals_drops_a_copy_already_in_place(roots, old_photo):
    media, private = roots
    (private / old_photo.image.name).parent.mkdir(parents=True, exist_ok=True)
    (private / old_photo.image.name).write_bytes((media / old_photo.image.name).read_bytes())

    output = move()

    assert "moved 0 file(s)" in output and "1 already there" in output
    assert not (media / old_photo.image.name).exists()


def test_move_photo_originals_never_overwrites_a_different_file(roots, old_photo):
    media, private = roots
    (private / old_photo.image.name).parent.mkdir(parents=True, exist_ok=True)
    (private / old_photo.image.name).write_bytes(b"another file")

    with pytest.raises(CommandError, match="1 file"):
        move()

    assert (private / old_photo.image.name).read_bytes() == b"another file"
    assert (media / old_photo.image.name).is_file()


def test_move_photo_originals_names_photos_whose_original_is_missing(roots, old_photo):
    media, _private = roots
    (media / old_photo.image.name).unlink()

    output = move()

    assert "1 photo(s) have no original file in private storage." in output
