"""Server CPU, throughput and latency of the key pages, cached and uncached, beside nginx.

Usage: .venv/bin/python benchmarks/pages.py [--quick] [--duration 10] [--json out.json]

One run builds the demo site in a temporary folder with production settings
(gunicorn, 2 sync workers, on a free loopback port), starts nginx serving a saved
copy of the home page on another, loads each page with wrk (2 threads, 16
connections) and reads the server processes' own CPU time from /proc before and
after each page, so the ratios hold on a noisy machine. Then it posts the enquiry
form --posts times and adds the task worker's CPU for the emails. Installs the
Debian packages nginx and wrk if they are missing (needs root).
"""

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from demo_server import (
    ANSWERS,
    FIELD,
    FORM_PATH,
    START_SECONDS,
    NoRedirect,
    build_demo,
    ensure_package,
    free_port,
    gunicorn,
    production_env,
    started,
    task_worker,
    wait_until_up,
    with_cookies,
)

DRAIN_SECONDS = 120
WARM_REQUESTS = 6
SETTLE_SECONDS = 30
THREADS, CONNECTIONS = 2, 16
# The page cache (home/page_cache.py) answers only anonymous visitors: a session
# cookie makes it render the page. Change this one header if the bypass changes.
UNCACHED_HEADER = "Cookie: sessionid=benchmark-bypass"
# Pages by label; the facilitator page is the first profile linked from its index.
PAGES = {
    "home": "/",
    "course list": "/courses/",
    "course page": "/courses/compassionate-leadership/",
    "facilitator page": None,
    "form page (GET)": FORM_PATH,
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of these processes, from /proc."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def children(pid: int) -> list[int]:
    """The direct children of a process (gunicorn's or nginx's workers)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def nginx_config(folder: Path, port: int, root: Path) -> Path:
    """A foreground nginx, 2 workers, serving `root` on a loopback port."""
    config = folder / "nginx.conf"
    config.write_text(
        f"""daemon off;
worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/client;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""
    )
    return config


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(wrk_path: str, url: str, seconds: int, header: str | None) -> dict:
    """Requests, requests per second, p50 and p99 (ms) from one wrk run."""
    command = [wrk_path, "-t", str(THREADS), "-c", str(CONNECTIONS)]
    command += ["--duration", f"{seconds}s", "--latency", "--timeout", "10s"]
    if header:
        command += ["-H", header]
    out = subprocess.run(
        command + [url], check=True, capture_output=True, text=True
    ).stdout

    def latency(percent: str) -> float:
        value, unit = re.search(
            rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M
        ).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def warm(url: str, header: str | None) -> None:
    """WARM_REQUESTS unmeasured GETs, sending `header` ("Name: value") if given."""
    for _ in range(WARM_REQUESTS):
        request = urllib.request.Request(url)
        if header:
            request.add_header(*header.split(": ", 1))
        urllib.request.urlopen(request, timeout=60).read()  # nosec B310 (loopback http URL built here)


def settle(pids: list[int]) -> None:
    """Wait (bounded) until the servers stop using CPU: wrk leaves requests queued."""
    deadline = time.monotonic() + SETTLE_SECONDS
    previous = cpu_seconds(pids)
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = cpu_seconds(pids)
        if now == previous:
            return
        previous = now


def measure(wrk_path: str, url: str, seconds: int, header, pids) -> dict:
    """One wrk row; CPU read as wrk ends, then the queue it left is let run out."""
    settle(pids)
    before = cpu_seconds(pids)
    result = wrk(wrk_path, url, seconds, header)
    spent = cpu_seconds(pids) - before
    settle(pids)
    result["server_cpu_ms_per_request"] = 1000 * spent / max(result["requests"], 1)
    return result


def pending_tasks(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE status IN ('READY', 'RUNNING')"
        ).fetchone()[0]


def form_posts(base_url: str, count: int, gunicorn_pids, worker, database) -> dict:
    """CPU per enquiry POST in gunicorn, and in the task worker for its emails."""
    url = base_url + FORM_PATH
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect
    )
    # Each post needs its own form token, so all the GETs come first, unmeasured.
    forms = [
        dict(
            FIELD.findall(
                opener.open(with_cookies(urllib.request.Request(url), jar), timeout=60)
                .read()
                .decode()
            )
        )
        for _ in range(count)
    ]
    worker_before = cpu_seconds([worker.pid])
    before = cpu_seconds(gunicorn_pids)
    statuses: Counter = Counter()
    for number, fields in enumerate(forms):
        data = fields | ANSWERS
        data |= {
            "contact_name": f"Bench {number}",
            "contact_email": f"bench{number}.{secrets.token_hex(4)}@example.org",
        }
        request = urllib.request.Request(
            url, urllib.parse.urlencode(data).encode(), headers={"Referer": url}
        )
        try:
            statuses[opener.open(with_cookies(request, jar), timeout=60).status] += 1
        except urllib.error.HTTPError as error:
            statuses[error.code] += 1
    web = cpu_seconds(gunicorn_pids) - before
    deadline = time.monotonic() + DRAIN_SECONDS
    while pending_tasks(database) and time.monotonic() < deadline:
        time.sleep(0.2)
    drained = pending_tasks(database) == 0
    work = cpu_seconds([worker.pid]) - worker_before
    return {
        "posts": count,
        "thanked": statuses[302],
        "statuses": dict(statuses),
        "queue_drained": drained,
        "web_cpu_ms_per_post": 1000 * web / count,
        "worker_cpu_ms_per_post": 1000 * work / count,
        "total_cpu_ms_per_post": 1000 * (web + work) / count,
    }


