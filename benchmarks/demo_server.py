"""The demo site served as production serves it, on loopback, for the benchmark scripts.

`pages.py`, `scale_out.py` and `lighthouse.py` build the demo in a temporary folder
with production settings (`production_env`, `build_demo`), serve it with gunicorn
on a free 127.0.0.1 port (`gunicorn`), maybe with a task worker (`task_worker`),
and stop whatever they started on exit, on errors and on Ctrl-C (`started`);
`render_cost.py` takes the same settings (`production_settings`) in-process.
"""

import os
import re
import secrets
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.stub_servers import free_port, wait_until_up  # noqa: E402

PYTHON = ROOT / ".venv/bin/python"
GUNICORN = ROOT / ".venv/bin/gunicorn"
# How long a server may take to answer after it starts.
START_SECONDS = 120
STOP_SECONDS = 30

# The demo's enquiry form, as the load scripts fill it in.
FORM_PATH = "/bespoke-workshops/"
FIELD = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]*)"')
ANSWERS = {
    "organisation_or_service": "Ward 7",
    "type_of_team": "Dementia care",
    "format": "Online",
    "what_would_you_like_the_session_to_help_with": "Benchmarking.",
}


def production_settings(folder: str, host: str = "127.0.0.1") -> dict[str, str]:
    """Production settings with every file in `folder`, answering `host` over plain HTTP."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": host,
        "DJANGO_VAR_DIR": folder,
        "DJANGO_STATIC_ROOT": f"{folder}/static",
        # Plain HTTP on loopback: no HTTPS redirect or HSTS.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "EMAIL_PROVIDER": "console",
    }


def production_env(folder: str, *, open_form_guards: bool = False) -> dict[str, str]:
    """This process's environment with production settings in `folder`.

    `open_form_guards` lets one client post the enquiry form as fast and as often
    as a load test needs (no minimum fill time, no practical rate limit).
    """
    env = os.environ | production_settings(folder)
    if open_form_guards:
        env |= {"FORMS_MIN_FILL_SECONDS": "0", "FORMS_RATE_LIMIT": "1000000"}
    return env


def build_demo(env: dict[str, str], tree: Path = ROOT) -> None:
    """Migrate, make the page cache's table, load the demo content, collect static.

    `tree` is the checkout whose code builds it (another commit's worktree, say).
    """
    manage = [str(PYTHON), str(tree / "manage.py")]
    # createcachetable does nothing unless the settings name a database cache.
    for command in (
        ["migrate", "--no-input"],
        ["createcachetable"],
        ["load_demo_content"],
        ["collectstatic", "--no-input"],
    ):
        subprocess.run(
            manage + command, cwd=tree, env=env, check=True, capture_output=True
        )


def ensure_package(binary: str, package: str) -> str:
    """The path of a Debian package's binary, installing the package if missing."""
    found = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/usr/bin")
    if found:
        return found
    print(f"Installing Debian's {package} package", flush=True)
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["/usr/bin/apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["/usr/bin/apt-get", "install", "-y", "-qq", package], check=True, env=env
    )
    found = shutil.which(binary, path="/usr/sbin:/usr/bin")
    if not found:
        raise SystemExit(f"{package} installed but {binary} not found")
    return found


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def started(command: list[str], **kwargs) -> Iterator[subprocess.Popen]:
    """A child process, stopped (terminate, then kill) when the block ends."""
    process = subprocess.Popen(command, **kwargs)
    try:
        yield process
    finally:
        stop(process)


@dataclass
class Server:
    process: subprocess.Popen
    url: str


@contextmanager
def gunicorn(
    env: dict[str, str], workers: int = 2, tree: Path = ROOT
) -> Iterator[Server]:
    """gunicorn with `workers` sync workers on a free loopback port, once it answers,
    serving the code in `tree` (this checkout unless told)."""
    port = free_port()
    command = [str(GUNICORN), "--pythonpath", "site", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "config.wsgi"]
    with started(command, cwd=tree, env=env, stderr=subprocess.DEVNULL) as process:
        server = Server(process, f"http://127.0.0.1:{port}")
        wait_until_up(f"{server.url}/healthz", START_SECONDS)
        yield server


@contextmanager
def task_worker(env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """A db_worker taking every queue of the "queue" backend, polling every 0.2 s."""
    command = [str(PYTHON), "manage.py", "db_worker", "--backend", "queue"]
    command += ["--queue-name", "*", "--no-reload", "--interval", "0.2"]
    with started(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as process:
        yield process


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def with_cookies(request: urllib.request.Request, jar) -> urllib.request.Request:
    """Send the jar's cookies by hand: production marks them Secure, this is plain HTTP."""
    request.add_header("Cookie", "; ".join(f"{c.name}={c.value}" for c in jar))
    return request
