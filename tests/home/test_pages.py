"""Home and content pages: where they go, what they render, the error pages."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import ContentPage, HomePage
from home.views import server_error
from tests.factories import ContentPageFactory
from tests.support.two_factor import app_device, code_for

pytestmark = pytest.mark.django_db


class TestPageTreeRules(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_content_pages_go_under_home_or_other_content_pages(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(ContentPage, HomePage)


def test_home_page_renders_title_intro_and_body(client, home_page):
    home_page.body = [("paragraph", "<p>Our facilitators are clinicians.</p>")]
    home_page.save_revision().publish()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Test home</h1>" in html
    assert "Welcome." in html
    assert "Our facilitators are clinicians." in html
    assert '<html lang="en-gb">' in html
    assert 'class="skip-link" href="#main-content"' in html
    assert '<main id="main-content"' in html


def test_content_page_shows_breadcrumbs_and_menu(client, home_page):
    about = ContentPageFactory(parent=home_page, title="About us", show_in_menus=True)
    response = client.get(about.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="Breadcrumb"' in html
    assert '<span aria-current="page">About us</span>' in html
    assert f'<a href="{about.url}" aria-current="page">About us</a>' in html


def test_unknown_address_gets_the_site_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_needs_no_database(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_robots_and_health_check(client, home_page):
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.content == b"ok\n"


def test_admin_login_works(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "e@example.org", "s3cret-pass"
    )
    device = app_device(user)
    response = client.post(
        "/admin/login/", {"username": "editor", "password": "s3cret-pass"}
    )
    assert response.status_code == 302
    # The password alone is not enough: the second factor comes next.
    verify = client.get("/admin/")
    assert verify["Location"].startswith("/admin/two-factor/verify/")
    client.post(verify["Location"], {"code": code_for(device)})
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert b"Dashboard" in dashboard.content


def test_admin_login_refuses_a_wrong_password(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "s3cret-pass")
    response = client.post("/admin/login/", {"username": "editor", "password": "no"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302
