"""Where the browser tests find Chromium and axe-core, and whether they can run."""

import importlib.util
import os
from pathlib import Path

from django.conf import settings

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_CORE = Path(
    os.environ.get(
        "AXE_CORE_PATH",
        str(settings.BASE_DIR / "var/browser/node_modules/axe-core/axe.min.js"),
    )
)
# Without the background-networking flags Chromium keeps dialling Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
INSTALL_HINT = "run scripts/install-browser-deps.sh"


def missing_requirements() -> list[str]:
    """Name each thing the browser tests need that this machine lacks."""
    missing = []
    if importlib.util.find_spec("playwright") is None:
        missing.append("the playwright Python package")
    if not CHROMIUM.exists():
        missing.append(f"Chromium at {CHROMIUM}")
    if not AXE_CORE.exists():
        missing.append(f"axe-core at {AXE_CORE}")
    return missing


def browser_tests_required() -> bool:
    """CI sets REQUIRE_BROWSER_TESTS=1 so a missing browser fails instead of skipping."""
    return os.environ.get("REQUIRE_BROWSER_TESTS") == "1"


def artifacts_dir() -> Path:
    return Path(
        os.environ.get("TEST_ARTIFACTS_DIR", str(settings.BASE_DIR / "test-artifacts"))
    )
