"""Every page type carries the content security policy and the other security
headers, and no public page holds code that policy would block."""

import base64
import hashlib
import json
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from home.models import ContentPage
from tests.factories import ContentPageFactory
from tests.support.headers import assert_security_headers, inline_code, policy

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("/", 200),
    ("/about/", 200),
    ("/courses/", 200),
    ("/courses/?format=online&price=free", 200),
    ("/courses/compassionate-leadership/", 200),
    ("/courses/calendar/", 200),
    ("/facilitators/", 200),
    ("/facilitators/dr-maren-ellery/", 200),
    ("/bespoke-workshops/", 200),
    ("/courses/compassionate-leadership/apply/", 200),
    ("/no-such-page/", 404),
]


@pytest.mark.parametrize("language", ["", "/cy"], ids=["english", "welsh"])
def test_every_public_page_type_has_the_policy_and_no_inline_code(
    client, demo_site, language
):
    for path, status in PUBLIC_PAGES:
        response = client.get(language + path)
        assert response.status_code == status, language + path
        assert_security_headers(response)
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            assert inline_code(html) == [], f"{language}{path}: {inline_code(html)}"


def test_an_embedded_video_has_no_inline_style(client, home_page):
    url = "https://www.youtube.com/watch?v=abc123"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        width=640,
        height=360,
        html='<iframe src="https://www.youtube-nocookie.com/embed/abc123" '
        'width="640" height="360" title="Video"></iframe>',
    )
    page = ContentPageFactory(
        parent=home_page,
        title="Watch",
        body=[("embed", {"embed": url, "title": "Our course in two minutes"})],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert "youtube-nocookie.com/embed/abc123" in html
    assert inline_code(html) == []
    assert "https://www.youtube-nocookie.com" in policy(response)["frame-src"]


def test_a_form_with_errors_keeps_the_policy(client, demo_site):
    response = client.post("/bespoke-workshops/", {})
    assert response.status_code == 200
    assert_security_headers(response)
    assert inline_code(response.content.decode()) == []


def test_admin_login_has_the_admin_policy(client, demo_site):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert_security_headers(response, admin=True)
    assert response["X-Frame-Options"] == "DENY"


def test_page_preview_can_be_framed_by_the_admin_only(client, demo_site):
    client.force_login(
        get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    )
    about = ContentPage.objects.get(
        url_path__endswith="/about/", locale__language_code="en-gb"
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[about.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[about.pk]))
    assert edit.status_code == 200
    assert_security_headers(edit, admin=True)

    # The editor's form, as the preview panel sends it, then the framed preview.
    data = {
        "title": "About our centre",
        "slug": about.slug,
        "intro": "",
        "body-count": 0,
    }
    checked = client.post(preview_url, data)
    assert checked.json()["is_valid"], checked.content
    response = client.get(preview_url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # Wagtail renders the page through the whole stack: the policy visitors get.
    assert_security_headers(response)
    assert inline_code(response.content.decode()) == []
    assert "About our centre" in response.content.decode()


@pytest.mark.urls("tests.home.error_urls")
def test_server_error_page_style_is_allowed_by_its_hash(client):
    client.raise_request_exception = False
    response = client.get("/fail/")
    assert response.status_code == 500
    style = re.search(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest())
    style_src = policy(response)["style-src"]
    assert f"'sha256-{digest.decode()}'" in style_src
    assert "'unsafe-inline'" not in style_src


def test_violation_reports_are_logged_without_query_strings(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://cpd.example.org/bespoke-workshops/thanks/?ref=42&name=Asha",
            "violated-directive": "script-src-elem",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://user:secret@evil.example.com/x.js?email=asha@example.org#f",
            "source-file": "https://cpd.example.org/static/js/site.js?v=1",
            "line-number": 7,
            "script-sample": "asha@example.org",
        }
    }
    with caplog.at_level(logging.WARNING, logger="home.csp_reports"):
        response = client.post(
            "/csp-report/", json.dumps(report), content_type="application/csp-report"
        )
    assert response.status_code == 204
    logged = caplog.text
    assert "directive=script-src-elem" in logged
    assert "document=https://cpd.example.org/bespoke-workshops/thanks/" in logged
    assert "blocked=https://evil.example.com/x.js" in logged
    assert "line=7" in logged
    for private in ("ref=42", "Asha", "asha@", "secret", "email=", "v=1"):
        assert private not in logged


def test_reporting_api_reports_are_logged_too(client, caplog):
    reports = [
        {
            "type": "csp-violation",
            "url": "https://cpd.example.org/?q=x",
            "body": {
                "documentURL": "https://cpd.example.org/courses/?q=asha",
                "effectiveDirective": "style-src-attr",
                "blockedURL": "inline",
                "disposition": "enforce",
            },
        }
    ]
    with caplog.at_level(logging.WARNING, logger="home.csp_reports"):
        response = client.post(
            "/csp-report/", reports, content_type="application/reports+json"
        )
    assert response.status_code == 204
    assert "directive=style-src-attr" in caplog.text
    assert "document=https://cpd.example.org/courses/\n" in caplog.text
    assert "asha" not in caplog.text


def test_report_endpoint_refuses_large_bodies_and_other_methods(client, caplog):
    big = b'{"csp-report": {"blocked-uri": "' + b"x" * 20_000 + b'"}}'
    with caplog.at_level(logging.WARNING, logger="home.csp_reports"):
        response = client.post(
            "/csp-report/", big, content_type="application/csp-report"
        )
    assert response.status_code == 413
    assert client.get("/csp-report/").status_code == 405
    assert "CSP violation" not in caplog.text


def test_report_logging_is_capped_per_minute(client, caplog):
    report = {"csp-report": {"violated-directive": "img-src", "blocked-uri": "data"}}
    with caplog.at_level(logging.WARNING, logger="home.csp_reports"):
        for _ in range(70):
            assert (
                client.post(
                    "/csp-report/",
                    json.dumps(report),
                    content_type="application/csp-report",
                ).status_code
                == 204
            )
    assert caplog.text.count("CSP violation") == 60
