"""Lighthouse scores for the site's key pages, mobile and desktop; not a CI gate.

Usage: .venv/bin/python benchmarks/lighthouse.py [--base-url http://127.0.0.1:8000]

Without --base-url it builds the demo site in a temporary folder with production
settings (collected, compressed static files) and serves it with gunicorn on a
free loopback port. Needs scripts/install-browser-deps.sh --lighthouse.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.stub_servers import free_port, wait_until_up  # noqa: E402

# How long the demo server may take to answer after gunicorn starts.
START_SECONDS = 60
LIGHTHOUSE = ROOT / "var/browser/node_modules/.bin/lighthouse"
PYTHON = ROOT / ".venv/bin/python"
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
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_VAR_DIR": folder,
            "DJANGO_STATIC_ROOT": f"{folder}/static",
            # Plain HTTP on loopback: no HTTPS redirect or HSTS.
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "EMAIL_PROVIDER": "console",
        }
        manage = [str(PYTHON), str(ROOT / "manage.py")]
        for command in (["migrate", "--no-input"], ["load_demo_content"]):
            subprocess.run(manage + command, env=env, check=True, capture_output=True)
        subprocess.run(
            manage + ["collectstatic", "--no-input"],
            env=env,
            check=True,
            capture_output=True,
        )
        # Production serves media from object storage or a CDN, not from Django;
        # a plain file server on its own port stands in for it here.
        media = Path(folder) / "media"
        media.mkdir(exist_ok=True)
        media_port = free_port()
        env["DJANGO_MEDIA_URL"] = f"http://127.0.0.1:{media_port}/"
        media_server = subprocess.Popen(
            [sys.executable, "-m", "http.server", "--bind", "127.0.0.1"]
            + ["--directory", str(media), str(media_port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = free_port()
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "--pythonpath",
                "site",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "config.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(f"{base_url}/healthz", START_SECONDS)
            yield base_url
        finally:
            for process in (server, media_server):
                process.terminate()
                process.wait(timeout=30)


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
    """The audits that cost points in a category, by title."""
    audits = report["audits"]
    return [
        audits[ref["id"]]["title"]
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"]
        and audits[ref["id"]]["score"] is not None
        and audits[ref["id"]]["score"] < 1
    ]


def audit(base_url: str, pages: list[str], folder: Path) -> bool:
    """Print a table of scores; return whether every score reached the target."""
    width = max(len(path) for path in pages) + 2
    header = f"{'page':<{width}}{'device':<9}" + "".join(f"{c:>16}" for c in CATEGORIES)
    print(header)
    all_good = True
    for path in pages:
        for form_factor in FORM_FACTORS:
            name = path.strip("/").replace("/", "_") or "home"
            report = run_lighthouse(
                base_url + path, form_factor, folder / f"{name}-{form_factor}.json"
            )
            result = scores(report)
            print(
                f"{path:<{width}}{form_factor:<9}"
                + "".join(f"{result[c]:>16}" for c in CATEGORIES)
            )
            for category, score in result.items():
                exempt = category == "seo" and path.startswith(NOINDEX_PREFIXES)
                all_good = all_good and (exempt or score >= TARGET)
                if score < 100:
                    print(
                        f"    {category}: {'; '.join(failing_audits(report, category))}"
                    )
    return all_good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running site; default: start one")
    parser.add_argument("--page", action="append", help="a path to audit (repeatable)")
    parser.add_argument(
        "--reports", type=Path, help="keep the JSON reports in this folder"
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: scripts/install-browser-deps.sh --lighthouse")
        return 2
    pages = args.page or PAGES
    with tempfile.TemporaryDirectory(prefix="lighthouse-reports-") as scratch:
        folder = args.reports or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if args.base_url:
            all_good = audit(args.base_url.rstrip("/"), pages, folder)
        else:
            with demo_server() as base_url:
                all_good = audit(base_url, pages, folder)
    print(f"Every score at least {TARGET}: {'yes' if all_good else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
