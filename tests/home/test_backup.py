"""`manage.py backup` and `restore`: a consistent copy taken while another process
writes, restored intact; tampered archives and occupied databases refused."""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.forms_app.test_workers import database_url, is_postgresql

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 120

# Another process writing through the site's own settings, one committed row at
# a time, printing how many it has committed, until the stop file appears.
WRITER = """
import os
from pathlib import Path
from django.contrib.auth.models import Group
stop = Path(os.environ["WRITER_STOP_FILE"])
count = 0
while not stop.exists():
    count += 1
    Group.objects.create(name=f"writer-{count}")
    print(count, flush=True)
"""


def site_env(url: str, tmp_path: Path, media: Path) -> dict[str, str]:
    """The site's development settings on the given database and media folder."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_MEDIA_ROOT": str(media),
        "DATABASE_URL": url,
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
    }


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )


class Writer:
    """A process inserting rows; `committed` follows what it has reported."""

    def __init__(self, env: dict[str, str], stop_file: Path) -> None:
        self.stop_file = stop_file
        self.committed = 0
        self._changed = threading.Condition()
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "shell",
                "--no-imports",
                "-c",
                WRITER,
            ],
            env={**env, "WRITER_STOP_FILE": str(stop_file)},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if not line.strip().isdigit():
                continue
            with self._changed:
                self.committed = int(line)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, rows: int) -> int:
        """Block until the writer has committed `rows` rows; fail if it stops first."""
        with self._changed:
            assert self._changed.wait_for(
                lambda: self.committed >= rows or self.process.poll() is not None,
                timeout=WAIT_SECONDS,
            )
            assert self.committed >= rows, self.process.stderr.read()
            return self.committed

    def stop(self) -> None:
        self.stop_file.touch()
        self.process.wait(timeout=WAIT_SECONDS)
        self._reader.join(timeout=WAIT_SECONDS)
        assert self.process.returncode == 0, self.process.stderr.read()


@contextmanager
def fresh_database(url: str, tmp_path: Path) -> Iterator[str]:
    """An empty database beside the test's: a new SQLite file or PostgreSQL database."""
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'restored' / 'db.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def integrity_and_counts(url: str) -> tuple[str, dict[str, int], list[str]]:
    """Read the restored database directly: integrity, rows per table, writer rows."""
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%'"
                )
            ]
            counts = {
                t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608  # nosec B608 # table names from sqlite_master
                for t in tables
            }
            names = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM auth_group WHERE name LIKE 'writer-%'"
                )
            ]
        return integrity, counts, names
    parts = urlsplit(url)
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port,
        user=parts.username,
        password=parts.password,
        dbname=parts.path.lstrip("/"),
    ) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        counts = {
            t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608  # nosec B608 # table names from sqlite_master
            for t in tables
        }
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM auth_group WHERE name LIKE 'writer-%'"
            )
        ]
    return "ok", counts, names


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def make_media(folder: Path) -> dict[str, bytes]:
    (folder / "original_images").mkdir(parents=True)
    (folder / "documents").mkdir()
    (folder / "original_images" / "room.jpg").write_bytes(os.urandom(5000))
    (folder / "documents" / "timetable.pdf").write_bytes(b"%PDF-1.4 timetable\n")
    return files_under(folder)


def test_backup_while_another_process_writes_restores_an_intact_copy(tmp_path):
    url = database_url(tmp_path)
    groups = Group.objects.count()
    media = tmp_path / "media"
    media_files = make_media(media)
    env = site_env(url, tmp_path, media)
    archive = tmp_path / "copies" / "site.tar.gz"

    writer = Writer(env, tmp_path / "stop-writing")
    try:
        before = writer.wait_for(20)
        backup = manage("backup", "--output", str(archive), env=env)
        assert backup.returncode == 0, backup.stderr
        after = writer.committed
        # The writer was never blocked by the backup: it carries on past it.
        writer.wait_for(after + 20)
    finally:
        writer.stop()

    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    manifest = read_manifest(archive)
    in_copy = manifest["tables"]["auth_group"] - groups
    assert before <= in_copy <= after < writer.committed
    assert manifest["engine"] == connection.vendor
    assert manifest["media"]["files"] == len(media_files)
    assert manifest["migrations"]["home"]
    assert manifest["migrations"]["forms_app"]

    with fresh_database(url, tmp_path) as target:
        restored_media = tmp_path / "restored-media"
        restore = manage(
            "restore", str(archive), env=site_env(target, tmp_path, restored_media)
        )
        assert restore.returncode == 0, restore.stderr
        assert "integrity: ok" in restore.stdout.lower()
        assert f"auth_group: {manifest['tables']['auth_group']}" in restore.stdout

        integrity, counts, names = integrity_and_counts(target)

        # Restoring again over the restored copy needs --force, then replaces it.
        again = site_env(target, tmp_path, restored_media)
        refused = manage("restore", str(archive), env=again)
        assert refused.returncode != 0
        assert "--force" in refused.stderr
        forced = manage("restore", "--force", str(archive), env=again)
        assert forced.returncode == 0, forced.stderr
        assert integrity_and_counts(target)[1] == counts
    assert integrity == "ok"
    assert {t: n for t, n in counts.items() if t in manifest["tables"]} == manifest[
        "tables"
    ]
    # A consistent copy: every row committed before the snapshot, none after.
    assert sorted(names) == sorted(f"writer-{n}" for n in range(1, in_copy + 1))
    assert files_under(restored_media) == media_files


