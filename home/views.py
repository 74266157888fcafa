"""Small site-wide views: robots.txt, a health check, CSP reports and the error pages."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail import views as wagtail_views

from home.csp_reports import MAX_REPORT_BYTES, log_violations
from home.routing import remember_route
from home.security_headers import inline_style_hashes


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer 200 when the database answers, for load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", {"is_error_page": True}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or queries: the database may be what failed.
    response = HttpResponse(get_template("500.html").render(), status=500)
    response._csp_update = inline_style_hashes("500.html")
    return response


@csrf_exempt  # Browsers send reports without a token or cookies.
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log a browser's Content-Security-Policy violation report, without personal data."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if not 0 < length <= MAX_REPORT_BYTES:
        return HttpResponse(status=413 if length else 400)
    log_violations(request.read(MAX_REPORT_BYTES))
    return HttpResponse(status=204)


def serve_page(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, with the route found in a fixed number of queries."""
    remember_route(request, path)
    return wagtail_views.serve(request, path)
