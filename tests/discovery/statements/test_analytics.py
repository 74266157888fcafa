"""The analytics option: off by default (no script, the policy exactly as
configured), and when set one deferred script whose origin, and only it, joins
script-src and connect-src of public HTML pages; never an extra query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.discovery.statements.conftest import site_settings
from tests.support.headers import assert_security_headers, policy

pytestmark = pytest.mark.django_db

SCRIPT = "https://stats.example.net/js/script.js"
ORIGIN = "https://stats.example.net"


def configured(settings) -> dict[str, list[str]]:
    """The public policy exactly as the settings declare it."""
    return {
        name: [sources] if isinstance(sources, str) else list(sources)
        for name, sources in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
    }


@pytest.fixture
def analytics(home_page):
    settings = site_settings()
    settings.analytics_script_url = SCRIPT
    settings.save()
    return settings


def test_off_by_default_then_on_only_the_analytics_origin_joins_the_policy(
    client, home_page, course, settings
):
    urls = ("/", course.url, "/cy/", "/no-such-page/")
    for url in urls:
        response = client.get(url)
        assert "data-domain" not in response.content.decode(), url
        assert policy(response) == configured(settings), url

    stored = site_settings()
    stored.analytics_script_url = SCRIPT
    stored.save()
    expected = configured(settings)
    expected["script-src"].append(ORIGIN)
    expected["connect-src"].append(ORIGIN)
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        script = f'<script src="{SCRIPT}" defer data-domain="testserver"></script>'
        assert script in html, url
        assert policy(response) == expected, url
        assert_security_headers(response)
    # The script comes after the site's own.
    html = client.get("/").content.decode()
    assert html.index("js/site.js") < html.index(SCRIPT)


def test_the_admin_and_non_html_responses_never_get_the_origin(
    client, analytics, course, admin_user
):
    assert ORIGIN in client.get(course.url)["Content-Security-Policy"]
    client.force_login(admin_user)
    # The admin, non-HTML responses and an HTML answer that renders no page.
    for url in (
        "/admin/",
        "/robots.txt",
        "/sitemap.xml",
        "/courses/calendar/",
        "/csp-report/",
    ):
        response = client.get(url)
        assert ORIGIN not in response.get("Content-Security-Policy", ""), url
    assert SCRIPT not in client.get("/admin/").content.decode()


def queries_for(client, url: str) -> list[str]:
    """The SQL one GET runs."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries]


def test_the_policy_costs_no_query_on_a_page_that_read_the_settings(
    client, analytics, course, settings
):
    for url in ("/", course.url, "/cy/"):
        queries_for(client, url)  # warm Wagtail's cached site and page lookups
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert ORIGIN in policy(response)["script-src"], url
        middleware = settings.MIDDLEWARE
        settings.MIDDLEWARE = [m for m in middleware if "security_headers" not in m]
        without_policy = queries_for(client, url)
        settings.MIDDLEWARE = middleware
        assert len(queries) == len(without_policy), url


def test_the_cookies_page_says_whether_analytics_is_on(client, cookies_page):
    html = client.get(cookies_page.url).content.decode()
    assert "We do not use analytics on this website." in html
    settings = site_settings()
    settings.analytics_script_url = SCRIPT
    settings.save()
    html = client.get(cookies_page.url).content.decode()
    assert "It sets no cookies" in html
