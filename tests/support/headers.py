"""What every response of the site must carry, and how to read its policy."""

import re
from html.parser import HTMLParser

from django.http import HttpResponse


def policy(response: HttpResponse) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_security_headers(response: HttpResponse, *, admin: bool = False) -> None:
    """The policy without inline script or style (but in the admin), and the rest."""
    where = response.wsgi_request.get_full_path()
    directives = policy(response)
    assert directives, f"{where}: no Content-Security-Policy"
    assert directives["default-src"] == ["'self'"], where
    assert directives["object-src"] == ["'none'"], where
    assert directives["base-uri"] == ["'self'"], where
    assert directives["report-uri"] == ["/csp-report/"], where
    assert directives["report-to"] == ["csp"], where
    inline = "'unsafe-inline'" in directives["script-src"] + directives["style-src"]
    assert inline is admin, f"{where}: 'unsafe-inline' is {inline}"
    assert "'unsafe-eval'" not in directives["script-src"], where
    assert not any("nonce-" in s for s in directives["script-src"]), where
    # The admin frames previews, which carry the public pages' policy.
    assert directives["frame-ancestors"] == ["'self'"], where
    assert response["Reporting-Endpoints"] == 'csp="/csp-report/"', where
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions, f"{where}: {permissions}"
    assert "interest-cohort" not in permissions
    assert response["Referrer-Policy"] == "same-origin", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where


class InlineCode(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "style":
            self.found.append("<style>")
        # JSON-LD and other data blocks are never executed: no policy applies.
        data_types = {"application/ld+json", "application/json"}
        if (
            tag == "script"
            and "src" not in attributes
            and (attributes.get("type") not in data_types)
        ):
            self.found.append("<script> without src")
        for name, value in attrs:
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if re.fullmatch(r"on[a-z]+", name):
                self.found.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action"} and (
                value or ""
            ).lower().strip().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:...>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found
