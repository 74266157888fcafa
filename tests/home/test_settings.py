"""Settings invariants: transactions, SQLite pragmas and production's refusals."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.settings import base

ROOT = Path(__file__).resolve().parents[2]


def run_with_settings(module: str, *args: str, env: dict[str, str]):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "EMAIL_"))
    }
    clean_env |= {"DJANGO_SETTINGS_MODULE": module, **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_requests_are_not_wrapped_in_a_transaction():
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is False


@pytest.mark.django_db
def test_sqlite_uses_wal_immediate_transactions_and_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite pragmas apply to the embedded default only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


def test_embedded_default_file_database_runs_in_wal_mode(tmp_path):
    result = run_with_settings(
        "config.settings.dev",
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor();"
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        env={"DJANGO_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"


def test_sqlite_keeps_connections_open_and_other_databases_do_not_by_default(
    tmp_path,
):
    show = "from django.conf import settings as s; print(s.DATABASES['default']['CONN_MAX_AGE'])"
    sqlite = run_with_settings(
        "config.settings.dev",
        "shell",
        "-c",
        show,
        env={"DJANGO_VAR_DIR": str(tmp_path)},
    )
    postgres = run_with_settings(
        "config.settings.dev",
        "shell",
        "-c",
        show,
        env={
            "DJANGO_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://cpd@127.0.0.1:1/cpd",
        },
    )
    assert sqlite.returncode == 0, sqlite.stderr
    assert int(sqlite.stdout.strip().splitlines()[-1]) >= 60
    assert postgres.returncode == 0, postgres.stderr
    assert postgres.stdout.strip().splitlines()[-1] == "0"


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing, tmp_path):
    env = {
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "cpd.example.org",
        "DJANGO_VAR_DIR": str(tmp_path),
    }
    del env[missing]
    result = run_with_settings("config.settings.production", "check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_passes_the_deployment_checklist(tmp_path):
    result = run_with_settings(
        "config.settings.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SECRET_KEY": "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2,
            "DJANGO_ALLOWED_HOSTS": "cpd.example.org",
            "DJANGO_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_redis_url_switches_the_cache_to_redis(tmp_path):
    result = run_with_settings(
        "config.settings.dev",
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        env={"REDIS_URL": "redis://127.0.0.1:6399/0", "DJANGO_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("RedisCache")


def test_wagtail_tasks_run_inline_and_project_tasks_use_the_database_queue():
    assert base.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert base.TASKS["queue"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_a_bucket_name_moves_media_to_object_storage(tmp_path):
    result = run_with_settings(
        "config.settings.dev",
        "shell",
        "-c",
        "from django.core.files.storage import default_storage as s;"
        "print(type(s._wrapped if hasattr(s, '_wrapped') else s).__name__,"
        " s.bucket_name)",
        env={
            "AWS_STORAGE_BUCKET_NAME": "cpd-media",
            "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
            "DJANGO_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["S3Storage", "cpd-media"]


def test_static_and_media_on_a_cdn_are_allowed_by_the_content_security_policy(
    tmp_path,
):
    result = run_with_settings(
        "config.settings.dev",
        "shell",
        "-c",
        # A view that needs no database (this one has no tables): a debug 404 or
        # 500 page would carry django-csp's reduced header instead.
        "from django.test import Client;"
        "r = Client(HTTP_HOST='localhost').get('/csp-report/');"
        "print(r.status_code); print(r['Content-Security-Policy'])",
        env={
            "DJANGO_STATIC_URL": "https://static.example.net/cpd/",
            "AWS_STORAGE_BUCKET_NAME": "cpd-media",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.net",
            "DJANGO_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    status, policy = result.stdout.strip().splitlines()[-2:]
    assert status == "405", result.stdout
    directives = {
        name: sources for name, *sources in (part.split() for part in policy.split(";"))
    }
    assert directives["script-src"] == ["'self'", "https://static.example.net"]
    assert directives["style-src"] == ["'self'", "https://static.example.net"]
    assert "https://media.example.net" in directives["img-src"]
    assert "https://media.example.net" not in directives["script-src"]
