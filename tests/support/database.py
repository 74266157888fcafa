"""Swap every row of the test database for a snapshot, as serialized rollback does."""

from django.core.management import call_command
from django.db import connection


def flush_database() -> None:
    """Empty every table, as Django does after a transactional test."""
    # No post_migrate, and sequences keep counting so restored ids never collide.
    call_command(
        "flush",
        interactive=False,
        inhibit_post_migrate=True,
        reset_sequences=False,
        verbosity=0,
    )


def snapshot() -> str:
    """Every row in the test database, as Django's serialized rollback keeps them."""
    return connection.creation.serialize_db_to_string()


def restore(rows: str) -> None:
    """Replace every row in the test database with those of a snapshot."""
    flush_database()
    connection.creation.deserialize_db_from_string(rows)
