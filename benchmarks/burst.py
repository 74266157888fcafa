"""Burst test: N concurrent submitters post the enquiry form while an editor republishes.

With --serve it starts, on loopback only, gunicorn, one task worker and an SMTP
server that counts what the worker sends, and stops all three at the end; the
database is the one DATABASE_URL (or the SQLite default) names, migrated and with
the demo content loaded:

    python benchmarks/burst.py --serve -n 500 -c 16

Without --serve, point --url at a site and worker you run yourself. It reports
submissions stored, emails sent, duplicates, errors and p50/p95 submit latency.
"""

import argparse
import email
import http.cookiejar
import logging
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

from forms_app.models import Delivery, EnquiryFormPage, Submission  # noqa: E402
from tests.support.stub_servers import (  # noqa: E402
    free_port,
    smtp_server,
    wait_until_up,
)

FIELD = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]*)"')
START_SECONDS = 180
STOP_SECONDS = 20


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit(url: str, number: int) -> tuple[int, float]:
    """GET the form, POST it once; the status and the POST's latency in seconds."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect
    )
    try:
        page = opener.open(url, timeout=60).read().decode()
    except (urllib.error.URLError, OSError):
        return 0, 0.0
    data = dict(FIELD.findall(page))
    data |= {
        "contact_name": f"Burst {number}",
        "contact_email": f"burst{number}@example.org",
        "organisation_or_service": "Ward 7",
        "type_of_team": "Dementia care",
        "format": "Online",
        "what_would_you_like_the_session_to_help_with": "Load testing.",
    }
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, body, headers={"Referer": url})
    started = time.perf_counter()
    try:
        status = opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, OSError):
        status = 0
    return status, time.perf_counter() - started


def republish(stop: threading.Event, counts: dict) -> None:
    """Publish the form page again and again, as a busy editor would."""
    page = EnquiryFormPage.objects.filter(locale__language_code="en-gb").first()
    while not stop.is_set():
        try:
            page.save_revision().publish()
            counts["publishes"] += 1
        except Exception:  # report, never stop the burst
            counts["publish_errors"] += 1


@contextmanager
def process(command: list[str], env: dict[str, str], log: Path) -> Iterator[None]:
    """Run a child process for the duration of the block, then stop it."""
    with log.open("w") as output:
        child = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield
        finally:
            child.terminate()
            try:
                child.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=STOP_SECONDS)


def serve(stack: ExitStack, workers: int, logs: Path) -> tuple[str, list]:
    """Start an SMTP sink, gunicorn and a task worker on loopback; the form URL."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    smtp_port, received = stack.enter_context(smtp_server())
    port = free_port()
    env = {
        **os.environ,
        "FORMS_MIN_FILL_SECONDS": "0",
        "FORMS_RATE_LIMIT": "1000000",
        "EMAIL_PROVIDER": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
    }
    python = sys.executable
    bin_dir = Path(python).parent
    logs.mkdir(parents=True, exist_ok=True)
    stack.enter_context(
        process(
            [
                str(bin_dir / "gunicorn"),
                "--pythonpath",
                "site",
                "config.wsgi",
                "-w",
                str(workers),
                "--threads",
                "4",
                "-b",
                f"127.0.0.1:{port}",
            ],
            env,
            logs / "gunicorn.log",
        )
    )
    stack.enter_context(
        process(
            [python, "manage.py", "run_worker", "--backend", "queue"]
            + ["--queue-name", "*", "--no-reload", "--interval", "0.2"],
            env,
            logs / "worker.log",
        )
    )
    page = EnquiryFormPage.objects.filter(locale__language_code="en-gb").first()
    if page is None:
        raise SystemExit("No enquiry form: run migrate and load_demo_content first.")
    url = f"http://127.0.0.1:{port}{page.get_url()}"
    wait_until_up(url, START_SECONDS)
    return url, received


def duplicate_emails(received: list) -> int:
    """Emails the SMTP sink accepted more than once for the same recipient and subject."""
    seen = Counter()
    for envelope in received:
        subject = email.message_from_bytes(envelope.original_content)["Subject"]
        for recipient in envelope.rcpt_tos:
            seen[(recipient.lower(), subject)] += 1
    return sum(n - 1 for n in seen.values() if n > 1)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the form page, when not using --serve")
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--gunicorn-workers", type=int, default=4)
    parser.add_argument("--logs", type=Path, default=ROOT / "var" / "burst-logs")
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("-c", type=int, default=16)
    parser.add_argument("--drain-seconds", type=int, default=900)
    args = parser.parse_args()
    if not args.serve and not args.url:
        parser.error("give --url or --serve")

    with ExitStack() as stack:
        url, received = (
            serve(stack, args.gunicorn_workers, args.logs)
            if args.serve
            else (args.url, None)
        )
        before = set(Submission.objects.values_list("pk", flat=True))
        counts = {"publishes": 0, "publish_errors": 0}
        stop = threading.Event()
        editor = threading.Thread(target=republish, args=(stop, counts), daemon=True)
        editor.start()
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.c) as pool:
            results = list(pool.map(lambda i: submit(url, i), range(args.n)))
        elapsed = time.perf_counter() - started
        stop.set()
        editor.join(timeout=STOP_SECONDS)

        new = Submission.objects.exclude(pk__in=before)
        deliveries = Delivery.objects.filter(submission__in=new)
        deadline = time.monotonic() + args.drain_seconds
        while (
            deliveries.exclude(status="sent").exists() and time.monotonic() < deadline
        ):
            time.sleep(1)
        drained = time.perf_counter() - started
        report(args, results, new, deliveries, counts, received, elapsed, drained)


def report(args, results, new, deliveries, counts, received, elapsed, drained) -> None:
    latencies = [latency for status, latency in results if status]
    thanked = sum(1 for status, _l in results if status == 302)
    duplicate_people = (
        new.values("contact_email").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    print(f"database: {django.db.connection.vendor}")
    print(f"posts: {args.n} from {args.c} clients in {elapsed:.1f} s")
    print(f"thanked (302): {thanked}; other answers: {args.n - thanked}")
    print(f"server errors (5xx): {sum(1 for s, _l in results if s >= 500)}")
    print(f"connection errors: {sum(1 for s, _l in results if s == 0)}")
    print(f"submissions stored: {new.count()}; lost: {thanked - new.count()}")
    print(f"duplicate submissions: {duplicate_people}")
    print(
        f"deliveries sent: {deliveries.filter(status='sent').count()} of "
        f"{deliveries.count()} (all done {drained:.1f} s after the first post)"
    )
    if received is not None:
        print(f"emails accepted by the SMTP sink: {len(received)}")
        print(f"duplicate emails: {duplicate_emails(received)}")
    print(
        f"publishes: {counts['publishes']}, failed publishes: {counts['publish_errors']}"
    )
    print(
        f"submit latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
