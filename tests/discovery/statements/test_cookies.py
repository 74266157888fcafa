"""The cookies page lists exactly the cookies the site sets: a crawl through the
public pages, a form, the certificate check and a real two-factor sign-in collects
every Set-Cookie, and the generated table must describe each one."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from home.cookies import site_cookies
from tests.forms_app.conftest import form_data
from tests.support.translation import welsh
from tests.support.two_factor import app_device, code_for

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passw0rd"


class CookieTable(HTMLParser):
    """The names in the first column of the cookies page's table."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs) -> None:
        self._in_code = tag == "code"

    def handle_endtag(self, tag) -> None:
        self._in_code = False

    def handle_data(self, data) -> None:
        if self._in_code:
            self.names.append(data)


def crawl(client, course, enquiry_page, cookies_page) -> set[str]:
    """Every cookie name any response set while a visitor and an editor go round."""
    seen: set[str] = set()

    def record(response) -> None:
        seen.update(response.cookies.keys())

    for url in ("/", course.url, "/cy/", cookies_page.url, "/search/"):
        record(client.get(url))
    record(client.get(enquiry_page.url))
    record(client.post(enquiry_page.url, form_data()))
    record(client.get("/certificates/verify/"))
    record(client.post("/certificates/verify/", {"code": "ABCD-EFGH"}))

    editor = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )
    device = app_device(editor)
    record(client.get("/admin/login/"))
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    record(response)
    record(client.get("/admin/"))
    response = client.post(
        "/admin/two-factor/verify/", {"code": code_for(device), "next": "/admin/"}
    )
    assert response.status_code == 302
    record(response)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    record(dashboard)
    # Signing out leaves "You have been successfully logged out." for the next page.
    record(client.post("/admin/logout/"))
    record(client.get("/admin/login/"))
    return seen


def test_every_cookie_set_is_listed_and_every_listed_cookie_is_set(
    client, home_page, course, enquiry_page, cookies_page
):
    seen = crawl(client, course, enquiry_page, cookies_page)
    listed = {cookie.name for cookie in site_cookies()}
    assert seen, "the crawl set no cookie at all"
    assert seen <= listed, f"set but not on the cookies page: {seen - listed}"
    set_by_server = {c.name for c in site_cookies() if c.set_by_server}
    assert set_by_server <= seen, f"listed but never set: {set_by_server - seen}"


def test_the_cookies_page_shows_the_generated_table_in_both_languages(
    client, cookies_page, editor
):
    response = client.get(cookies_page.url)
    assert response.status_code == 200
    table = CookieTable()
    table.feed(response.content.decode())
    assert table.names == [cookie.name for cookie in site_cookies()]
    html = response.content.decode()
    assert "2 weeks" in html  # SESSION_COOKIE_AGE
    assert "52 weeks" in html  # CSRF_COOKIE_AGE
    assert "Strictly necessary" in html

    editor.submit(cookies_page, "cy", include_subtree=False)
    welsh_page = welsh(cookies_page)
    editor.publish(welsh_page)
    client.logout()
    response = client.get("/cy/cookies/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="cy"' in html
    table = CookieTable()
    table.feed(html)
    assert table.names == [cookie.name for cookie in site_cookies()]


def test_the_table_follows_the_settings(client, cookies_page, settings):
    settings.SESSION_COOKIE_NAME = "cpd_session"
    settings.SESSION_COOKIE_AGE = 3 * 3600
    settings.CSRF_COOKIE_SECURE = True
    html = client.get(cookies_page.url).content.decode()
    assert "<code>cpd_session</code>" in html
    assert "<code>sessionid</code>" not in html
    assert "3 hours" in html
    assert "sent only over HTTPS" in html
