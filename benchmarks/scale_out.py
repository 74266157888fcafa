"""Scale-out on one machine: two app servers and two task workers on one PostgreSQL and Redis.

Usage: .venv/bin/python benchmarks/scale_out.py [--seconds 30]

Starts, on 127.0.0.1 only, a throwaway PostgreSQL (scripts/throwaway-postgres.sh),
a Redis server with no persistence, two gunicorn servers (A and B, production
settings) and two db_worker task workers, loads the demo, sends a mixed load for
--seconds (page views and enquiry posts on both servers, and an editor publishing
the About page), then checks and prints:

(a) after each publish, server B shows the new title on its next GET;
(b) no submission thanked with a 302 is lost or stored twice, and every stored
    one has its emails, all sent once the workers drain the queue;
(c) the form rate limit is shared: FORMS_RATE_LIMIT + 3 posts from one address,
    alternating A and B, give 302 up to the limit and 429 after it.

Publishing goes through `manage.py shell -c` (page.save_revision().publish(), the
code path the admin's Publish button ends in) in its own process against the same
database and Redis, because the admin's two factors are required under production
settings. Everything it started is stopped on exit, on errors and on Ctrl-C.
Installs the Debian package redis-server if missing (needs root).
"""

import argparse
import http.cookiejar
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import psycopg
from demo_server import (
    ANSWERS,
    FIELD,
    FORM_PATH,
    PYTHON,
    ROOT,
    START_SECONDS,
    NoRedirect,
    build_demo,
    ensure_package,
    free_port,
    gunicorn,
    production_env,
    started,
    task_worker,
    with_cookies,
)

DRAIN_SECONDS = 180
RATE_LIMIT = 10
VIEW_PATHS = ["/", "/courses/", "/courses/compassionate-leadership/", "/about/"]
EDITED_PATH = "/about/"
EDITED_TITLE = "About us"
# The one address of the rate-limit check; load posts come from 10.x.y.z.
LIMITED_ADDRESS = "203.0.113.7"
PUBLISH = """
from wagtail.models import Page
page = Page.objects.get(slug="about", locale__language_code="en-gb").specific
page.title = {title!r}
page.save_revision().publish()
"""


def wait_for_port(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"Nothing answered on port {port} within {seconds} s")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # nosec B310 (loopback http URL built here)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def post_enquiry(base_url: str, email: str, address: str) -> int:
    """GET the form and POST it from `address` (X-Forwarded-For); the POST's status."""
    url = base_url + FORM_PATH
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect
    )
    try:
        fields = dict(FIELD.findall(opener.open(url, timeout=30).read().decode()))
    except OSError:
        return 0
    data = fields | ANSWERS | {"contact_name": "Scale test", "contact_email": email}
    request = urllib.request.Request(
        url,
        urllib.parse.urlencode(data).encode(),
        headers={"Referer": url, "X-Forwarded-For": address},
    )
    try:
        return opener.open(with_cookies(request, jar), timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


class Load:
    """Page views and enquiry posts on both servers until told to stop."""

    def __init__(self, servers: list[str]) -> None:
        self.servers = servers
        self.stop = threading.Event()
        self.views: Counter = Counter()
        self.posts: Counter = Counter()
        self.thanked: list[str] = []
        self.sent: list[str] = []
        self.lock = threading.Lock()
        self.number = 0

    def viewer(self) -> None:
        while not self.stop.is_set():
            status, _ = get(random.choice(self.servers) + random.choice(VIEW_PATHS))
            with self.lock:
                self.views[status] += 1

    def poster(self) -> None:
        while not self.stop.is_set():
            with self.lock:
                self.number += 1
                number = self.number
            email = f"scale-{number}@example.org"
            address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
            status = post_enquiry(self.servers[number % 2], email, address)
            with self.lock:
                self.posts[status] += 1
                self.sent.append(email)
                if status == 302:
                    self.thanked.append(email)


def publish(env: dict, title: str) -> None:
    subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", PUBLISH.format(title=title)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def check_invalidation(env: dict, server_a: str, server_b: str, turn: int) -> bool:
    """Warm B's copy of the page, publish a new title, and see it on B's next GET."""
    for _ in range(2):
        get(server_b + EDITED_PATH)
        get(server_a + EDITED_PATH)
    title = f"{EDITED_TITLE} {turn}-{random.randrange(10**6)}"
    publish(env, title)
    _, page = get(server_b + EDITED_PATH)
    return title in page


def counts(database_url: str) -> dict:
    with psycopg.connect(database_url) as db:
        rows = db.execute(
            "SELECT contact_email, count(*) FROM forms_app_submission"
            " WHERE contact_email LIKE 'scale-%%' OR contact_email LIKE 'limit-%%'"
            " GROUP BY contact_email"
        ).fetchall()
        deliveries = dict(
            db.execute(
                "SELECT d.status, count(*) FROM forms_app_delivery d"
                " JOIN forms_app_submission s ON s.id = d.submission_id"
                " WHERE s.contact_email LIKE 'scale-%%'"
                " OR s.contact_email LIKE 'limit-%%' GROUP BY d.status"
            ).fetchall()
        )
        per_submission = dict(
            db.execute(
                "SELECT n, count(*) FROM (SELECT count(d.id) n"
                " FROM forms_app_submission s LEFT JOIN forms_app_delivery d"
                " ON d.submission_id = s.id WHERE s.contact_email LIKE 'scale-%%'"
                " OR s.contact_email LIKE 'limit-%%' GROUP BY s.id) x GROUP BY n"
            ).fetchall()
        )
        waiting = db.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE status IN ('READY', 'RUNNING')"
        ).fetchone()[0]
    return {
        "stored": dict(rows),
        "deliveries": deliveries,
        "per_submission": per_submission,
        "waiting_tasks": waiting,
    }


