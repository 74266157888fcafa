#!/usr/bin/env python
"""Acceptance probe: serve the site with production settings on loopback and attack it.

    .venv/bin/python scripts/security_probe.py

Starts gunicorn on 127.0.0.1 with `config.settings.production` (DEBUG off, a
random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SQLite in a temporary folder), runs
each check in CHECKS and prints one PASS or FAIL line per check; exits 1 if any
failed. To add a check, write a function taking the running `Site` and
returning a `Result`, and append it to CHECKS.

Two departures from a real deployment, both so it runs on a laptop: plain HTTP
(no TLS, so SECURE_SSL_REDIRECT is off) and static files served from the apps
rather than collected.
"""

import base64
import hmac
import http.client
import json
import os
import secrets
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
START_SECONDS = 120
ADMIN_USER = "probe-admin"
LOCKOUT_USER = "probe-lockout"
VERIFY_PATH = "/admin/two-factor/verify/"

SETTINGS = '''\
"""Production settings, with static files served from the apps (no collectstatic)."""
from config.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
'''


@dataclass(frozen=True)
class Result:
    passed: bool
    detail: str


@dataclass
class Site:
    """The running site: its address, environment and a cookie-keeping client."""

    port: int
    env: dict[str, str]
    folder: Path
    admin_password: str
    totp_key: str = ""
    last_step: int = 0
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        """One request, keeping cookies even when marked Secure (this is plain HTTP)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, dict(response.headers), data
        finally:
            connection.close()

    def manage(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
            [sys.executable, str(ROOT / "manage.py"), *args],
            env={**self.env, **env},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, dict, bytes]:
        """GET a form for its CSRF cookie, then POST these fields to it."""
        self.request("GET", path)
        form = urlencode(
            {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        ).encode()
        return self.request(
            "POST", path, form, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def log_in_with_password(
        self, username: str = ADMIN_USER, password: str = ""
    ) -> int:
        status, _, _ = self.post_form(
            "/admin/login/",
            {"username": username, "password": password or self.admin_password},
        )
        return status

    def log_in(self) -> bool:
        """Log in to the Wagtail admin as the probe's superuser, second factor included."""
        if self.log_in_with_password() != 302 or "sessionid" not in self.cookies:
            return False
        status, _, _ = self.post_form(VERIFY_PATH, {"code": self.next_code()})
        return status == 302

    def next_code(self) -> str:
        """The app's code, never one already used: a code works once per 30 seconds,
        so a second sign-in in the same step takes the next step's, which the
        device accepts within its one-step tolerance."""
        self.last_step = max(int(time.time() // 30), self.last_step + 1)
        return totp(self.totp_key, at=self.last_step * 30)


def totp(hex_key: str, at: float | None = None) -> str:
    """The six-digit RFC 6238 code for a key (30-second steps, SHA-1), as apps show it."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(
        bytes.fromhex(hex_key), struct.pack(">Q", counter), "sha1"
    ).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


class _Inputs(HTMLParser):
    """The name and value of every <input> on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name"):
            self.values[attributes["name"]] = attributes.get("value") or ""


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]):
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, data) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: image/png\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def png_bomb(width: int, height: int) -> bytes:
    """A PNG a few hundred bytes long that claims width x height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    # A little of the (all-zero) image data is enough to look like a real file.
    data = zlib.compress(b"\0" * (width + 1) * 4, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


# --- Checks -------------------------------------------------------------------


def forged_webhook_refused(site: Site) -> Result:
    """A delivery-tracking webhook with the wrong shared secret is refused."""
    event = json.dumps(
        {"RecordType": "Bounce", "MessageID": "probe", "Metadata": {"delivery_id": "1"}}
    ).encode()

    def post(credentials: str) -> int:
        token = base64.b64encode(credentials.encode()).decode()
        status, _, _ = site.request(
            "POST",
            "/anymail/postmark/tracking/",
            event,
            {"Content-Type": "application/json", "Authorization": f"Basic {token}"},
        )
        return status

    forged = post("anymail:not-the-secret")
    # The same event with the real secret is accepted: the refusal is the secret's.
    genuine = post(site.env["ANYMAIL_WEBHOOK_SECRET"])
    return Result(
        forged in {400, 403} and genuine == 200,
        f"forged secret answered {forged}, the real one {genuine}",
    )


def image_bomb_rejected(site: Site) -> Result:
    """An image claiming 400 million pixels is refused, not decoded."""
    if not site.log_in():
        return Result(False, "could not log in to the admin to upload")
    before = image_count(site)
    status, _, page = site.request("GET", "/admin/images/add/")
    inputs = _Inputs()
    inputs.feed(page.decode(errors="replace"))
    fields = {
        "csrfmiddlewaretoken": inputs.values.get("csrfmiddlewaretoken", ""),
        "title": "probe bomb",
    }
    body, content_type = multipart(
        fields, {"file": ("bomb.png", png_bomb(20_000, 20_000))}
    )
    status, _, page = site.request(
        "POST", "/admin/images/add/", body, {"Content-Type": content_type}
    )
    text = page.decode(errors="replace")
    reasons = [r for r in ("too many pixels", "not a valid image") if r in text]
    refused = status in {200, 400, 413} and bool(reasons)
    after = image_count(site)
    return Result(
        refused and before is not None and after == before,
        f"upload answered {status} ({', '.join(reasons) or 'no refusal shown'}), "
        f"images stored before and after: {before}, {after}",
    )


def image_count(site: Site) -> int | None:
    counted = site.manage(
        "shell",
        "--no-imports",
        "-c",
        "from wagtail.images.models import Image; print(Image.objects.count())",
    ).stdout.strip()
    return int(counted) if counted.isdigit() else None


def backup_restores_equal_counts(site: Site) -> Result:
    """A backup taken while the site serves restores with every table's rows."""
    archive = site.folder / "probe-backup.tar.gz"
    backup = site.manage("backup", "--output", str(archive))
    if backup.returncode != 0:
        return Result(False, f"backup failed: {backup.stderr.strip()[-200:]}")
    restored = site.folder / "restored"
    restore = site.manage(
        "restore",
        str(archive),
        DJANGO_VAR_DIR=str(restored),
        DJANGO_MEDIA_ROOT=str(restored / "media"),
    )
    matched = restore.returncode == 0 and "Row counts match the archive" in (
        restore.stdout
    )
    integrity = next(
        (line for line in restore.stdout.splitlines() if line.startswith("Integrity")),
        "no integrity line",
    )
    return Result(matched, f"restore exit {restore.returncode}; {integrity}")


