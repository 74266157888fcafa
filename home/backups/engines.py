"""Which database engine a connection uses, in the manifest's words."""

from django.db.backends.base.base import BaseDatabaseWrapper

from .archive import BackupError


def engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor in {"sqlite", "postgresql"}:
        return connection.vendor
    raise BackupError(
        f"Backups support SQLite and PostgreSQL, not {connection.vendor}."
    )
