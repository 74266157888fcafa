"""The media folder: where it is, whether it is local, and a digest of its files."""

import hashlib
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.module_loading import import_string


def local_media_root() -> Path | None:
    """MEDIA_ROOT when uploads are stored on this machine; None for object storage."""
    backend = settings.STORAGES["default"]["BACKEND"]
    try:
        storage_class = import_string(backend)
    except ImportError:
        return None
    if not issubclass(storage_class, FileSystemStorage):
        return None
    location = settings.STORAGES["default"].get("OPTIONS", {}).get("location")
    return Path(location or settings.MEDIA_ROOT)


def storage_name() -> str:
    return settings.STORAGES["default"]["BACKEND"].rsplit(".", 1)[-1]


def media_files(root: Path) -> list[Path]:
    """Regular files under the media root, in a stable order; links are not followed."""
    if not root.is_dir():
        return []
    return sorted(
        path for path in root.rglob("*") if path.is_file() and not path.is_symlink()
    )


def media_digest(entries: Iterable[tuple[str, str]]) -> str:
    """One sha256 over every (relative path, file sha256), whatever their order."""
    lines = sorted(f"{sha}  {name}\n" for name, sha in entries)
    return hashlib.sha256("".join(lines).encode()).hexdigest()
