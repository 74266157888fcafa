"""The demo's accessibility statement, cookies page and course enquiry address, in
both languages, and the loader converting an older demo's plain statement page."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from wagtail.models import Page, Site

from home.demo.site import ADMIN_USERNAME
from home.demo.statements import build_statements
from home.models import (
    AccessibilityStatementPage,
    ContentPage,
    CookiesPage,
    HomePage,
    SiteSettings,
)

pytestmark = pytest.mark.django_db


def test_demo_statement_and_cookies_page_in_both_languages(client, demo_site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert isinstance(settings.accessibility_page.specific, AccessibilityStatementPage)
    assert isinstance(settings.cookies_page.specific, CookiesPage)

    html = client.get("/accessibility/").content.decode()
    assert "<h1>Accessibility statement</h1>" in html
    assert "not tagged" in html
    assert "1.3.1 Info and relationships" in html
    assert "axe-core" in html
    today = timezone.localdate()
    assert formats.date_format(today - timedelta(days=30), "j F Y") in html
    assert formats.date_format(today + timedelta(days=180), "j F Y") in html

    welsh = client.get("/cy/accessibility/")
    assert welsh.status_code == 200
    html = welsh.content.decode()
    assert "<h1>Datganiad hygyrchedd</h1>" in html
    assert "datganiad hygyrchedd hwn yn berthnasol i http://" in html
    assert "PDF heb dagiau" in html

    for url, title in (("/cookies/", "Cookies"), ("/cy/cookies/", "Cwcis")):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{title}</h1>" in html
        assert "<code>csrftoken</code>" in html

    footer = client.get("/cy/").content.decode().split("<footer", 1)[1]
    assert 'href="/cy/accessibility/"' in footer
    assert 'href="/cy/cookies/"' in footer


def test_demo_course_with_its_own_enquiry_address(client, demo_site):
    html = client.get("/courses/compassionate-leadership/").content.decode()
    line = re.search(r'<p class="course-enquiry">(.*?)</p>', html, re.DOTALL)
    assert "the leadership course team" in line.group(1)
    assert 'href="mailto:leadership@example.org"' in line.group(1)
    other = client.get("/courses/creative-empathy-hour/").content.decode()
    assert 'href="mailto:hello@example.org">hello@example.org</a>' in other


def test_loader_converts_an_older_demos_plain_statement_page(demo_site):
    home = HomePage.objects.get(depth=2, locale__language_code="en-gb")
    user = get_user_model().objects.get(username=ADMIN_USERNAME)
    statement = AccessibilityStatementPage.objects.get(locale=home.locale)
    Page.objects.filter(translation_key=statement.translation_key).delete()
    old = ContentPage(slug="accessibility", title="Accessibility statement")
    home.add_child(instance=old)
    old.save_revision().publish()

    build_statements(home, user, "http://testserver")
    pages = Page.objects.child_of(home).filter(slug="accessibility")
    assert [type(p.specific) for p in pages] == [AccessibilityStatementPage]
    assert not ContentPage.objects.filter(slug="accessibility").exists()
    count = Page.objects.count()
    build_statements(home, user, "http://testserver")
    assert Page.objects.count() == count
