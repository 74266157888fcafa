"""Restore an archive: verify it, then swap the database and media in whole."""

import os
import secrets
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from . import postgresql, sqlite
from .archive import ArchiveError, BackupError, extract_verified, opened, read_manifest
from .engines import engine_of
from .manifest import Manifest
from .media import local_media_root, media_files


class TargetNotEmpty(BackupError):
    """The database or media folder has content a restore would replace."""


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    integrity: str
    counts: dict[str, int]
    media_files: int | None
    notes: list[str] = field(default_factory=list)

    @property
    def mismatches(self) -> dict[str, tuple[int, int | None]]:
        """Tables whose restored row count differs: (in the archive, restored)."""
        return {
            table: (expected, self.counts.get(table))
            for table, expected in self.manifest.tables.items()
            if self.counts.get(table) != expected
        }


def _refuse_unless_empty(
    connection: BaseDatabaseWrapper, media_root: Path | None
) -> None:
    tables = connection.introspection.table_names()
    files = len(media_files(media_root)) if media_root else 0
    if tables or files:
        raise TargetNotEmpty(
            f"The database has {len(tables)} tables and the media folder "
            f"{files} files; a restore replaces them. Stop the site and its task "
            "workers, then run the restore again with --force."
        )


def _swap_media(staged: Path, root: Path) -> None:
    """Put the restored folder where the media folder is, then drop the old one."""
    old = None
    mode = 0o755
    if root.exists():
        mode = root.stat().st_mode & 0o777
        old = root.with_name(f".{root.name}-replaced-{secrets.token_hex(4)}")
        os.replace(root, old)
    os.chmod(staged, mode)
    os.replace(staged, root)
    if old is not None:
        shutil.rmtree(old)


def _check_copy(path: Path, manifest: Manifest) -> None:
    """The staged SQLite copy must be intact and hold the manifest's rows."""
    result = sqlite.integrity(path)
    if result != "ok":
        raise ArchiveError("The archive's database fails SQLite's integrity check.")
    counts, _ = sqlite.describe(path)
    if counts != manifest.tables:
        raise ArchiveError("The archive's database does not hold the manifest's rows.")


def restore_backup(
    archive: Path, force: bool = False, using: str = "default"
) -> RestoreResult:
    """Verify the archive, then replace the database and media with its contents."""
    connection = connections[using]
    engine = engine_of(connection)
    media_root = local_media_root()
    notes: list[str] = []
    with ExitStack() as stack:
        tar = stack.enter_context(opened(Path(archive)))
        manifest = read_manifest(tar)
        if manifest.engine != engine:
            raise ArchiveError(
                f"The archive holds a {manifest.engine} database; this site uses "
                f"{engine}."
            )
        if not force:
            _refuse_unless_empty(connection, media_root)

        in_memory = engine == "sqlite" and connection.is_in_memory_db()
        live = None if in_memory else Path(connection.settings_dict["NAME"])
        if live is not None and engine == "sqlite":
            live.parent.mkdir(parents=True, exist_ok=True)
        database_dir = stack.enter_context(
            tempfile.TemporaryDirectory(
                dir=live.parent if live and engine == "sqlite" else None,
                prefix=".restore-",
            )
        )
        staged_database = Path(database_dir) / manifest.database_file
        staged_media = None
        if manifest.media.included and media_root is not None:
            media_root.parent.mkdir(parents=True, exist_ok=True)
            media_dir = stack.enter_context(
                tempfile.TemporaryDirectory(
                    dir=media_root.parent, prefix=f".{media_root.name}-restore-"
                )
            )
            staged_media = Path(media_dir) / "media"
            staged_media.mkdir()
        restored_files = extract_verified(tar, manifest, staged_database, staged_media)

        if engine == "sqlite":
            _check_copy(staged_database, manifest)
            if live is None:
                raise BackupError(
                    "This database is in memory: there is no file to restore into."
                )
            connection.close()
            sqlite.replace(live, staged_database)
            integrity = sqlite.integrity(live)
            counts, _ = sqlite.describe(live)
        else:
            postgresql.restore(connection, staged_database)
            integrity = "ok (pg_restore ran in one transaction)"
            counts = postgresql.current_counts(connection)

        if staged_media is not None:
            _swap_media(staged_media, media_root)
        elif not manifest.media.included:
            notes.append(
                "The archive holds no media files (" + manifest.media.note + "); "
                "the media folder was left as it is."
            )
        else:
            notes.append(
                "Media files in the archive were not restored: this site keeps "
                "media in object storage. Upload the archive's media/ folder there."
            )
    return RestoreResult(
        manifest=manifest,
        integrity=integrity,
        counts=counts,
        media_files=restored_files if staged_media is not None else None,
        notes=notes,
    )
