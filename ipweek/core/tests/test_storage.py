import pytest
from django.core.files.base import ContentFile

from ipweek.core.storage import move_files, private_storage


def test_private_storage_follows_the_private_root_setting(settings, tmp_path):
    settings.IPWEEK_PRIVATE_ROOT = tmp_path / "first"
    first = private_storage().save("reports/originals/a.jpg", ContentFile(b"one"))
    settings.IPWEEK_PRIVATE_ROOT = tmp_path / "second"

    second = private_storage().save("reports/originals/b.jpg", ContentFile(b"two"))

    assert (tmp_path / "first" / first).read_bytes() == b"one"
    assert (tmp_path / "second" / second).read_bytes() == b"two"
    assert not private_storage().exists(first)


def test_private_storage_gives_no_url():
    with pytest.raises(ValueError, match="view"):
        private_storage().url("reports/originals/a.jpg")


def test_move_files_keeps_relative_names_and_removes_empty_folders(tmp_path):
    source, target = tmp_path / "media" / "originals", tmp_path / "private" / "originals"
    (source / "2026" / "04").mkdir(parents=True)
    (source / "2026" / "04" / "a.jpg").write_bytes(b"a")
    (source / "b.png").write_bytes(b"b")

    result = move_files(source=source, target=target)

    assert (result.moved, result.already_there, result.conflicts) == (2, 0, [])
    assert (target / "2026" / "04" / "a.jpg").read_bytes() == b"a"
    assert (target / "b.png").read_bytes() == b"b"
    assert not source.exists()


def test_move_files_without_a_source_does_nothing(tmp_path):
    result = move_files(source=tmp_path / "missing", target=tmp_path / "target")

    assert (result.moved, result.already_there, result.conflicts) == (0, 0, [])
    assert not (tmp_path / "target").exists()
