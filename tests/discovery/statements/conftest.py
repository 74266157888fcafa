"""An accessibility statement, a cookies page, a course and an enquiry form, all
linked from the site settings as an editor would set them."""

import pytest
from wagtail.models import Site

from home.models import SiteSettings
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.home import AccessibilityStatementPageFactory, CookiesPageFactory
from tests.forms_app.conftest import enquiry_page, privacy_page  # noqa: F401


def site_settings() -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def statement(home_page):
    page = AccessibilityStatementPageFactory(parent=home_page)
    page.save_revision().publish()
    settings = site_settings()
    settings.accessibility_page = page
    settings.save()
    return page


@pytest.fixture
def cookies_page(home_page):
    page = CookiesPageFactory(parent=home_page)
    page.save_revision().publish()
    settings = site_settings()
    settings.cookies_page = page
    settings.save()
    return page


@pytest.fixture
def course(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    page = CoursePageFactory(parent=index, title="Listening well", slug="listening")
    page.save_revision().publish()
    return page