def tampered(archive: Path, member: str) -> Path:
    """A copy of the archive with one byte of one member changed."""
    copy = archive.with_name(f"tampered-{archive.name}")
    with tarfile.open(archive) as source, tarfile.open(copy, "w:gz") as target:
        for info in source.getmembers():
            data = source.extractfile(info).read() if info.isfile() else None
            if info.name == member:
                data = bytes([data[0] ^ 0xFF]) + data[1:]
            target.addfile(info, io.BytesIO(data) if data is not None else None)
    return copy


@pytest.mark.parametrize("member", ["database", "media/documents/timetable.pdf"])
def test_restore_refuses_a_tampered_archive(member, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_media(settings.MEDIA_ROOT)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    manifest = read_manifest(archive)
    if member == "database":
        member = manifest["database"]["file"]
    groups = Group.objects.count()
    Group.objects.create(name="made after the backup")

    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(tampered(archive, member)), force=True)

    assert Group.objects.count() == groups + 1
    assert (settings.MEDIA_ROOT / "documents" / "timetable.pdf").exists()
    assert not list(tmp_path.glob(".media-restore-*"))


def test_restore_refuses_an_archive_writing_outside_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    evil = tmp_path / "evil.tar.gz"
    payload = b"owned"
    with tarfile.open(archive) as source, tarfile.open(evil, "w:gz") as target:
        for info in source.getmembers():
            target.addfile(info, source.extractfile(info))
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = len(payload)
        target.addfile(info, io.BytesIO(payload))

    with pytest.raises(CommandError, match="unexpected"):
        call_command("restore", str(evil), force=True)
    assert not (tmp_path / "escaped.txt").exists()


def test_restore_refuses_a_database_with_tables_unless_forced(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    Group.objects.create(name="made after the backup")

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))

    assert Group.objects.filter(name="made after the backup").exists()


def test_media_in_object_storage_is_left_out_with_a_clear_message(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "cpd-media"},
        },
    }
    archive = tmp_path / "site.tar.gz"
    output = io.StringIO()
    call_command("backup", output=str(archive), stdout=output)

    assert "object storage" in output.getvalue()
    manifest = read_manifest(archive)
    assert manifest["media"]["included"] is False
    with tarfile.open(archive) as tar:
        assert not [n for n in tar.getnames() if n.startswith("media/")]


def test_default_archive_is_timestamped_under_var_backups(tmp_path, settings):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", stdout=io.StringIO())

    (archive,) = (tmp_path / "var" / "backups").glob("*.tar.gz")
    manifest = read_manifest(archive)
    stamp = manifest["created_at"][:10].replace("-", "")
    assert stamp in archive.name
    with tarfile.open(archive) as tar:
        database = tar.extractfile(manifest["database"]["file"]).read()
    assert hashlib.sha256(database).hexdigest() == manifest["database"]["sha256"]
    assert is_postgresql() or manifest["tables"]["django_migrations"] > 0


@pytest.mark.skipif(
    "postgres" in os.environ.get("DATABASE_URL", ""),
    reason="Replacing a database file is SQLite's path; PostgreSQL restores in place",
)
def test_forced_restore_waits_for_the_site_to_stop_then_replaces_the_file(tmp_path):
    url = database_url(tmp_path)
    media = tmp_path / "media"
    env = site_env(url, tmp_path, media)
    archive = tmp_path / "site.tar.gz"
    assert manage("backup", "--output", str(archive), env=env).returncode == 0
    path = url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("INSERT INTO auth_group (name) VALUES ('made after the backup')")

    # A process of the site still has the file open: nothing is replaced.
    site = sqlite3.connect(path)
    site.execute("SELECT count(*) FROM auth_group").fetchone()
    try:
        refused = manage("restore", "--force", str(archive), env=env)
    finally:
        site.close()
    assert refused.returncode != 0
    assert "Stop the site" in refused.stderr

    restored = manage("restore", "--force", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "Row counts match the archive" in restored.stdout
    integrity, counts, _ = integrity_and_counts(url)
    assert integrity == "ok"
    assert counts == read_manifest(archive)["tables"]
    assert not list(tmp_path.glob(".restore-*"))
