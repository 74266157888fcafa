"""HTML size, server CPU and SQL queries of the course page editor as past runs pile up.

Usage: .venv/bin/python benchmarks/editor_weight.py [--repeat 5] [--past 4 20 60]
       [--profile] [--dump PATH]

Builds the demo site in a temporary SQLite database with production settings
(see render_cost.py), signs in a superuser with the test client and opens the
admin editor (`/admin/pages/<id>/edit/`) of the demo course with the most
sessions: first as the demo builds it, then after adding past runs (six weekly
sessions each, all over) until the course has had each --past number of them,
published as an editor would so the editor's revision holds them; and, once,
with the sessions of its busiest run opened (`?sessions=<run id>`). CPU is this
process's `time.process_time()` per request, the least and the mean of --repeat
after one warm-up (other work on the machine shows in the mean first).
--profile prints the top of a cProfile of the renders with the most past runs;
--dump PATH saves the editor's HTML as the demo builds it (to see where the bytes go).
Loopback only: the test client never opens a socket.
"""

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

# Models are named by label (apps.get_model): they load only once configured.
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_cost import build_demo, configure


def busiest_course():
    """The English demo course with the most sessions across its runs."""
    return (
        apps.get_model("courses.CoursePage")
        .objects.filter(locale__language_code="en-gb")
        .annotate(n=Count("runs__sessions"))
        .order_by("-n", "pk")
        .first()
    )


def add_past_runs(course, count: int, user) -> None:
    """Add `count` past cohorts of six weekly sessions each and publish the course."""
    CourseRun = apps.get_model("courses.CourseRun")
    CourseSession = apps.get_model("courses.CourseSession")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    existing = CourseRun.objects.filter(course=course).count()
    for n in range(count):
        first = now - timedelta(weeks=10 * (existing + n + 2))
        run = CourseRun.objects.create(
            course=course,
            title=f"Past cohort {existing + n + 1}",
            bookable=False,
            locale=course.locale,
        )
        CourseSession.objects.bulk_create(
            CourseSession(
                run=run,
                start=first + timedelta(weeks=week),
                end=first + timedelta(weeks=week, hours=2),
                platform="MS Teams",
                sort_order=week,
            )
            for week in range(6)
        )
    page = type(course).objects.get(pk=course.pk)
    page.save_revision(user=user).publish(user=user)


def sign_in(client):
    """A superuser whose session carries a verified second factor, as after sign-in."""
    user = get_user_model().objects.create_superuser("bench", "", "x")
    device = apps.get_model("otp_totp.TOTPDevice").objects.create(
        user=user, name="bench", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user


def measure(
    client, url: str, repeat: int, profiler=None
) -> tuple[float, float, float, int]:
    """HTML KB, least and mean CPU ms per request, and the queries of one request."""

    response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    size = len(response.content) / 1024
    if profiler:
        profiler.enable()
    spent = []
    for _ in range(repeat):
        started = time.process_time()
        client.get(url, secure=True)
        spent.append((time.process_time() - started) * 1000)
    if profiler:
        profiler.disable()
    with CaptureQueriesContext(connection) as captured:
        client.get(url, secure=True)
    return size, min(spent), sum(spent) / repeat, len(captured.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--past", type=int, nargs="*", default=[4, 20, 60])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", type=Path, help="save the demo editor's HTML here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="editor-weight-") as folder:
        configure(folder)
        build_demo()
        runs = apps.get_model("courses.CourseRun").objects

        client = Client()
        user = sign_in(client)
        course = busiest_course()
        url = reverse("wagtailadmin_pages:edit", args=(course.pk,))
        print(f"course editor: {course.title} ({url})")
        print(
            f"{'runs':<22} {'HTML KB':>8} {'CPU ms min':>11} {'CPU ms mean':>12} "
            f"{'queries':>8}"
        )
        added = 0
        targets = [0, *sorted(args.past)]
        for target in targets:
            if target > added:
                add_past_runs(course, target - added, user)
                added = target
            count = runs.filter(course=course).count()
            label = f"demo + {added} past" if added else "demo"
            last = target == targets[-1]
            profiler = cProfile.Profile() if args.profile and last else None
            size, least, mean, queries = measure(client, url, args.repeat, profiler)
            if args.dump and target == 0:
                args.dump.write_bytes(client.get(url, secure=True).content)
            print(
                f"{label + f' ({count})':<22} {size:>8.1f} {least:>11.1f} {mean:>12.1f} "
                f"{queries:>8}",
                flush=True,
            )
            if target == 0:
                # The same editor with the sessions of its busiest run opened.
                busiest = (
                    runs.filter(course=course)
                    .annotate(n=Count("sessions"))
                    .order_by("-n", "pk")
                    .first()
                )
                size, least, mean, queries = measure(
                    client, f"{url}?sessions={busiest.pk}", args.repeat
                )
                print(
                    f"{f'  {busiest.n} sessions open':<22} {size:>8.1f} {least:>11.1f} "
                    f"{mean:>12.1f} {queries:>8}",
                    flush=True,
                )
            if profiler:
                stats = pstats.Stats(profiler, stream=sys.stderr)
                stats.sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
