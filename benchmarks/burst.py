"""Burst test: N concurrent submitters post the enquiry form while an editor republishes.

With --serve it starts, on loopback only, gunicorn, --workers task workers and an
SMTP stub that records what the workers send, and stops them all at the end; the
database is the one DATABASE_URL (or the SQLite default) names, migrated and with
the demo content loaded:

    python benchmarks/burst.py --serve -n 500 -c 16
    python benchmarks/burst.py --serve -n 100 -c 8 --workers 2 \\
        --fail-provider-seconds 15 --kill-worker-every 10
    python benchmarks/burst.py --drain-only 1500 --workers 1

--drain-only queues that many emails through forms_app.outbox.record_submission in
this process (no posts, no gunicorn), then starts the workers and times the drain.
Without --serve or --drain-only, point --url at a site and worker you run yourself.
"""

import argparse
import email
import http.cookiejar
import json
import logging
import os
import random
import re
import resource
import signal
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
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db.models import Count, Max, Min  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from forms_app.models import Delivery, EnquiryFormPage, Submission  # noqa: E402
from forms_app.outbox import record_submission  # noqa: E402
from forms_app.periodic import job_health  # noqa: E402
from forms_app.tasks import send_delivery  # noqa: E402
from tests.support.stub_servers import (  # noqa: E402
    SmtpRecorder,
    free_port,
    smtp_stub,
    wait_until_up,
)

FIELD = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]*)"')
START_SECONDS = 180
STOP_SECONDS = 20
# The task worker's management command; the lead may switch it to run_worker.
# Runs tasks and, between them, whatever periodic job (the sweep) is due.
WORKER_COMMAND = "run_worker"
ANSWERS = {
    "organisation_or_service": "Ward 7",
    "type_of_team": "Dementia care",
    "format": "Online",
    "what_would_you_like_the_session_to_help_with": "Load testing.",
}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit(url: str, number: int) -> tuple[int, float, bool]:
    """GET the form, POST it once; the status, the POST's latency, and if thanked."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect
    )
    try:
        page = opener.open(url, timeout=60).read().decode()
    except (urllib.error.URLError, OSError):
        return 0, 0.0, False
    data = dict(FIELD.findall(page))
    data |= {
        "contact_name": f"Burst {number}",
        "contact_email": f"burst{number}@example.org",
        **ANSWERS,
    }
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, body, headers={"Referer": url})
    started = time.perf_counter()
    location = ""
    try:
        status = opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        status = error.code
        location = error.headers.get("Location", "")
    except (urllib.error.URLError, OSError):
        status = 0
    thanked = status == 302 and "/thanks/" in location
    return status, time.perf_counter() - started, thanked


def republish(stop: threading.Event, counts: dict) -> None:
    """Publish the form page again and again, as a busy editor would."""
    page = enquiry_page()
    while not stop.is_set():
        try:
            page.save_revision().publish()
            counts["publishes"] += 1
        except Exception:  # report, never stop the burst
            counts["publish_errors"] += 1


def enquiry_page() -> EnquiryFormPage:
    page = EnquiryFormPage.objects.filter(locale__language_code="en-gb").first()
    if page is None:
        raise SystemExit("No enquiry form: run migrate and load_demo_content first.")
    return page


def stop_child(child: subprocess.Popen) -> None:
    child.terminate()
    try:
        child.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait(timeout=STOP_SECONDS)


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
            stop_child(child)


class Workers:
    """K task worker processes; one can be killed with SIGKILL and started again."""

    def __init__(self, command: list[str], env: dict, logs: Path, count: int) -> None:
        self.command, self.env, self.logs = command, env, logs
        self.children: list[subprocess.Popen] = []
        self.kills = 0
        self.stopped = False
        self.lock = threading.Lock()
        self.cpu_seconds = -children_cpu_seconds()
        for slot in range(count):
            self.children.append(self._start(slot))
        self.started = time.perf_counter()

    def _start(self, slot: int) -> subprocess.Popen:
        log = (self.logs / f"worker-{slot}.log").open("a")
        with log:
            return subprocess.Popen(
                self.command, env=self.env, cwd=ROOT, stdout=log, stderr=log
            )

    def kill_one(self) -> None:
        """SIGKILL a random worker, whatever it is doing, and start a new one."""
        with self.lock:
            if self.stopped:
                return
            slot = random.randrange(len(self.children))
            child = self.children[slot]
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=STOP_SECONDS)
            self.kills += 1
            self.children[slot] = self._start(slot)

    def stop(self) -> None:
        with self.lock:
            if self.stopped:
                return
            self.stopped = True
            for child in self.children:
                stop_child(child)
            self.cpu_seconds += children_cpu_seconds()


def children_cpu_seconds() -> float:
    """CPU time of the child processes that have ended, user and system."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def keep_killing(workers: Workers, every: float, stop: threading.Event) -> None:
    while not stop.wait(every):
        workers.kill_one()


