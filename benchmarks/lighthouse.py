"""Lighthouse scores for the site's key pages, mobile and desktop; not a CI gate.

Usage: .venv/bin/python benchmarks/lighthouse.py [--base-url http://127.0.0.1:8000]
       [--page /courses/] [--form-factor mobile] [--runs 3]

Without --base-url it builds the demo site in a temporary folder with production
settings (collected, compressed static files) and serves it with gunicorn on a
free loopback port. With --runs N each page is audited N times and the median
score of each category is shown. Needs scripts/install-browser-deps.sh
--lighthouse, or LIGHTHOUSE=path/to/lighthouse.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from demo_server import (
    ROOT,
    build_demo,
    free_port,
    gunicorn,
    production_env,
    started,
)

# Pages to audit, by path.
PAGES = [
    "/",
    "/about/",
    "/cy/",
    "/courses/",
    "/courses/compassionate-leadership/",
    "/facilitators/",
    "/bespoke-workshops/",
    "/courses/compassionate-leadership/apply/",
    "/cy/courses/compassionate-leadership/",
    "/search/?q=empathy",
    "/cy/chwilio/?q=empathi",
    "/accessibility/",
    "/cookies/",
]
# Search results carry noindex on purpose, which Lighthouse's SEO score counts
# against them: their SEO score is shown but not held to the target.
NOINDEX_PREFIXES = ("/search/", "/cy/chwilio/")
FORM_FACTORS = ["mobile", "desktop"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGET = 95

LIGHTHOUSE = Path(
    os.environ.get("LIGHTHOUSE", ROOT / "var/browser/node_modules/.bin/lighthouse")
)
CHROME_FLAGS = " ".join(
    [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-dev-shm-usage",
    ]
)


@contextmanager
def demo_server() -> Iterator[str]:
    """Serve the demo site as production would, on a free loopback port."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        env = production_env(folder)
        build_demo(env)
        # Production serves media from object storage or a CDN, not from Django;
        # a plain file server on its own port stands in for it here.
        media = Path(folder) / "media"
        media.mkdir(exist_ok=True)
        media_port = free_port()
        env["DJANGO_MEDIA_URL"] = f"http://127.0.0.1:{media_port}/"
        with (
            started(
                [sys.executable, "-m", "http.server", "--bind", "127.0.0.1"]
                + ["--directory", str(media), str(media_port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ),
            gunicorn(env) as server,
        ):
            yield server.url


def run_lighthouse(url: str, form_factor: str, output: Path) -> dict:
    """Audit one URL; retry twice, as Chromium now and then fails to start (NO_NAVSTART)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = os.environ | {
        "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    }
    for attempt in (1, 2, 3):
        output.unlink(missing_ok=True)
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        report = json.loads(output.read_text()) if output.exists() else {}
        if result.returncode == 0 and not report.get("runtimeError"):
            return report
        problem = report.get("runtimeError", {}).get("code") or result.stderr[-500:]
        print(f"  attempt {attempt} failed for {url} ({form_factor}): {problem}")
    raise RuntimeError(f"Lighthouse failed three times on {url} ({form_factor})")


def scores(report: dict) -> dict[str, int]:
    return {
        name: round((report["categories"][name]["score"] or 0) * 100)
        for name in CATEGORIES
    }


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits that cost points in a category, by title, with the value measured."""
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            value = audit.get("displayValue")
            found.append(f"{audit['title']} ({value})" if value else audit["title"])
    return found


def median_report(reports: list[dict]) -> dict:
    """The run with the median performance score (the lower middle of an even count)."""
    ranked = sorted(reports, key=lambda report: scores(report)["performance"])
    return ranked[(len(ranked) - 1) // 2]


def audit(
    base_url: str,
    pages: list[str],
    folder: Path,
    form_factors: list[str],
    runs: int = 1,
) -> bool:
    """Print a table of scores (medians of `runs`); return whether all reached the target."""
    width = max(len(path) for path in pages) + 2
    header = f"{'page':<{width}}{'device':<9}" + "".join(f"{c:>16}" for c in CATEGORIES)
    print(header)
    all_good = True
    for path in pages:
        for form_factor in form_factors:
            name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            reports = [
                run_lighthouse(
                    base_url + path,
                    form_factor,
                    folder / f"{name}-{form_factor}-{number}.json",
                )
                for number in range(1, runs + 1)
            ]
            result = {
                category: round(
                    statistics.median(scores(report)[category] for report in reports)
                )
                for category in CATEGORIES
            }
            print(
                f"{path:<{width}}{form_factor:<9}"
                + "".join(f"{result[c]:>16}" for c in CATEGORIES)
            )
            if runs > 1:
                each = ", ".join(str(scores(r)["performance"]) for r in reports)
                print(f"    performance of each run: {each}")
            for category, score in result.items():
                exempt = category == "seo" and path.startswith(NOINDEX_PREFIXES)
                all_good = all_good and (exempt or score >= TARGET)
                if score < 100:
                    blamed = failing_audits(median_report(reports), category)
                    print(f"    {category}: {'; '.join(blamed)}")
    return all_good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running site; default: start one")
    parser.add_argument("--page", action="append", help="a path to audit (repeatable)")
    parser.add_argument(
        "--form-factor",
        action="append",
        choices=FORM_FACTORS,
        help="mobile or desktop (repeatable); default: both",
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="audits per page; the median is shown"
    )
    parser.add_argument(
        "--reports", type=Path, help="keep the JSON reports in this folder"
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(
            f"Lighthouse is missing at {LIGHTHOUSE}: run "
            "scripts/install-browser-deps.sh --lighthouse or set LIGHTHOUSE=path"
        )
        return 2
    pages = args.page or PAGES
    with tempfile.TemporaryDirectory(prefix="lighthouse-reports-") as scratch:
        folder = args.reports or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        form_factors = args.form_factor or FORM_FACTORS
        if args.base_url:
            base_url = args.base_url.rstrip("/")
            all_good = audit(base_url, pages, folder, form_factors, args.runs)
        else:
            with demo_server() as base_url:
                all_good = audit(base_url, pages, folder, form_factors, args.runs)
    print(f"Every score at least {TARGET}: {'yes' if all_good else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
