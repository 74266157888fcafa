"""Every page's footer links to the accessibility statement and the cookies page,
in the visitor's language where a live translation exists."""

import re

import pytest
from django.test import Client

from tests.support.translation import welsh

pytestmark = pytest.mark.django_db


def footer_links(html: str) -> dict[str, str]:
    footer = html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]
    return {
        text: href
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)
    }


def test_footer_links_on_every_page_type_in_both_languages(
    home_page, course, enquiry_page, statement, cookies_page, editor
):
    client = Client()  # a visitor, beside the signed-in editor
    editor.submit(home_page, "cy", include_subtree=False)
    editor.publish(welsh(home_page))
    editor.submit(cookies_page, "cy", include_subtree=False)
    editor.publish(welsh(cookies_page))

    english = [
        "/",
        course.url,
        enquiry_page.url,
        statement.url,
        cookies_page.url,
        "/certificates/verify/",
        "/no-such-page/",
    ]
    for url in english:
        links = footer_links(client.get(url).content.decode())
        assert links["Accessibility statement"] == "/accessibility/", url
        assert links["Cookies"] == "/cookies/", url

    for url in ("/cy/", "/cy/cookies/", "/cy/certificates/verify/", "/cy/no-such/"):
        links = footer_links(client.get(url).content.decode())
        # The statement has no Welsh translation yet: the English page it is.
        assert "/accessibility/" in links.values(), url
        assert "/cy/cookies/" in links.values(), url

    editor.submit(statement, "cy", include_subtree=False)
    editor.publish(welsh(statement))
    links = footer_links(client.get("/cy/").content.decode())
    assert "/cy/accessibility/" in links.values()
