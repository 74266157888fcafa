"""/cy/ serves the Welsh tree once a page is translated, and the switcher links across."""

import pytest

from home.demo.translation import translate
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def test_welsh_tree_is_served_under_cy_once_translated(
    client, home_page, django_capture_on_commit_callbacks
):
    about = ContentPageFactory(parent=home_page, title="About us", slug="about")
    # Untranslated, Wagtail falls back to the English page, marked as English.
    fallback = client.get("/cy/about/").content.decode()
    assert '<html lang="en-gb">' in fallback

    # wagtail-localize publishes translations when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, "cy", {"Test home": "Hafan prawf"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(about, "cy", {"About us": "Amdanom ni"})

    response = client.get("/cy/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="cy">' in html
    assert "<h1>Amdanom ni</h1>" in html
    # The switcher points at the English version of this same page.
    assert 'href="/about/" lang="en-gb" hreflang="en-gb">English' in html


def test_language_switcher_falls_back_to_the_other_home_page(
    client, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, "cy", {"Test home": "Hafan prawf"})
    about = ContentPageFactory(parent=home_page, title="About us", slug="about")
    html = client.get(about.url).content.decode()
    assert 'href="/cy/" lang="cy" hreflang="cy">Cymraeg</a>' in html
    assert "<h1>Hafan prawf</h1>" in client.get("/cy/").content.decode()