def admin_needs_second_factor(site: Site) -> Result:
    """The right password alone reaches no admin page; the app's code then does."""
    site.cookies.clear()
    if site.log_in_with_password() != 302:
        return Result(False, "the password was not accepted")
    blocked = {}
    for path in ("/admin/", "/admin/pages/", "/admin/images/", "/admin/users/"):
        status, headers, _ = site.request("GET", path)
        blocked[path] = status in {302, 403} and (
            status == 403 or "/two-factor/" in headers.get("Location", "")
        )
    status, _, _ = site.post_form(VERIFY_PATH, {"code": site.next_code()})
    after, _, _ = site.request("GET", "/admin/")
    passed = all(blocked.values()) and status == 302 and after == 200
    return Result(
        passed,
        f"without a second factor {sum(blocked.values())} of {len(blocked)} admin "
        f"pages refused; with the code: verify {status}, dashboard {after}",
    )


def lockout_after_failures(site: Site) -> Result:
    """Five wrong passwords lock the username out, even for the right password."""
    site.cookies.clear()
    wrong = [
        site.log_in_with_password(LOCKOUT_USER, "not-the-password") for _ in range(5)
    ]
    status, headers, page = site.post_form(
        "/admin/login/", {"username": LOCKOUT_USER, "password": site.admin_password}
    )
    text = page.decode(errors="replace")
    locked = status == 429 and "Retry-After" in headers and "try again" in text.lower()
    return Result(
        locked and "sessionid" not in site.cookies,
        f"wrong passwords answered {sorted(set(wrong))}; the right one then answered "
        f"{status} with Retry-After {headers.get('Retry-After', 'missing')}",
    )


