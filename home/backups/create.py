"""Take a backup: a consistent database copy and the media files, in one archive."""

import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from . import postgresql, sqlite
from .archive import MANIFEST, MEDIA, add_bytes, add_file, writing
from .engines import engine_of
from .manifest import ENGINES, Manifest, Media
from .media import local_media_root, media_digest, media_files, storage_name


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest


def default_archive_path(now: datetime) -> Path:
    """var/backups/cpd-<UTC timestamp>.tar.gz"""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.VAR_DIR) / "backups" / f"cpd-{stamp}.tar.gz"


def _add_media(tar: tarfile.TarFile, root: Path) -> Media:
    entries = []
    for path in media_files(root):
        relative = path.relative_to(root).as_posix()
        try:
            entries.append((relative, add_file(tar, path, f"{MEDIA}/{relative}")))
        except FileNotFoundError:
            continue  # deleted while the backup ran; its row may be gone too
    return Media(included=True, files=len(entries), sha256=media_digest(entries))


def object_storage_note() -> str:
    return (
        f"Media is in object storage ({storage_name()}), so it is not in this "
        "archive: keep it with the bucket's own versioning or replication."
    )


def create_backup(output: Path | None = None, using: str = "default") -> BackupResult:
    """Write the archive (to `output`, or a timestamped file under var/backups/)."""
    connection = connections[using]
    engine = engine_of(connection)
    now = timezone.now()
    path = Path(output) if output else default_archive_path(now)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    database_file = ENGINES[engine]
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as staging:
        copy = Path(staging) / database_file
        if engine == "sqlite":
            sqlite.snapshot(connection, copy)
            tables, migrations = sqlite.describe(copy)
        else:
            tables, migrations = postgresql.dump(connection, copy)
        with writing(path) as tar:
            database_sha256 = add_file(tar, copy, database_file)
            root = local_media_root()
            if root is None:
                media = Media(included=False, note=object_storage_note())
            else:
                media = _add_media(tar, root)
            manifest = Manifest(
                created_at=now.astimezone(UTC).isoformat(),
                engine=engine,
                database_file=database_file,
                database_sha256=database_sha256,
                migrations=migrations,
                tables=tables,
                media=media,
            )
            add_bytes(tar, manifest.to_json(), MANIFEST)
    return BackupResult(path=path, manifest=manifest)
