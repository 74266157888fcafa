"""Pages are compressed for clients that accept gzip; collected static files are
hashed, pre-compressed and cached for ever."""

import gzip
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_page):
    page = ContentPageFactory(parent=home_page, intro="A page long enough to compress.")
    page.save_revision().publish()
    return page


def test_a_page_is_gzipped_when_the_client_accepts_it(client, page):
    response = client.get(page.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<html" in gzip.decompress(response.content)


def test_a_page_is_plain_for_a_client_that_does_not_accept_gzip(client, page):
    response = client.get(page.url)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content


def test_collected_static_files_are_hashed_compressed_and_immutable(tmp_path: Path):
    production_storage = {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    }
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={**settings.STORAGES, "staticfiles": production_storage},
        # The site's own files only: collecting every app's admin assets is slow.
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = staticfiles_storage.url("css/site.css")
        whitenoise = WhiteNoiseMiddleware(lambda request: None)
        response = whitenoise(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip"))

    hashed = Path(url).name
    assert hashed != "site.css" and hashed.startswith("site.")
    assert (tmp_path / "css" / f"{hashed}.gz").exists()
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
