"""Uncached render cost of pages here and at an earlier commit, in one run.

Usage: .venv/bin/python benchmarks/render_compare.py [--against COMMIT]
       [--repeat 40] [--only PATH ...] [--served SECONDS [--rounds 2]]

Checks the earlier commit out into a temporary git worktree, gives it this
checkout's `render_cost.py` and `demo_server.py`, and runs both measurements
at the same time, one process each, so machine noise falls on both alike. CPU
is each process's own `time.process_time()`, so running side by side does not
count one's work against the other. Prints CPU ms and queries per page for
both and the ratio. Issue 18 asks the course page to cost at most a quarter of
what it cost at `landed-17`, the commit the issue starts from (the merge of
the Welsh discovery pages), which is the default for --against.

--served SECONDS measures the way the issue does instead: each commit builds
the demo in its own temporary folder and is served by gunicorn (2 sync workers,
production settings, `demo_server.gunicorn`); each page gets one `wrk -t2 -c16`
row of SECONDS per commit, the two commits in turn, --rounds times, with the
uncached header of `pages.py` for both (the earlier commit has no page cache, so
it renders every request anyway). CPU is the workers' own, from /proc, per
request completed (`pages.measure`). Needs wrk (installed if missing).
"""

import argparse
import os
import shutil
import subprocess  # nosec B404 (runs git and this project's own script)
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from demo_server import build_demo, ensure_package, gunicorn, production_env
from pages import UNCACHED_HEADER, children, measure, warm

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = [
    "/courses/compassionate-leadership/",
    "/cy/courses/compassionate-leadership/",
    "/",
    "/courses/",
    # The plainest page (header, footer, a rich-text body): what any page costs.
    "/about/",
]


GIT = shutil.which("git") or "/usr/bin/git"
# landed-17: the last merge before issue 18's work, named by its hash so that a
# fresh clone, which has no local tags, can run the comparison.
LANDED_17 = "e0c0cf361470e80df0f176e9ed801ef259303005"


def checkout(ref: str, folder: Path) -> Path:
    tree = folder / "tree"
    subprocess.run(  # nosec B603 (git, fixed arguments)
        [GIT, "worktree", "add", "--detach", "--quiet", str(tree), ref],
        cwd=ROOT,
        check=True,
    )
    for name in ("render_cost.py", "demo_server.py"):
        shutil.copy(ROOT / "benchmarks" / name, tree / "benchmarks" / name)
    return tree


def start(tree: Path, pages: list[str], repeat: int) -> subprocess.Popen:
    arguments = [sys.executable, str(tree / "benchmarks" / "render_cost.py")]
    arguments += ["--repeat", str(repeat)]
    for page in pages:
        arguments += ["--only", page]
    return subprocess.Popen(  # nosec B603 (this project's script)
        arguments,
        cwd=tree,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def parse(output: str) -> dict[str, tuple[float, int]]:
    """render_cost's table: name, CPU ms, queries; keyed by name."""
    rows = {}
    for line in output.splitlines()[1:]:
        *name, cpu, queries = line.split()
        rows[" ".join(name)] = (float(cpu), int(queries))
    return rows


def served(against: str, pages: list[str], seconds: int, rounds: int) -> None:
    """Both commits under gunicorn and wrk, rows alternating; prints each round."""
    wrk = ensure_package("wrk", "wrk")
    label = "landed-17" if against == LANDED_17 else against[:12]
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        tree = checkout(against, folder)
        stack.callback(
            subprocess.run,  # nosec B603 (git, fixed arguments)
            [GIT, "worktree", "remove", "--force", str(tree)],
            cwd=ROOT,
            check=False,
        )
        servers = {}
        for name, code in ((label, tree), ("now", ROOT)):
            (folder / name).mkdir()
            env = production_env(str(folder / name))
            print(f"Building and serving the demo at {name}...", flush=True)
            build_demo(env, code)
            server = stack.enter_context(gunicorn(env, tree=code))
            servers[name] = (server.url, children(server.process.pid))
        # Warm each worker's imports and templates, unmeasured.
        for url, _ in servers.values():
            for page in pages:
                warm(url + page, UNCACHED_HEADER)
        print(
            f"\n{'round':<6} {'page':<40} {label + ' ms':>14} {'now ms':>8} {'ratio':>6}"
        )
        for number in range(1, rounds + 1):
            for page in pages:
                cpu = {}
                for name, (url, pids) in servers.items():
                    row = measure(wrk, url + page, seconds, UNCACHED_HEADER, pids)
                    if row["non_2xx"]:
                        raise SystemExit(f"{name} {page}: {row['non_2xx']} non-2xx")
                    cpu[name] = row["server_cpu_ms_per_request"]
                print(
                    f"{number:<6} {page:<40} {cpu[label]:>14.2f} {cpu['now']:>8.2f}"
                    f" {cpu[label] / cpu['now']:>5.2f}x",
                    flush=True,
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default=LANDED_17)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--only", action="append", help="a path; repeatable")
    parser.add_argument(
        "--served", type=int, metavar="SECONDS", help="gunicorn and wrk instead"
    )
    parser.add_argument("--rounds", type=int, default=2, help="with --served")
    args = parser.parse_args()
    pages = args.only or DEFAULT_PAGES
    if args.served:
        served(args.against, pages, args.served, args.rounds)
        return 0
    with tempfile.TemporaryDirectory(prefix="render-compare-") as folder:
        tree = checkout(args.against, Path(folder))
        try:
            before = start(tree, pages, args.repeat)
            after = start(ROOT, pages, args.repeat)
            old, new = (parse(p.communicate()[0]) for p in (before, after))
        finally:
            subprocess.run(  # nosec B603 (git, fixed arguments)
                [GIT, "worktree", "remove", "--force", str(tree)],
                cwd=ROOT,
                check=False,
            )
    label = "landed-17" if args.against == LANDED_17 else args.against
    print(f"{'page':<22} {label + ' ms':>16} {'now ms':>8} {'ratio':>6} {'queries':>9}")
    for name, (cpu, queries) in new.items():
        then_cpu, then_queries = old.get(name, (float("nan"), 0))
        print(
            f"{name:<22} {then_cpu:>16.2f} {cpu:>8.2f} {then_cpu / cpu:>5.2f}x"
            f" {then_queries:>4}->{queries:<3}"
        )
    if "course page" in old and "content page" in new:
        print(
            f"\nIssue 18's target for the course page, a quarter of {label}:"
            f" {old['course page'][0] / 4:.2f} ms; the content page now costs"
            f" {new['content page'][0]:.2f} ms."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
