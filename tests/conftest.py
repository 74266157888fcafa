"""Fixtures shared by every test: a clean cache, locales and a demo-shaped site."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from tests.support.translation import TranslationEditor


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail caches site lookups; a stale entry gives Site.DoesNotExist.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    english, _ = Locale.objects.get_or_create(language_code="en-gb")
    welsh, _ = Locale.objects.get_or_create(language_code="cy")
    return {"en-gb": english, "cy": welsh}


@pytest.fixture
def home_page(locales) -> HomePage:
    """A published home page as the default site's root."""
    # Transactional tests flush the database, root page included.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["en-gb"])
    )
    home = HomePage(title="Test home", slug="test-home", intro="Welcome.")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True
    )
    return home


@pytest.fixture
def editor(client, django_capture_on_commit_callbacks) -> TranslationEditor:
    """A superuser working through wagtail-localize's admin views."""
    client.force_login(
        get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    )
    return TranslationEditor(client, django_capture_on_commit_callbacks)
