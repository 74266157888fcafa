"""Content-Security-Policy violation reports, reduced to what is safe to log."""

import json
import logging
from urllib.parse import urlsplit, urlunsplit

from django.core.cache import cache

logger = logging.getLogger(__name__)

# A real report is well under 2 KB; anything larger is not worth reading.
MAX_REPORT_BYTES = 16 * 1024
# Reports logged per minute across the site; a broken page on a busy day would
# otherwise repeat one line thousands of times.
MAX_LOGGED_PER_MINUTE = 60
LOGGED_FIELDS = {
    # report-uri's names, then the Reporting API's.
    "document-uri": "document",
    "documentURL": "document",
    "effective-directive": "directive",
    "effectiveDirective": "directive",
    "violated-directive": "directive",
    "blocked-uri": "blocked",
    "blockedURL": "blocked",
    "source-file": "source",
    "sourceFile": "source",
    "line-number": "line",
    "lineNumber": "line",
    "disposition": "disposition",
}


def violations(body: bytes) -> list[dict[str, str]]:
    """Each violation in a report body, with URLs cut to scheme, host and path.

    Query strings and fragments can carry a visitor's answers or a reference,
    and script samples can carry page text, so neither is kept.
    """
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        return []
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        reports = [data["csp-report"]]
    elif isinstance(data, list):
        reports = [
            item["body"]
            for item in data
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    else:
        reports = []
    return [summary(report) for report in reports]


def summary(report: dict) -> dict[str, str]:
    kept: dict[str, str] = {}
    for field, name in LOGGED_FIELDS.items():
        value = report.get(field)
        if value is not None and name not in kept:
            kept[name] = without_query(str(value))[:200]
    return kept


def without_query(value: str) -> str:
    """A URL without user name, password, query or fragment; a keyword unchanged."""
    parts = urlsplit(value)
    if not parts.scheme or not parts.netloc:
        return value.split("?", 1)[0].split("#", 1)[0]
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def may_log() -> bool:
    """Count this report against the minute's allowance."""
    key = "csp-reports-logged"
    cache.add(key, 0, timeout=60)
    try:
        return cache.incr(key) <= MAX_LOGGED_PER_MINUTE
    except ValueError:  # expired between add and incr
        return True


def log_violations(body: bytes) -> int:
    """Log each violation in the body within the allowance; how many were logged."""
    logged = 0
    for violation in violations(body):
        if not may_log():
            break
        logger.warning(
            "CSP violation: %s",
            " ".join(f"{name}={value}" for name, value in sorted(violation.items())),
        )
        logged += 1
    return logged
