"""Fixtures shared by every test: a media folder, a clean cache, locales, a
demo-shaped site and the demo site itself."""

from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from tests.support.database import restore, snapshot
from tests.support.translation import TranslationEditor
from tests.support.two_factor import app_device


# Before pytest-django's own hook, whose stable sort keeps this order within its groups.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The demo tests go first, together: xdist hands out consecutive tests, so
    # one worker gets them all and builds the demo site once.
    items.sort(key=lambda item: "demo_site" not in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Uploads and renditions go to a folder of this run, one per xdist worker."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail caches site lookups; a stale entry gives Site.DoesNotExist.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _logins_carry_a_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """`client.login` and `force_login` sessions are verified with a real app device.

    Only the test client's shortcuts: signing in through the login page still
    meets the second factor, as the tests in tests/accounts do.
    """
    plain_login = Client._login
    plain_credentials_login = Client.login

    def login_verified(self, user, backend=None) -> None:
        plain_login(self, user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
        session.save()

    def login_with_request(self, **credentials) -> bool:
        # Axes judges every attempt by its request; the shortcut has none.
        credentials.setdefault("request", RequestFactory().post("/admin/login/"))
        return plain_credentials_login(self, **credentials)

    monkeypatch.setattr(Client, "_login", login_verified)
    monkeypatch.setattr(Client, "login", login_with_request)


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


@dataclass(frozen=True)
class DemoSite:
    """The demo site as `load_demo_content` built it: every row, and what it printed."""

    rows: str
    output: str


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> DemoSite:
    """Build the demo site once per run, committing as the command does."""
    with django_db_blocker.unblock():
        migrated = getattr(connection, "_test_serialized_contents", None) or snapshot()
        # Start from the migrated state even if a transactional test emptied it.
        restore(migrated)
        output = StringIO()
        call_command("load_demo_content", stdout=output)
        demo = DemoSite(rows=snapshot(), output=output.getvalue())
        # Leave the database as the tests after this expect it: freshly migrated.
        restore(migrated)
    return demo


@pytest.fixture
def demo_site(db, demo_snapshot: DemoSite) -> DemoSite:
    """The demo site, restored inside this test's transaction and gone after it."""
    restore(demo_snapshot.rows)
    return demo_snapshot


@pytest.fixture
def editor(client, django_capture_on_commit_callbacks) -> TranslationEditor:
    """A superuser working through wagtail-localize's admin views."""
    client.force_login(
        get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    )
    return TranslationEditor(client, django_capture_on_commit_callbacks)