def child_env(args: argparse.Namespace, smtp_port: int) -> dict[str, str]:
    """Settings for gunicorn and the workers: the SMTP stub and short fault timings."""
    return {
        **os.environ,
        "FORMS_MIN_FILL_SECONDS": "0",
        "FORMS_RATE_LIMIT": "1000000",
        "EMAIL_PROVIDER": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "5",
        "EMAIL_RETRY_BASE_SECONDS": str(args.retry_base_seconds),
        "EMAIL_STUCK_SECONDS": str(args.stuck_seconds),
        "EMAIL_SWEEP_INTERVAL_SECONDS": str(args.sweep_seconds),
    }


def start_gunicorn(stack: ExitStack, args, env: dict, logs: Path) -> str:
    """Start gunicorn on a free loopback port; the form URL once it answers."""
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    stack.enter_context(
        process(
            [gunicorn, "--pythonpath", "site", "config.wsgi"]
            + ["-w", str(args.gunicorn_workers), "--threads", "4"]
            + ["-b", f"127.0.0.1:{port}"],
            env,
            logs / "gunicorn.log",
        )
    )
    url = f"http://127.0.0.1:{port}{enquiry_page().get_url()}"
    wait_until_up(url, START_SECONDS)
    return url


def start_workers(stack: ExitStack, args, env: dict, logs: Path) -> Workers:
    manage = [sys.executable, "manage.py"]
    command = manage + [args.worker_command, "--backend", "queue"]
    command += ["--queue-name", "*", "--no-reload", "--interval", args.interval]
    workers = Workers(command, env, logs, args.workers)
    stack.callback(workers.stop)
    return workers


def queue_emails(count: int) -> int:
    """Store enquiries through the outbox until at least `count` emails are queued."""
    page = enquiry_page()
    queued = 0
    number = 0
    while queued < count:
        number += 1
        submission = record_submission(
            page,
            dict(ANSWERS),
            f"Drain {number}",
            f"drain{number}@example.org",
            key=None,
        )
        queued += submission.deliveries.count()
    return queued


def wait_for_drain(deliveries, seconds: float) -> bool:
    """Wait until none of the deliveries is queued or sending; whether that happened."""
    deadline = time.monotonic() + seconds
    while deliveries.pending().exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


def sweep_alive() -> str:
    """Whether the sweep ran within its last two intervals: "yes" or "no"."""
    return "no" if job_health("sweep").late else "yes"