def facilitator_path(base_url: str) -> str:
    index = urllib.request.urlopen(base_url + "/facilitators/", timeout=60).read()  # nosec B310 (loopback http URL built here)
    found = re.search(r'href="(/facilitators/[^"/]+/)"', index.decode())
    if not found:
        raise SystemExit("No facilitator profile linked from /facilitators/")
    return found.group(1)


def run(args: argparse.Namespace) -> dict:
    wrk_path = ensure_package("wrk", "wrk")
    nginx_path = ensure_package("nginx", "nginx")
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        env = production_env(str(folder), open_form_guards=True)
        print(
            "Building the demo site (migrate, demo content, static files)...",
            flush=True,
        )
        build_demo(env)
        server = stack.enter_context(gunicorn(env))
        base_url = server.url
        gunicorn_pids = children(server.process.pid)
        # The saved copy of the home page for nginx, as an anonymous visitor gets it.
        # Its own folder, readable by nginx's workers when they drop root's rights.
        static_root = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        static_root.chmod(0o755)
        (static_root / "index.html").write_bytes(
            urllib.request.urlopen(base_url + "/", timeout=60).read()  # nosec B310 (loopback http URL built here)
        )
        (static_root / "index.html").chmod(0o644)
        nginx_port = free_port()
        config = nginx_config(folder, nginx_port, static_root)
        nginx = stack.enter_context(
            started(
                [nginx_path, "-p", str(folder), "-e", str(folder / "nginx-error.log")]
                + ["-c", str(config)]
            )
        )
        wait_until_up(f"http://127.0.0.1:{nginx_port}/", START_SECONDS)
        nginx_pids = children(nginx.pid)
        pages = dict(PAGES, **{"facilitator page": facilitator_path(base_url)})
        results: dict = {
            "duration_seconds": args.duration,
            "threads": THREADS,
            "connections": CONNECTIONS,
            "uncached_header": UNCACHED_HEADER,
            "pages": {},
        }
        for label, path in pages.items():
            url = base_url + path
            # Warm the cache and the workers (imports, templates), unmeasured.
            for header in (None, UNCACHED_HEADER):
                warm(url, header)
            row = {"path": path}
            for column, header in (("cached", None), ("uncached", UNCACHED_HEADER)):
                print(f"  {label} {column}...", flush=True)
                row[column] = measure(
                    wrk_path, url, args.duration, header, gunicorn_pids
                )
            results["pages"][label] = row
        print("  nginx...", flush=True)
        results["nginx"] = measure(
            wrk_path,
            f"http://127.0.0.1:{nginx_port}/",
            args.duration,
            None,
            nginx_pids,
        )
        print(f"  {args.posts} enquiry posts...", flush=True)
        worker = stack.enter_context(task_worker(env))
        # Let the worker finish starting before its CPU is counted.
        deadline = time.monotonic() + START_SECONDS
        previous = -1.0
        while time.monotonic() < deadline:
            time.sleep(1)
            now = cpu_seconds([worker.pid])
            if now - previous < 0.05:
                break
            previous = now
        results["form_submission"] = form_posts(
            base_url, args.posts, gunicorn_pids, worker, folder / "db.sqlite3"
        )
    return results


def report(results: dict) -> None:
    nginx = results["nginx"]
    head = f"{'page':<20}{'':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
    head += f"{'CPU ms/req':>12}{'x nginx':>10}{'non-2xx':>9}"
    print(head)

    def line(label: str, column: str, row: dict) -> None:
        cpu = row["server_cpu_ms_per_request"]
        ratio = cpu / nginx["server_cpu_ms_per_request"] if nginx["requests"] else 0
        print(
            f"{label:<20}{column:<10}{row['requests_per_second']:>9.0f}"
            f"{row['p50_ms']:>9.2f}{row['p99_ms']:>9.2f}{cpu:>12.3f}"
            f"{ratio:>10.0f}{row['non_2xx']:>9}"
        )

    for label, row in results["pages"].items():
        line(label, "cached", row["cached"])
        line("", "uncached", row["uncached"])
    line("nginx, saved home", "", nginx)
    form = results["form_submission"]
    print(
        f"\nEnquiry form POST ({form['posts']} posts, {form['thanked']} thanked, "
        f"statuses {form['statuses']}, "
        f"queue drained: {'yes' if form['queue_drained'] else 'NO'}): "
        f"{form['web_cpu_ms_per_post']:.1f} ms web + "
        f"{form['worker_cpu_ms_per_post']:.1f} ms task worker = "
        f"{form['total_cpu_ms_per_post']:.1f} ms CPU per submission"
    )
    print(
        f"(wrk {results['threads']} threads, {results['connections']} connections, "
        f"{results['duration_seconds']} s per row; uncached rows send "
        f"'{results['uncached_header']}')"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per row")
    parser.add_argument("--quick", action="store_true", help="2 s per row, 20 posts")
    parser.add_argument("--posts", type=int, default=100, help="enquiry POSTs")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    # A plain kill unwinds like Ctrl-C, so everything started is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.quick:
        args.duration, args.posts = 2, 20
    results = run(args)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
