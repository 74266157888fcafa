"""Server CPU and SQL queries per uncached render of each public page type.

Usage: .venv/bin/python benchmarks/render_cost.py [--repeat 30] [--profile PATH]
       [--only PATH ...] [--orm]

Builds the demo site in a temporary SQLite database with production settings
(DEBUG off, cached template loader, collected static files), then renders each
page in-process with Django's test client: warm-up, then --repeat timed GETs.
CPU is this process's `time.process_time()`, so the figure is server work only.
--profile PATH prints the top of a cProfile of that path's renders.
--orm adds a column: the CPU ms per request spent inside Django's ORM running
querysets (compiling the SQL, running it, building the rows into objects,
prefetching), timed around the outermost call only and without a profiler. It
leaves out the building of querysets (`filter`, `annotate`) before they run, so
it is the least the page's queries cost.
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from io import StringIO

import django
from demo_server import ROOT, production_settings
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models.query import QuerySet
from django.db.models.sql.compiler import SQLCompiler
from django.test import Client
from django.test.utils import CaptureQueriesContext

PAGES = [
    ("home", "/"),
    ("home (Welsh)", "/cy/"),
    ("content page", "/about/"),
    ("course list", "/courses/"),
    ("course page", "/courses/compassionate-leadership/"),
    ("course page (Welsh)", "/cy/courses/compassionate-leadership/"),
    ("facilitator list", "/facilitators/"),
    ("enquiry form", "/bespoke-workshops/"),
    ("application form", "/courses/compassionate-leadership/apply/"),
    ("search results", "/search/?q=empathy"),
    ("accessibility", "/accessibility/"),
    ("cookies", "/cookies/"),
]


def configure(folder: str) -> None:
    """Production settings on a throwaway database, media and static folder."""
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.update(production_settings(folder, host="testserver"))
    # Every render, not the page cache's stored copy (an anonymous client hits it).
    os.environ["PAGE_CACHE_ENABLED"] = "false"

    django.setup()


def build_demo() -> None:

    quiet = StringIO()
    call_command("migrate", "--no-input", stdout=quiet)
    call_command("load_demo_content", stdout=quiet)
    call_command("collectstatic", "--no-input", stdout=quiet)


def measure(
    client, path: str, repeat: int, profiler=None, orm: "OrmClock | None" = None
) -> tuple[float, int]:
    """Mean CPU milliseconds per request and the queries of the last one; with
    `orm`, its clock holds the timed requests' ORM time afterwards."""

    for _ in range(3):
        response = client.get(path, secure=True)
        assert response.status_code == 200, (path, response.status_code)
    if profiler:
        profiler.enable()
    if orm:
        orm.spent, orm.running = 0.0, True
    started = time.process_time()
    for _ in range(repeat):
        client.get(path, secure=True)
    spent = time.process_time() - started
    if orm:
        orm.running = False
    if profiler:
        profiler.disable()
    with CaptureQueriesContext(connection) as captured:
        client.get(path, secure=True)
    if os.environ.get("RENDER_COST_SHOW_SQL"):
        for query in captured.captured_queries:
            sql = query["sql"]
            print("   ", sql[sql.find(" FROM ") :][:400], file=sys.stderr)
    return spent * 1000 / repeat, len(captured.captured_queries)


class OrmClock:
    """CPU seconds, while `running`, inside the outermost of `QuerySet._fetch_all`
    and `SQLCompiler.execute_sql` (counts and existence checks go straight to
    the latter), so nested calls such as prefetches are counted once."""

    def __init__(self) -> None:
        self.spent = 0.0
        self.depth = 0
        self.running = False

    def wrap(self, function):
        def timed(*args, **kwargs):
            self.depth += 1
            started = time.process_time() if self.depth == 1 else 0.0
            try:
                return function(*args, **kwargs)
            finally:
                if self.depth == 1 and self.running:
                    self.spent += time.process_time() - started
                self.depth -= 1

        return timed

    def install(self) -> None:
        QuerySet._fetch_all = self.wrap(QuerySet._fetch_all)
        SQLCompiler.execute_sql = self.wrap(SQLCompiler.execute_sql)


def add_facilitator_page(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # By label: the apps are only ready once configured.
    person = (
        apps.get_model("facilitators.FacilitatorPage")
        .objects.live()
        .filter(locale__language_code="en-gb")
    )
    first = person.order_by("path").first()
    extra = [("facilitator page", first.url)] if first else []
    return pages[:7] + extra + pages[7:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", help="path to profile, e.g. a course page")
    parser.add_argument(
        "--only", action="append", help="measure only this path (repeatable)"
    )
    parser.add_argument("--dump", help="save the --profile statistics to this file")
    parser.add_argument(
        "--orm", action="store_true", help="also the least CPU ms in Django's ORM"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="render-cost-") as folder:
        configure(folder)
        build_demo()

        client = Client()
        pages = add_facilitator_page(PAGES)
        orm = OrmClock() if args.orm else None
        if orm:
            orm.install()
        print(
            f"{'page':<22} {'CPU ms/request':>15} {'queries':>8}"
            + (f" {'ORM ms':>8}" if orm else "")
        )
        for name, path in pages:
            if args.only and path not in args.only:
                continue
            profiler = cProfile.Profile() if path == args.profile else None
            cpu, queries = measure(client, path, args.repeat, profiler, orm)
            in_orm = orm.spent * 1000 / args.repeat if orm else None
            print(
                f"{name:<22} {cpu:>15.2f} {queries:>8}"
                + (f" {in_orm:>8.2f}" if orm else ""),
                flush=True,
            )
            if profiler:
                stats = pstats.Stats(profiler, stream=sys.stderr)
                # The project's own functions by cumulative time, then the hottest of all.
                own = rf"{ROOT}/(?!\.venv)"
                stats.sort_stats("cumulative").print_stats(own, 40)
                stats.sort_stats("tottime").print_stats(25)
                if args.dump:
                    stats.dump_stats(args.dump)
    return 0


if __name__ == "__main__":
    sys.exit(main())