def run(args: argparse.Namespace, stack: ExitStack) -> bool:
    redis_path = ensure_package("redis-server", "redis-server")
    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="scale-out-"))
    print("Starting PostgreSQL and Redis...", flush=True)
    pg_dir, database_url = subprocess.run(
        [str(ROOT / "scripts/throwaway-postgres.sh")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    stack.callback(
        subprocess.run, [str(ROOT / "scripts/throwaway-postgres.sh"), "stop", pg_dir]
    )
    bindir = Path(pg_dir, "bindir").read_text().strip()
    pg_port = database_url.rsplit(":", 1)[1].split("/")[0]
    subprocess.run(
        [f"{bindir}/createdb", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres"]
        + ["cpd"],
        check=True,
    )
    redis_port = free_port()
    stack.enter_context(
        started(
            [redis_path, "--bind", "127.0.0.1", "--port", str(redis_port)]
            + ["--save", "", "--appendonly", "no", "--dir", folder],
            stdout=subprocess.DEVNULL,
        )
    )
    wait_for_port(redis_port, START_SECONDS)
    env = production_env(folder, open_form_guards=True) | {
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "FORMS_RATE_LIMIT": str(RATE_LIMIT),
    }
    print("Building the demo site on PostgreSQL...", flush=True)
    build_demo(env)
    servers = []
    for name in ("A", "B"):
        servers.append(stack.enter_context(gunicorn(env)).url)
        print(f"Server {name}: {servers[-1]}")
    for _ in range(2):
        stack.enter_context(task_worker(env))

    print(f"Mixed load for {args.seconds} s...", flush=True)
    load = Load(servers)
    threads = [threading.Thread(target=load.viewer) for _ in range(3)]
    threads += [threading.Thread(target=load.poster) for _ in range(2)]
    for thread in threads:
        thread.start()
    invalidations = []
    deadline = time.monotonic() + args.seconds
    try:
        turn = 0
        while time.monotonic() < deadline:
            turn += 1
            invalidations.append(check_invalidation(env, servers[0], servers[1], turn))
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=60)
        publish(env, EDITED_TITLE)

    print("Rate limit across both servers...", flush=True)
    limited = [
        post_enquiry(servers[n % 2], f"limit-{n}@example.org", LIMITED_ADDRESS)
        for n in range(RATE_LIMIT + 3)
    ]
    thanked = load.thanked + [
        f"limit-{n}@example.org" for n, status in enumerate(limited) if status == 302
    ]

    print("Waiting for the workers to drain the queue...", flush=True)
    drain_deadline = time.monotonic() + DRAIN_SECONDS
    result = counts(database_url)
    while result["waiting_tasks"] and time.monotonic() < drain_deadline:
        time.sleep(0.5)
        result = counts(database_url)

    stored = result["stored"]
    lost = [email for email in thanked if email not in stored]
    duplicates = [email for email, n in stored.items() if n > 1]
    unthanked_stored = [email for email in stored if email not in thanked]
    pending = sum(n for status, n in result["deliveries"].items() if status != "sent")
    rate_ok = limited == [302] * RATE_LIMIT + [429] * 3
    invalidation_ok = bool(invalidations) and all(invalidations)
    delivery_ok = len(result["per_submission"]) == 1 and not pending

    print()
    print(f"page views: {dict(load.views)}")
    print(f"load posts: {sum(load.posts.values())} sent, statuses {dict(load.posts)}")
    print(
        f"(a) publish on A seen on B's next GET: {sum(invalidations)} of "
        f"{len(invalidations)} -> {'PASS' if invalidation_ok else 'FAIL'}"
    )
    print(
        f"(b) thanked {len(thanked)}, stored {len(stored)}, lost {len(lost)}, "
        f"duplicate {len(duplicates)}, stored without a 302 {len(unthanked_stored)}; "
        f"emails per submission {result['per_submission']}, deliveries by status "
        f"{result['deliveries']}, task rows waiting {result['waiting_tasks']} "
        f"-> {'PASS' if not lost and not duplicates and delivery_ok else 'FAIL'}"
    )
    print(
        f"(c) {len(limited)} posts from {LIMITED_ADDRESS} alternating A/B "
        f"(FORMS_RATE_LIMIT={RATE_LIMIT}): {limited} "
        f"-> {'PASS' if rate_ok else 'FAIL'}"
    )
    return invalidation_ok and not lost and not duplicates and delivery_ok and rate_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30, help="mixed-load time")
    args = parser.parse_args()
    # A plain kill unwinds like Ctrl-C, so everything started is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with ExitStack() as stack:
        ok = run(args, stack)
    print(f"All checks pass: {'yes' if ok else 'no'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