def message_ids(recorder: SmtpRecorder) -> Counter:
    return Counter(
        email.message_from_bytes(envelope.original_content)["Message-ID"]
        for envelope in recorder.messages
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def seconds_between(first: datetime | None, last: datetime | None) -> float:
    return (last - first).total_seconds() if first and last else 0.0


def figures(args, run: dict, recorder: SmtpRecorder | None) -> dict:
    """Everything the report shows, counted from the database and the stub's log."""
    new = Submission.objects.filter(pk__gt=run["last_submission"])
    deliveries = Delivery.objects.filter(submission__in=new)
    results = run.get("results", [])
    thanked = sum(1 for _s, _l, ok in results if ok)
    stored = new.count()
    sent = deliveries.finished_good()
    span = sent.aggregate(first=Min("sent_at"), last=Max("sent_at"))
    tasks_left = DBTaskResult.objects.filter(
        task_path=send_delivery.module_path,
        enqueued_at__gte=run["started_at"],
        status__in=["READY", "RUNNING"],
    )
    drain = run["drain_seconds"]
    sent_count = sent.count()
    rate = sent_count / drain if drain else 0.0
    steady = seconds_between(span["first"], span["last"])
    out = {
        "database": django.db.connection.vendor,
        "worker_command": args.worker_command,
        "workers": args.workers,
        "submissions_stored": stored,
        "duplicate_submissions": new.values("contact_email")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count(),
        "deliveries": deliveries.count(),
        "deliveries_sent": sent_count,
        "deliveries_failed": deliveries.finished_bad().count(),
        "deliveries_pending": deliveries.pending().count(),
        "send_attempts": sum(deliveries.values_list("attempts", flat=True)),
        "task_rows_left_ready": tasks_left.filter(status="READY").count(),
        "task_rows_left_running": tasks_left.filter(status="RUNNING").count(),
        "drained": run["drained"],
        "drain_seconds": round(drain, 1),
        "emails_per_second": round(rate, 1),
        "emails_per_second_per_worker": round(rate / args.workers, 1),
        "first_to_last_sent_seconds": round(steady, 1),
        "emails_per_second_first_to_last": round(
            (sent_count - 1) / steady if steady else 0.0, 1
        ),
        "workers_killed": run.get("kills", 0),
        "worker_cpu_ms_per_email": round(
            run["worker_cpu_seconds"] * 1000 / sent_count, 1
        )
        if args.drain_only and sent_count
        else None,
        "sweep_alive": sweep_alive(),
    }
    if results:
        latencies = [latency for status, latency, _ok in results if status]
        out |= {
            "posts": args.n,
            "clients": args.c,
            "burst_seconds": round(run["burst_seconds"], 1),
            "thanked": thanked,
            "lost": thanked - stored,
            "server_errors": sum(1 for s, _l, _ok in results if s >= 500),
            "connection_errors": sum(1 for s, _l, _ok in results if s == 0),
            "publishes": run["counts"]["publishes"],
            "failed_publishes": run["counts"]["publish_errors"],
            "latency_p50_ms": round(statistics.median(latencies) * 1000)
            if latencies
            else None,
            "latency_p95_ms": round(percentile(latencies, 0.95) * 1000)
            if latencies
            else None,
        }
    if recorder is not None:
        ids = message_ids(recorder)
        out |= {
            "fail_provider_seconds": args.fail_provider_seconds,
            "emails_accepted_by_stub": len(recorder.messages),
            "attempts_refused_by_stub": recorder.temporary_failures,
            "duplicate_emails": sum(n - 1 for n in ids.values() if n > 1),
        }
    return out


def report(out: dict) -> None:
    def line(label: str, *keys: str) -> None:
        if all(key in out for key in keys):
            print(f"{label}: " + " / ".join(str(out[key]) for key in keys))

    line("database, worker command, workers", "database", "worker_command", "workers")
    line("posts / clients / seconds", "posts", "clients", "burst_seconds")
    line("thanked / lost / server errors (5xx)", "thanked", "lost", "server_errors")
    line("connection errors", "connection_errors")
    line(
        "submissions stored / duplicate", "submissions_stored", "duplicate_submissions"
    )
    line("publishes / failed", "publishes", "failed_publishes")
    line("submit latency p50 / p95 ms", "latency_p50_ms", "latency_p95_ms")
    line(
        "deliveries / sent / failed / still pending",
        "deliveries",
        "deliveries_sent",
        "deliveries_failed",
        "deliveries_pending",
    )
    line("send attempts", "send_attempts")
    line("provider failing for (s)", "fail_provider_seconds")
    line(
        "emails accepted by stub / refused attempts / duplicate Message-IDs",
        "emails_accepted_by_stub",
        "attempts_refused_by_stub",
        "duplicate_emails",
    )
    line(
        "send task rows left READY / RUNNING",
        "task_rows_left_ready",
        "task_rows_left_running",
    )
    line("drained / drain seconds", "drained", "drain_seconds")
    line(
        "emails per second overall / per worker",
        "emails_per_second",
        "emails_per_second_per_worker",
    )
    line(
        "first to last email (s) / emails per second there",
        "first_to_last_sent_seconds",
        "emails_per_second_first_to_last",
    )
    line("workers killed / sweep alive", "workers_killed", "sweep_alive")
    if out.get("worker_cpu_ms_per_email") is not None:
        line("worker CPU ms per email (with start-up)", "worker_cpu_ms_per_email")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the form page, when not using --serve")
    parser.add_argument(
        "--serve", action="store_true", help="start gunicorn, workers and SMTP stub"
    )
    parser.add_argument("--gunicorn-workers", type=int, default=4)
    parser.add_argument("--logs", type=Path, default=ROOT / "var" / "burst-logs")
    parser.add_argument("-n", type=int, default=500, help="posts")
    parser.add_argument("-c", type=int, default=16, help="concurrent clients")
    parser.add_argument(
        "--drain-seconds", type=int, default=300, help="longest wait for the drain"
    )
    parser.add_argument("--workers", type=int, default=1, help="task workers")
    parser.add_argument("--worker-command", default=WORKER_COMMAND)
    parser.add_argument(
        "--interval", default="0.2", help="the workers' poll interval (s)"
    )
    parser.add_argument(
        "--fail-provider-seconds",
        type=float,
        default=0,
        help="the SMTP stub answers 451 (temporary failure) this long from the first email",
    )
    parser.add_argument(
        "--kill-worker-every",
        type=float,
        default=0,
        help="SIGKILL a random worker and start it again this often (s)",
    )
    parser.add_argument(
        "--drain-only",
        type=int,
        metavar="M",
        help="queue M emails with no posts, then start the workers and time the drain",
    )
    parser.add_argument("--retry-base-seconds", type=int, default=2)
    parser.add_argument(
        "--stuck-seconds",
        type=int,
        help="EMAIL_STUCK_SECONDS for the run (default 30 with kills, else 900)",
    )
    parser.add_argument(
        "--sweep-seconds",
        type=int,
        help="EMAIL_SWEEP_INTERVAL_SECONDS for the run (default 10 with kills, else 300)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    if not (args.serve or args.url or args.drain_only):
        parser.error("give --url, --serve or --drain-only")
    # Killed workers leave deliveries sending: sweep them back soon enough to see.
    killing = bool(args.kill_worker_every)
    args.stuck_seconds = args.stuck_seconds or (30 if killing else 900)
    args.sweep_seconds = args.sweep_seconds or (10 if killing else 300)
    return args


def main() -> None:
    args = parse_args()
    serving = args.serve or bool(args.drain_only)
    for noisy in ("mail.log", "wagtail"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    run = {
        "last_submission": Submission.objects.aggregate(m=Max("pk"))["m"] or 0,
        "started_at": timezone.now(),
    }
    with ExitStack() as stack:
        recorder = None
        if serving:
            port, recorder = stack.enter_context(
                smtp_stub(fail_seconds=args.fail_provider_seconds)
            )
            env = child_env(args, port)
            args.logs.mkdir(parents=True, exist_ok=True)
        if args.drain_only:
            queue_emails(args.drain_only)
            workers = start_workers(stack, args, env, args.logs)
            started = workers.started
        else:
            url = (
                start_gunicorn(stack, args, env, args.logs) if args.serve else args.url
            )
            workers = start_workers(stack, args, env, args.logs) if args.serve else None
            run["counts"] = {"publishes": 0, "publish_errors": 0}
            stop_editor = threading.Event()
            editor = threading.Thread(
                target=republish, args=(stop_editor, run["counts"]), daemon=True
            )
            editor.start()
            started = time.perf_counter()
        stop_killing = threading.Event()
        if workers and args.kill_worker_every:
            killer = threading.Thread(
                target=keep_killing,
                args=(workers, args.kill_worker_every, stop_killing),
                daemon=True,
            )
            killer.start()
        if not args.drain_only:
            with ThreadPoolExecutor(max_workers=args.c) as pool:
                run["results"] = list(pool.map(lambda i: submit(url, i), range(args.n)))
            run["burst_seconds"] = time.perf_counter() - started
            stop_editor.set()
            editor.join(timeout=STOP_SECONDS)
        new = Submission.objects.filter(pk__gt=run["last_submission"])
        run["drained"] = wait_for_drain(
            Delivery.objects.filter(submission__in=new), args.drain_seconds
        )
        run["drain_seconds"] = time.perf_counter() - started
        stop_killing.set()
        if workers and args.kill_worker_every:
            killer.join(timeout=STOP_SECONDS)
        run["kills"] = workers.kills if workers else 0
        if workers:
            workers.stop()
            run["worker_cpu_seconds"] = workers.cpu_seconds
        out = figures(args, run, recorder)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        report(out)


if __name__ == "__main__":
    main()
