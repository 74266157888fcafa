"""Burst test: N concurrent submitters post the enquiry form while an editor republishes.

Run the site and a worker against the same database first, with the spam time-trap
and rate limit relaxed for one client address, e.g.:

    FORMS_MIN_FILL_SECONDS=0 FORMS_RATE_LIMIT=100000 python manage.py runserver
    python manage.py db_worker --backend queue --queue-name '*'
    python benchmarks/burst.py --url http://127.0.0.1:8000/bespoke-workshops/ -n 500 -c 16

It reports submissions stored, emails sent, duplicates, errors and submit latency.
"""

import argparse
import http.cookiejar
import os
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

from forms_app.models import Delivery, EnquiryFormPage, Submission  # noqa: E402

FIELD = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]*)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit(url: str, number: int) -> tuple[int, float]:
    """GET the form, POST it once; the status and the POST's latency in seconds."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect
    )
    page = opener.open(url, timeout=60).read().decode()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("-c", type=int, default=16)
    parser.add_argument("--drain-seconds", type=int, default=120)
    args = parser.parse_args()

    before = set(Submission.objects.values_list("pk", flat=True))
    counts = {"publishes": 0, "publish_errors": 0}
    stop = threading.Event()
    editor = threading.Thread(target=republish, args=(stop, counts), daemon=True)
    editor.start()
    with ThreadPoolExecutor(max_workers=args.c) as pool:
        results = list(pool.map(lambda i: submit(args.url, i), range(args.n)))
    stop.set()
    editor.join()

    new = Submission.objects.exclude(pk__in=before)
    deliveries = Delivery.objects.filter(submission__in=new)
    deadline = time.monotonic() + args.drain_seconds
    while deliveries.exclude(status="sent").exists() and time.monotonic() < deadline:
        time.sleep(1)
    latencies = sorted(latency for _status, latency in results)
    redirects = sum(1 for status, _l in results if status == 302)
    duplicate_people = (
        new.values("contact_email").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    print(f"posts: {args.n} from {args.c} clients; thanked (302): {redirects}")
    print(f"server errors (5xx): {sum(1 for s, _l in results if s >= 500)}")
    print(f"submissions stored: {new.count()}; lost: {redirects - new.count()}")
    print(f"duplicate submissions: {duplicate_people}")
    print(
        f"emails sent: {deliveries.filter(status='sent').count()} of {deliveries.count()}"
    )
    print(
        f"publishes: {counts['publishes']}, failed publishes: {counts['publish_errors']}"
    )
    print(
        f"submit latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
