"""The Atom feed of course dates and new courses, read as a feed reader would."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from courses.models import CoursePage
from tests.factories.courses import (
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires (upper-case T and Z).
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)


def is_absolute_iri(value: str) -> bool:
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return parts.scheme in ("urn", "tag") and bool(parts.path)


def check_date(text: str | None) -> datetime:
    assert text and RFC3339.match(text), text
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def fetch(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "max-age=" in response["Cache-Control"]
    root = ET.fromstring(response.content)  # noqa: S314  # nosec B314 (our own response)
    check_atom(root, response.wsgi_request.build_absolute_uri())
    return root


def check_atom(feed: ET.Element, address: str) -> None:
    """RFC 4287's required elements, dates and absolute IRIs, as strictly as offline."""
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert is_absolute_iri(feed.findtext(f"{ATOM}id"))
    assert feed.findtext(f"{ATOM}title").strip()
    check_date(feed.findtext(f"{ATOM}updated"))
    links = feed.findall(f"{ATOM}link")
    selves = [link for link in links if link.get("rel") == "self"]
    assert len(selves) == 1 and selves[0].get("href") == address
    for link in links:
        assert is_absolute_iri(link.get("href")), link.get("href")
    # The feed's author stands for every entry without one (section 4.1.1).
    author = feed.find(f"{ATOM}author")
    assert author is not None and author.findtext(f"{ATOM}name").strip()
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        ids.append(entry.findtext(f"{ATOM}id"))
        assert is_absolute_iri(ids[-1]), ids[-1]
        assert entry.findtext(f"{ATOM}title").strip()
        check_date(entry.findtext(f"{ATOM}updated"))
        alternates = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == 1
        assert is_absolute_iri(alternates[0].get("href"))
        # No content element: a summary is then required (section 4.1.1.1).
        assert entry.find(f"{ATOM}content") is None
        assert entry.findtext(f"{ATOM}summary").strip()
    assert len(ids) == len(set(ids)), "entry ids repeat"


def entries(feed: ET.Element) -> dict[str, ET.Element]:
    return {
        entry.findtext(f"{ATOM}title"): entry for entry in feed.findall(f"{ATOM}entry")
    }


def test_feed_lists_upcoming_runs_with_their_dates_and_places(
    client, course_index, course, run
):
    feed = fetch(client, course_index.url + "feed/")
    listed = entries(feed)
    (title,) = [t for t in listed if t.startswith("Writing for Empathy")]
    entry = listed[title]
    assert "Spring workshops" in title
    link = entry.find(f"{ATOM}link").get("href")
    assert link == "http://testserver" + course.url
    summary = entry.findtext(f"{ATOM}summary")
    first = run.sessions.order_by("start").first()
    assert first.when_text() in summary
    assert re.search(r"\b(GMT|BST)\b", summary)
    # type="html": one line per date, then the places.
    assert summary.endswith("<br>12 places left.")
    assert "Online" in summary
    # The cancelled date is not offered.
    cancelled = run.sessions.get(status="cancelled")
    assert cancelled.when_text() not in summary


def test_past_runs_and_fully_cancelled_runs_are_absent(
    client, course_index, course, run
):
    past = CourseRunFactory(course=course, title="Last winter")
    start = timezone.now() - timedelta(days=40)
    CourseSessionFactory(run=past, start=start, end=start + timedelta(hours=2))
    called_off = CourseRunFactory(course=course, title="Called off")
    soon = timezone.now() + timedelta(days=3)
    CourseSessionFactory(
        run=called_off, start=soon, end=soon + timedelta(hours=2), status="cancelled"
    )
    titles = " ".join(entries(fetch(client, course_index.url + "feed/")))
    assert "Spring workshops" in titles
    assert "Last winter" not in titles
    assert "Called off" not in titles


def test_new_courses_are_announced_old_ones_not(client, course_index, course):
    old = CoursePageFactory(parent=course_index, title="Long established", slug="old")
    old.save_revision().publish()
    CoursePage.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timedelta(days=91)
    )
    listed = entries(fetch(client, course_index.url + "feed/"))
    assert "New course: Writing for Empathy" in listed
    assert not any("Long established" in title for title in listed)
    entry = listed["New course: Writing for Empathy"]
    assert entry.findtext(f"{ATOM}summary") == course.summary


def test_entry_ids_stay_the_same_when_a_course_moves(client, course_index, course, run):
    before = sorted(
        e.findtext(f"{ATOM}id")
        for e in fetch(client, "/courses/feed/").findall(f"{ATOM}entry")
    )
    course.slug = "empathy-writing"
    course.save_revision().publish()
    after = sorted(
        e.findtext(f"{ATOM}id")
        for e in fetch(client, "/courses/feed/").findall(f"{ATOM}entry")
    )
    assert before == after and len(before) == 2


def test_welsh_feed_lists_welsh_courses_in_welsh(client, course_index, welsh_course):
    english = fetch(client, "/courses/feed/")
    welsh = fetch(client, "/cy/courses/feed/")
    assert welsh.findtext(f"{ATOM}title") != english.findtext(f"{ATOM}title")
    welsh_titles = " ".join(entries(welsh))
    assert "Ysgrifennu er Empathi" in welsh_titles
    assert "Writing for Empathy" not in welsh_titles
    assert "Writing for Empathy" in " ".join(entries(english))
    assert "Ysgrifennu er Empathi" not in " ".join(entries(english))


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("link", "a"):
            self.links.append({"tag": tag, **dict(attrs)})


def links_of(client, url: str) -> list[dict]:
    parser = Links()
    parser.feed(client.get(url).content.decode())
    return parser.links


def test_course_list_links_both_feeds_in_head_and_page(client, course_index):
    links = links_of(client, course_index.url)
    heads = {
        link["type"]: link["href"]
        for link in links
        if link["tag"] == "link" and link.get("rel") == "alternate" and "type" in link
    }
    assert heads["application/atom+xml"] == "/courses/feed/"
    assert heads["text/calendar"] == "/courses/calendar/"
    visible = [link["href"] for link in links if link["tag"] == "a"]
    assert "/courses/feed/" in visible and "/courses/calendar/" in visible


def test_home_page_head_links_the_feed_in_its_language(client, welsh_course):
    for home, feed in (("/", "/courses/feed/"), ("/cy/", "/cy/courses/feed/")):
        atom = [
            link
            for link in links_of(client, home)
            if link["tag"] == "link" and link.get("type") == "application/atom+xml"
        ]
        assert [link["href"] for link in atom] == [feed]
        assert atom[0]["title"].strip()