def headers_on_every_public_page(site: Site) -> Result:
    """Every live page (both languages), the 404 and the admin login carry the headers."""
    listed = site.manage(
        "shell",
        "--no-imports",
        "-c",
        "from wagtail.models import Page\n"
        "for p in Page.objects.live().filter(depth__gt=1):\n"
        "    print(p.get_url_parts()[2])",
    )
    paths = sorted({line for line in listed.stdout.split() if line.startswith("/")})
    paths += ["/no-such-page/", "/admin/login/"]
    problems = []
    for path in paths:
        status, headers, _ = site.request("GET", path)
        policy = headers.get("Content-Security-Policy", "")
        public = not path.startswith("/admin/")
        wanted = {
            "Content-Security-Policy": bool(policy),
            "no unsafe-inline": not public or "unsafe-inline" not in policy,
            "Permissions-Policy": "Permissions-Policy" in headers,
            "nosniff": headers.get("X-Content-Type-Options") == "nosniff",
            "Referrer-Policy": "Referrer-Policy" in headers,
        }
        missing = [name for name, ok in wanted.items() if not ok]
        if missing or status >= 500:
            problems.append(f"{path} ({status}): {', '.join(missing) or 'error'}")
    return Result(
        bool(paths) and not problems,
        f"{len(paths)} paths checked"
        + (f"; problems: {'; '.join(problems[:5])}" if problems else ""),
    )


CHECKS: list[Callable[[Site], Result]] = [
    admin_needs_second_factor,
    lockout_after_failures,
    headers_on_every_public_page,
    forged_webhook_refused,
    image_bomb_rejected,
    backup_restores_equal_counts,
]


# --- Running the site ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(site: Site, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited while starting")
        try:
            site.request("GET", "/admin/login/")
            return
        except OSError:
            time.sleep(0.2)  # a script waiting for a server, not a test
    raise RuntimeError(f"the site did not answer within {START_SECONDS} s")


def prepared_site(folder: Path) -> Site:
    (folder / "probe_settings.py").write_text(SETTINGS)
    password = secrets.token_urlsafe(18)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "AWS_", "EMAIL_", "PG"))
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "probe_settings",
        "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT), str(ROOT / "site")]),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_VAR_DIR": str(folder / "var"),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "ANYMAIL_WEBHOOK_SECRET": f"anymail:{secrets.token_urlsafe(24)}",
        "EMAIL_PROVIDER": "console",
    }
    site = Site(port=free_port(), env=env, folder=folder, admin_password=password)
    for step in (
        ["migrate", "--no-input"],
        ["load_demo_content"],
        ["createsuperuser", "--no-input", "--username", ADMIN_USER, "--email", ""],
        ["createsuperuser", "--no-input", "--username", LOCKOUT_USER, "--email", ""],
    ):
        result = site.manage(*step, DJANGO_SUPERUSER_PASSWORD=password)
        if result.returncode != 0:
            raise RuntimeError(f"{step[0]} failed: {result.stderr.strip()[-300:]}")
    # The probe's own authenticator app: a confirmed TOTP device whose key it keeps.
    device = site.manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        f"user = get_user_model().objects.get(username={ADMIN_USER!r})\n"
        "print(TOTPDevice.objects.create(user=user, name='probe', confirmed=True).key)",
    )
    site.totp_key = device.stdout.strip().splitlines()[-1]
    return site


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="cpd-probe-") as tmp:
        site = prepared_site(Path(tmp))
        server = subprocess.Popen(  # noqa: S603 (the venv's gunicorn)
            [
                str(VENV_BIN / "gunicorn"),
                "--bind",
                f"127.0.0.1:{site.port}",
                "--workers",
                "2",
                "config.wsgi",
            ],
            env=site.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=(Path(tmp) / "gunicorn.log").open("w"),
        )
        try:
            wait_until_up(site, server)
            failures = 0
            for check in CHECKS:
                try:
                    result = check(site)
                except Exception as error:  # a crashed check is a failed check
                    result = Result(False, f"{type(error).__name__}: {error}")
                failures += not result.passed
                verdict = "PASS" if result.passed else "FAIL"
                print(f"{verdict} {check.__name__}: {result.detail}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(f"{len(CHECKS) - failures} of {len(CHECKS)} checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
