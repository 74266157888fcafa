"""Every page's head carries its canonical address, language versions and sharing tags."""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import SiteSettings
from home.templatetags import seo_tags
from tests.discovery.meta.conftest import SharingImageFactory
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)
from tests.factories.forms_app import EnquiryFormPageFactory

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


class Head(HTMLParser):
    """The <link> and <meta> tags of a page's head, as attribute dictionaries."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict] = []
        self.metas: list[dict] = []
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag == "link":
            self.links.append(dict(attrs))
        elif self.in_head and tag == "meta":
            self.metas.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False

    def canonical(self) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def hreflangs(self) -> dict[str, str]:
        found = [
            (link["hreflang"], link["href"])
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" in link
        ]
        assert len(found) == len(dict(found)), f"repeated hreflang: {found}"
        return dict(found)

    def meta(self, key: str) -> list[str]:
        return [
            tag["content"]
            for tag in self.metas
            if tag.get("property") == key or tag.get("name") == key
        ]

    def one(self, key: str) -> str:
        values = self.meta(key)
        assert len(values) == 1, f"{key}: {values}"
        return values[0]


def head_of(client, url: str, status: int = 200) -> Head:
    response = client.get(url)
    assert response.status_code == status, url
    head = Head()
    head.feed(response.content.decode())
    return head


def set_default_image(image) -> None:
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Empathy Training Centre"
    site_settings.default_social_image = image
    site_settings.save()


def test_english_course_page_lists_itself_its_welsh_version_and_x_default(
    client, course, welsh_course
):
    set_default_image(None)
    head = head_of(client, course.url)
    english, welsh = BASE + course.url, BASE + welsh_course.url
    assert welsh_course.url.startswith("/cy/")
    assert head.canonical() == [english]
    assert head.hreflangs() == {"en-GB": english, "cy": welsh, "x-default": english}
    assert head.one("og:type") == "website"
    assert head.one("og:site_name") == "Empathy Training Centre"
    assert head.one("og:title") == "Writing for Empathy"
    assert head.one("og:url") == english
    assert head.one("og:locale") == "en_GB"
    assert head.meta("og:locale:alternate") == ["cy_GB"]
    description = "A half-day online workshop on writing and empathy."
    assert head.one("description") == description
    assert head.one("og:description") == description
    assert head.one("twitter:description") == description
    assert head.one("twitter:title") == "Writing for Empathy"
    # Neither the page nor the site has a picture: a small card, no image tags.
    assert head.one("twitter:card") == "summary"
    assert head.meta("og:image") == [] and head.meta("twitter:image") == []


def test_welsh_course_page_points_back_to_english_as_x_default(
    client, course, welsh_course
):
    head = head_of(client, welsh_course.url)
    english, welsh = BASE + course.url, BASE + welsh_course.url
    assert head.canonical() == [welsh]
    assert head.hreflangs() == {"en-GB": english, "cy": welsh, "x-default": english}
    assert head.one("og:title") == "Ysgrifennu er Empathi"
    assert head.one("og:url") == welsh
    assert head.one("og:locale") == "cy_GB"
    assert head.meta("og:locale:alternate") == ["en_GB"]


def test_canonical_drops_the_query_string(client, course):
    head = head_of(client, course.url + "?utm_source=chat&q=x")
    assert head.canonical() == [BASE + course.url]
    assert head.one("og:url") == BASE + course.url


def test_page_only_in_english_has_no_welsh_alternate(client, course):
    head = head_of(client, course.url)
    english = BASE + course.url
    assert head.hreflangs() == {"en-GB": english, "x-default": english}
    assert head.meta("og:locale:alternate") == []


def test_unpublished_welsh_version_is_not_an_alternate(client, course, welsh_course):
    welsh_course.refresh_from_db()
    welsh_course.unpublish()
    assert not type(welsh_course).objects.get(pk=welsh_course.pk).live
    head = head_of(client, course.url)
    english = BASE + course.url
    assert head.hreflangs() == {"en-GB": english, "x-default": english}


def test_welsh_only_page_has_no_x_default(client, course, welsh_course):
    course.unpublish()
    head = head_of(client, welsh_course.url)
    assert head.hreflangs() == {"cy": BASE + welsh_course.url}


def test_home_page_uses_the_site_default_image(client, home_page):
    image = SharingImageFactory()
    set_default_image(image)
    head = head_of(client, home_page.url)
    assert head.canonical() == [BASE + "/"]
    assert head.one("og:title") == "Test home"
    assert head.one("og:description") == "Welcome."
    url = head.one("og:image")
    assert url.startswith(BASE + "/") and "fill-1200x630" in url
    assert head.one("og:image:width") == "1200"
    assert head.one("og:image:height") == "630"
    assert head.one("og:image:alt") == "Participants writing at a table"
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("twitter:image") == url
    assert head.one("twitter:image:alt") == "Participants writing at a table"


def test_page_image_wins_over_the_default(client, course):
    set_default_image(SharingImageFactory(description="The default"))
    own = SharingImageFactory(description="A circle of chairs", title="Chairs")
    course.social_image = own
    course.seo_title = "Empathy writing course"
    course.search_description = "Write your way into a patient's shoes."
    course.save_revision().publish()
    head = head_of(client, course.url)
    assert head.one("og:image:alt") == "A circle of chairs"
    assert f"images/{own.file.name.split('/')[-1].rsplit('.', 1)[0]}" in head.one(
        "og:image"
    )
    # The SEO title wins over the page title, as in <title>.
    assert head.one("og:title") == "Empathy writing course"
    assert head.one("twitter:title") == "Empathy writing course"
    # The search description wins over the summary, in every description tag.
    for key in ("description", "og:description", "twitter:description"):
        assert head.one(key) == "Write your way into a patient's shoes."


def test_facilitator_page_describes_the_person(client, home_page):
    index = FacilitatorIndexPageFactory(parent=home_page)
    person = FacilitatorPageFactory(
        parent=index, title="Dr Ffion Evans", role="Clinical psychologist"
    )
    head = head_of(client, person.url)
    assert head.canonical() == [BASE + person.url]
    assert head.one("og:title") == "Dr Ffion Evans"
    description = head.one("description")
    assert "Clinical psychologist" in description
    assert head.one("og:description") == description
    assert head.hreflangs() == {
        "en-GB": BASE + person.url,
        "x-default": BASE + person.url,
    }


def test_form_page_has_its_tags(client, home_page):
    form = EnquiryFormPageFactory(parent=home_page, title="Ask us", slug="ask")
    head = head_of(client, form.url)
    assert head.canonical() == [BASE + form.url]
    assert head.one("og:title") == "Ask us"
    assert head.one("og:url") == BASE + form.url
    assert head.one("twitter:card") == "summary"


def test_certificate_check_page_is_linked_in_both_languages(client, home_page):
    head = head_of(client, "/certificates/verify/?ref=chat")
    english = BASE + "/certificates/verify/"
    welsh = BASE + "/cy/certificates/verify/"
    assert head.canonical() == [english]
    assert head.hreflangs() == {"en-GB": english, "cy": welsh, "x-default": english}
    assert head.one("og:url") == english
    assert head.one("og:locale") == "en_GB"
    assert head.meta("og:locale:alternate") == ["cy_GB"]
    assert head.one("og:title") == head.one("twitter:title") != ""
    assert head.one("og:description") == head.one("description")
    # Its robots noindex stays.
    assert head.one("robots") == "noindex"

    welsh_head = head_of(client, "/cy/certificates/verify/")
    assert welsh_head.canonical() == [welsh]
    assert welsh_head.one("og:locale") == "cy_GB"
    assert welsh_head.one("og:title") != head.one("og:title")


def test_not_found_page_has_no_canonical_or_alternates(client, home_page):
    head = head_of(client, "/no-such-page/", status=404)
    # Still shareable by name, but not an address to index.
    assert head.one("og:site_name") and head.one("og:title")
    assert head.canonical() == []
    assert head.hreflangs() == {}
    assert head.meta("og:url") == []


def test_tag_adds_at_most_three_queries_to_a_course_page(
    client, course, run, welsh_course, monkeypatch
):
    set_default_image(SharingImageFactory())
    client.get(course.url)  # Renditions made once, as on a live site.

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(course.url)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    with_tag, html = count()
    assert 'rel="canonical"' in html
    monkeypatch.setattr(seo_tags, "page_meta_context", lambda context: {})
    without_tag, html = count()
    assert 'rel="canonical"' not in html
    assert with_tag - without_tag <= 3, (with_tag, without_tag)
