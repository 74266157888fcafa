"""PostgreSQL: pg_dump from one exported snapshot, pg_restore in one transaction."""

import os
import subprocess
from pathlib import Path

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from .archive import BackupError

# Connection settings reach the client tools through libpq's environment only,
# so the password never appears on a command line (visible to `ps`).
ENVIRONMENT = {
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",
    "NAME": "PGDATABASE",
}
OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def client_environment(settings: dict) -> dict[str, str]:
    """This process's environment with libpq variables from DATABASES only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for key, variable in ENVIRONMENT.items():
        if settings.get(key):
            env[variable] = str(settings[key])
    for key, variable in OPTIONS.items():
        if settings.get("OPTIONS", {}).get(key):
            env[variable] = str(settings["OPTIONS"][key])
    return env


def _run(tool: str, arguments: list[str], settings: dict) -> None:
    try:
        result = subprocess.run(  # noqa: S603
            [tool, *arguments],
            env=client_environment(settings),
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{tool} is not installed; install the PostgreSQL client tools."
        ) from error
    if result.returncode != 0:
        # Its messages may quote rows, so they are not repeated here.
        raise BackupError(
            f"{tool} failed with exit status {result.returncode}; run it by hand "
            "with the same PG* settings to see its messages."
        )


def counts_and_migrations(
    connection: BaseDatabaseWrapper, cursor: CursorWrapper
) -> tuple[dict[str, int], dict[str, str]]:
    """Rows per table and the latest applied migration per app, as the cursor sees them."""
    tables = sorted(connection.introspection.table_names(cursor))
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608 # table names come from the database itself, quoted
        counts[table] = cursor.fetchone()[0]
    migrations: dict[str, str] = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        for app, name in cursor.fetchall():
            migrations[app] = name
    return counts, migrations


def dump(
    connection: BaseDatabaseWrapper, target: Path
) -> tuple[dict[str, int], dict[str, str]]:
    """Dump the database and count its rows, both from the same snapshot."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot run inside a transaction.")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        _run(
            "pg_dump",
            ["--format=custom", f"--snapshot={snapshot_id}", f"--file={target}"],
            connection.settings_dict,
        )
        return counts_and_migrations(connection, cursor)


def restore(connection: BaseDatabaseWrapper, dump_file: Path) -> None:
    """Replace the objects the dump holds, all or nothing."""
    connection.close()
    _run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump_file),
        ],
        connection.settings_dict,
    )


def current_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    with connection.cursor() as cursor:
        return counts_and_migrations(connection, cursor)[0]
