"""SQLite: a consistent copy through the online backup API, and an atomic swap back."""

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper

from .archive import BackupError


class DatabaseInUse(BackupError):
    """Another process has the SQLite file open, so it cannot be replaced."""


def snapshot(connection: BaseDatabaseWrapper, target: Path) -> None:
    """Copy the database as of one instant; writers in other processes carry on."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        # One step (pages=-1) reads under a single read transaction: a consistent
        # snapshot, committed WAL frames included; steps of a few pages would
        # restart each time another process commits.
        connection.connection.backup(copy, pages=-1)
        # The copy stands alone: no -wal file is needed to read it.
        copy.execute("PRAGMA journal_mode=DELETE")


def describe(path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Rows per table and the latest applied migration per app, read from a file."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {
            table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608  # nosec B608 # table names come from sqlite_master, quoted
            for table in tables
        }
        migrations: dict[str, str] = {}
        if "django_migrations" in counts:
            for app, name in db.execute(
                "SELECT app, name FROM django_migrations ORDER BY id"
            ):
                migrations[app] = name
    return counts, migrations


def integrity(path: Path) -> str:
    """SQLite's own check of every page and index: "ok" or what is wrong."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return "; ".join(row[0] for row in db.execute("PRAGMA integrity_check"))


def replace(live: Path, restored: Path) -> None:
    """Put the restored file in place of the live one in one rename."""
    if live.exists():
        # Leaving WAL mode needs the only connection: it fails while another
        # process has the file open, and folds any -wal file back in first.
        with closing(sqlite3.connect(live, timeout=2, isolation_level=None)) as db:
            try:
                mode = db.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            except sqlite3.OperationalError:
                mode = None
        if mode != "delete" or Path(f"{live}-wal").exists():
            raise DatabaseInUse(
                "Another process has the database open. Stop the site and its "
                "task workers, then restore again."
            )
        os.chmod(restored, live.stat().st_mode & 0o777)
    os.replace(restored, live)
    directory = os.open(live.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
