"""The site's security headers: one content security policy for public pages, one
for the Wagtail admin, the Permissions-Policy, and hashes for fixed inline styles."""

import base64
import hashlib
import re
from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.template.loader import get_template

from home.models import SiteSettings

STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy under /admin/ and
    adding the analytics script's origin to public pages when one is set."""

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIX)
        ):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        elif not report_only and parts.config is None:
            origin = analytics_origin(request, response)
            if origin:
                update = dict(parts.update or {})
                for directive in ANALYTICS_DIRECTIVES:
                    update[directive] = [*_as_list(update.get(directive)), origin]
                parts.update = update
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", permissions_policy())
        # Where the policy's report-to group sends violation reports.
        group = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-to"]
        response.setdefault(
            "Reporting-Endpoints", f'{group}="{settings.CSP_REPORT_PATH}"'
        )
        return response


# What a cookie-less analytics script needs: to load, and to send its counts.
ANALYTICS_DIRECTIVES = ("script-src", "connect-src")


def _as_list(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def analytics_origin(request: HttpRequest, response: HttpResponseBase) -> str:
    """The origin of the analytics script a public HTML page loaded, else "".

    Only a page whose template read the site settings (base.html does, and adds
    the script) has them cached on the request: reading them costs no query, and
    a response that never rendered base.html gets the policy unchanged.
    """
    if request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIX):
        return ""
    if not response.get("Content-Type", "").startswith("text/html"):
        return ""
    site_settings = getattr(request, SiteSettings.get_cache_attr_name(), None)
    if site_settings is None:
        return ""
    parts = urlsplit(site_settings.analytics_script_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme == "https" else ""


def permissions_policy() -> str:
    """PERMISSIONS_POLICY as a header: `camera=(), fullscreen=(self)`."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})"
        for feature, allowed in settings.PERMISSIONS_POLICY.items()
    )


@cache
def inline_style_hashes(template_name: str) -> dict[str, list[str]]:
    """A CSP update allowing the fixed <style> elements of a template with no tags."""
    source = get_template(template_name).template.source
    return {"style-src": [sha256_source(s) for s in STYLE_ELEMENT.findall(source)]}


def sha256_source(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"
