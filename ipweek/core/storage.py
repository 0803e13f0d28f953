"""Private file storage: files under ``IPWEEK_PRIVATE_ROOT``, outside ``MEDIA_ROOT`` and without URLs.

What a misconfigured front server could expose is ``MEDIA_ROOT``; files that must only leave
through a checked, audited view (photo originals with the place they were taken) live here
instead. The root is read from settings at every use, so a test or a deployment that moves
``IPWEEK_PRIVATE_ROOT`` is followed without restarting anything.
"""

import errno
import filecmp
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_root() -> Path:
    return Path(settings.IPWEEK_PRIVATE_ROOT)


class PrivateStorage(FileSystemStorage):
    """A ``FileSystemStorage`` rooted at ``IPWEEK_PRIVATE_ROOT``; its files have no public URL."""

    # FileSystemStorage caches these from MEDIA_ROOT; here they follow the private root instead.
    @property
    def base_location(self) -> str:
        return str(private_root())

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("A private file has no URL; serve it through a view that checks who asks.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of private files, for ``FileField(storage=private_storage)``.

    A callable keeps migrations free of the storage's details (Django records the function's path).
    """
    return _private_storage


@dataclass
class MovedFiles:
    """What :func:`move_files` did, counted; ``conflicts`` lists files left where they were."""

    moved: int = 0
    already_there: int = 0
    conflicts: list[str] = field(default_factory=list)


def move_files(*, source: Path, target: Path, dry_run: bool = False) -> MovedFiles:
    """Move every file under ``source`` to the same relative place under ``target``; safe to run twice.

    A file already at its target with the same content only loses its source copy. A different
    file at the target is never overwritten: both stay, and the name is listed in ``conflicts``.
    Folders left empty, ``source`` included, are removed.
    """
    result = MovedFiles()
    if not source.is_dir():
        return result
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(source)
        destination = target / relative
        if destination.exists():
            if destination.is_file() and filecmp.cmp(path, destination, shallow=False):
                result.already_there += 1
                if not dry_run:
                    path.unlink()
            else:
                result.conflicts.append(str(relative))
            continue
        result.moved += 1
        if not dry_run:
            _move_file(path, destination)
    if not dry_run:
        # Deepest first, so a folder whose sub-folders just went is empty in turn; ``source`` last.
        folders = sorted((p for p in source.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True)
        for folder in [*folders, source]:
            if not any(folder.iterdir()):
                folder.rmdir()
    return result


def _move_file(path: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(path, destination)  # same file system: instant, and never half done
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # Another file system: copy under a temporary name, so an interrupted run leaves no half file.
        partial = destination.with_name(f".{destination.name}.partial")
        shutil.copy2(path, partial)
        os.replace(partial, destination)
        path.unlink()
