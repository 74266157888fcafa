"""The Welsh interface catalogue: Welsh pages show Welsh labels, English ones don't."""

import gettext
import html
import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polib
import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Site

from courses.models import CoursePage
from forms_app.models import EnquiryFormPage, Submission
from home.demo.translation import translate
from home.models import SiteSettings
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.forms_app import EnquiryFormFieldFactory, EnquiryFormPageFactory

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "cy" / "LC_MESSAGES"


def page_text(response) -> str:
    """The response body with HTML entities decoded, as a visitor reads it."""
    return html.unescape(response.content.decode())


@pytest.fixture
def welsh_home(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, "cy", {home_page.title: "Hafan prawf"})
    return home_page


@pytest.fixture
def course(welsh_home, django_capture_on_commit_callbacks):
    """An English course with one online session next January, and its translation."""
    index = CourseIndexPageFactory(parent=welsh_home, title="Courses")
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, "cy", {index.title: "Cyrsiau"})
    page = CoursePageFactory(parent=index, title="Creative Empathy Hour")
    run = CourseRunFactory(course=page, title="Winter hour")
    start = datetime(
        timezone.now().year + 1, 1, 13, 12, 30, tzinfo=ZoneInfo("Europe/London")
    )
    CourseSessionFactory(
        run=run, start=start, end=start.replace(hour=13, minute=30), format="online"
    )
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, "cy", {page.title: "Awr Empathi Greadigol"})
    return page


def test_welsh_home_page_has_a_welsh_skip_link(welsh_home, client):
    text = page_text(client.get("/cy/"))
    assert "Neidio i'r prif gynnwys" in text
    assert "Skip to main content" not in text


def test_footer_text_follows_the_page_language(welsh_home, client):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.footer_text = "<p>Fictional people throughout.</p>"
    site_settings.footer_text_cy = "<p>Pobl ddychmygol drwyddi draw.</p>"
    site_settings.save()
    assert "Pobl ddychmygol drwyddi draw." in page_text(client.get("/cy/"))
    assert "Fictional people throughout." in page_text(client.get("/"))
    site_settings.footer_text_cy = ""
    site_settings.save()
    assert "Fictional people throughout." in page_text(client.get("/cy/"))


def test_english_home_page_keeps_english_interface(welsh_home, client):
    text = page_text(client.get("/"))
    assert "Skip to main content" in text
    assert "Neidio" not in text


def test_welsh_course_page_shows_welsh_labels_and_month(course, client):
    welsh = CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="cy"
    )
    assert welsh.url.startswith("/cy/")
    text = page_text(client.get(welsh.url))
    assert "Dyddiadau i ddod" in text
    assert "Ar-lein" in text
    assert "Ionawr" in text
    assert "Amser Cymedrig Greenwich" in text
    assert "Upcoming dates" not in text
    assert "January" not in text


def test_english_course_page_keeps_english_labels_and_month(course, client):
    text = page_text(client.get(course.url))
    assert "Upcoming dates" in text
    assert "January" in text
    assert "Greenwich Mean Time" in text
    assert "Ionawr" not in text


def test_welsh_course_index_month_filter_is_in_welsh(course, client):
    welsh_index = course.get_parent().get_translation(
        Locale.objects.get(language_code="cy")
    )
    text = page_text(client.get(welsh_index.url))
    assert "Unrhyw fis" in text
    assert f"Ionawr {timezone.now().year + 1}" in text
    english = page_text(client.get(course.get_parent().url))
    assert f"January {timezone.now().year + 1}" in english


@pytest.fixture
def welsh_enquiry(welsh_home, django_capture_on_commit_callbacks) -> EnquiryFormPage:
    page = EnquiryFormPageFactory(parent=welsh_home, slug="enquiry", title="Enquiry")
    EnquiryFormFieldFactory(page=page, label="Message", field_type="multiline")
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        welsh = translate(page, "cy", {page.title: "Ymholiad"})
    return welsh.specific


def test_welsh_form_error_summary_is_welsh(welsh_enquiry, client):
    assert welsh_enquiry.url.startswith("/cy/")
    response = client.post(welsh_enquiry.url, {"contact_name": "", "message": "Hi"})
    assert response.status_code == 200
    text = page_text(response)
    assert "Mae problem wedi codi" in text
    assert "Eich cyfeiriad e-bost" in text
    assert "There is a problem" not in text
    assert not Submission.objects.exists()


def test_english_form_error_summary_stays_english(welsh_enquiry, client):
    english = welsh_enquiry.get_translation(welsh_enquiry.locale.get_default())
    text = page_text(client.post(english.url, {"contact_name": ""}))
    assert "There is a problem" in text
    assert "Mae problem wedi codi" not in text


def _entries(catalog: dict) -> dict:
    # The header entry ("") carries dates that differ between compiles.
    return {key: value for key, value in catalog.items() if key != ""}


def test_compiled_catalogue_matches_the_po_file():
    """Fails when django.po was edited but django.mo not recompiled."""
    po = polib.pofile(str(CATALOGUE / "django.po"))
    fresh = gettext.GNUTranslations(io.BytesIO(po.to_binary()))
    with open(CATALOGUE / "django.mo", "rb") as handle:
        committed = gettext.GNUTranslations(handle)
    assert _entries(committed._catalog) == _entries(fresh._catalog)
    assert committed.plural(6) == 4
