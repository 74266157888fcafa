"""The home page a new visitor meets: next dates, pinned courses, who we are."""

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from courses.home import upcoming_dates
from courses.models import CourseRun, CourseSession
from courses.rules import london_zone_label
from home.demo.translation import translate
from home.models import ContentPage, HomePage, HomePageFeaturedCourse, SiteSettings
from tests.discovery.home.conftest import add_course, form_of, hold_places
from tests.factories.courses import CourseIndexPageFactory

pytestmark = pytest.mark.django_db


def dates_section(html: str) -> str:
    match = re.search(r'<section class="container home-dates".*?</section>', html, re.S)
    return match.group(0) if match else ""


def featured_section(html: str) -> str:
    match = re.search(
        r'<section class="container home-featured".*?</section>', html, re.S
    )
    return match.group(0) if match else ""


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def set_home(home_page: HomePage, **fields) -> HomePage:
    home = HomePage.objects.get(pk=home_page.pk)
    for name, value in fields.items():
        setattr(home, name, value)
    home.save_revision().publish()
    return home


def pin(home_page: HomePage, *courses) -> None:
    home = HomePage.objects.get(pk=home_page.pk)
    home.featured_courses = [HomePageFeaturedCourse(course=c) for c in courses]
    home.save_revision().publish()


def test_next_dates_soonest_first_with_zone_format_places_and_action(
    client, home_page, course_index
):
    later = add_course(course_index, "Compassionate Leadership", [40], capacity=10)
    sooner = add_course(course_index, "Creative Empathy", [5, 12])
    hold_places(later.runs.get(), 3)

    html = dates_section(client.get("/").content.decode())

    assert "Next dates" in html
    titles = re.findall(r'home-date__course"><a href="([^"]+)">([^<]+)</a>', html)
    # A run booked as a whole counts once, at its next date.
    assert [t for _url, t in titles] == ["Creative Empathy", "Compassionate Leadership"]
    assert titles[0][0] == sooner.url
    first, second, third = CourseSession.objects.order_by("start")
    assert first.start.isoformat() in html
    assert second.start.isoformat() not in html
    assert third.start.isoformat() in html
    assert "Creative Empathy run" in html
    label = london_zone_label(first.start)
    assert f">{label}</abbr>" in html
    body = text(html)
    assert "Online" in body
    assert "7 places left" in body
    # Unlimited capacity says nothing about places.
    assert body.count("places left") == 1
    run = later.runs.get()
    assert f'href="{form_of(later).url}?run={run.pk}"' in html
    assert (
        'Book a place<span class="visually-hidden">: Compassionate Leadership' in html
    )


def test_full_run_offers_its_waiting_list(client, home_page, course_index):
    course = add_course(course_index, "Reflective Practice", [8], capacity=2)
    run = course.runs.get()
    hold_places(run, 2)

    html = dates_section(client.get("/").content.decode())

    body = text(html)
    assert "Reflective Practice" in body
    assert "Full \u2013 join the waiting list" in body
    assert f'href="{form_of(course).url}?run={run.pk}"' in html
    assert "Book a place" not in body
    assert "places left" not in body


def test_cancelled_dates_and_runs_not_taking_bookings_are_left_out(
    client, home_page, course_index
):
    course = add_course(course_index, "Listening Well", [6, 9])
    first, second = course.runs.get().sessions.order_by("start")
    CourseSession.objects.filter(pk=first.pk).update(status="cancelled")
    closed = add_course(course_index, "Closed Course", [4])
    closed.runs.update(bookable=False)

    html = dates_section(client.get("/").content.decode())

    assert first.start.isoformat() not in html
    assert second.start.isoformat() in html
    assert "Closed Course" not in html


def test_dates_show_only_while_their_run_is_inside_its_booking_window(
    client, home_page, course_index
):
    today = timezone.localdate()
    windows = {
        "Opens Later": {"booking_opens": today + timedelta(days=2)},
        "Closed Yesterday": {"booking_closes": today - timedelta(days=1)},
        "Open Today Only": {"booking_opens": today, "booking_closes": today},
        "No Window": {},
    }
    for title, window in windows.items():
        add_course(course_index, title, [8]).runs.update(**window)

    html = dates_section(client.get("/").content.decode())

    now = timezone.now()
    shown = {title for title in windows if title in html}
    assert shown == {"Open Today Only", "No Window"}
    # The same rule as the run's own, in Python and in SQL.
    for run in CourseRun.objects.filter(course__title__in=windows):
        assert run.is_taking_bookings(now) == (run.course.title in shown)
    assert (
        set(
            CourseRun.objects.taking_bookings(now).values_list(
                "course__title", flat=True
            )
        )
        == shown
    )


def test_drop_in_dates_each_count_with_their_own_places(
    client, home_page, course_index
):
    course = add_course(
        course_index, "Empathy Hour", [3, 10, 17], capacity=5, participation="join"
    )
    run = course.runs.get()
    _first, second, _third = run.sessions.order_by("start")
    hold_places(run, 1)  # the whole series
    hold_places(run, 4, session=second)

    html = dates_section(client.get("/").content.decode())
    rows = re.findall(r'<li class="home-date">.*?</li>', html, re.S)

    assert len(rows) == 3
    assert "4 places left" in text(rows[0])
    assert "Full" in text(rows[1])
    assert "waiting list" not in text(rows[1])
    assert "href" not in rows[1].split("home-date__when")[1]
    assert "4 places left" in text(rows[2])
    assert f'href="{form_of(course).url}?run={run.pk}"' in rows[0]
    assert 'Just join<span class="visually-hidden">: Empathy Hour' in rows[0]


def test_editor_limit_is_respected_and_zero_hides_the_dates(
    client, home_page, course_index
):
    add_course(course_index, "Many Dates", [2, 4, 6, 8, 10], participation="join")
    set_home(home_page, upcoming_dates_shown=3)
    html = dates_section(client.get("/").content.decode())
    assert html.count('<li class="home-date">') == 3

    set_home(home_page, upcoming_dates_shown=0)
    page = client.get("/").content.decode()
    assert dates_section(page) == ""
    assert "Next dates" not in page


def test_no_upcoming_dates_says_so_and_links_to_the_course_list(
    client, home_page, course_index
):
    html = dates_section(client.get("/").content.decode())
    assert "No dates are open for booking just now." in html
    assert f'href="{course_index.url}"' in html
    assert "See all our courses" in html


def test_pinned_courses_in_order_and_non_live_skipped(client, home_page, course_index):
    first = add_course(course_index, "Alpha Course", [30], cpd_hours=3)
    hidden = add_course(course_index, "Hidden Course", [20])
    last = add_course(course_index, "Zeta Course", [7], cpd_hours=6)
    pin(home_page, last, hidden, first)
    hidden.unpublish()

    html = featured_section(client.get("/").content.decode())

    titles = re.findall(r'<h3><a href="([^"]+)">([^<]+)</a></h3>', html)
    assert titles == [(last.url, "Zeta Course"), (first.url, "Alpha Course")]
    body = text(html)
    assert "6 hours" in body and "3 hours" in body
    assert last.runs.get().sessions.get().start.isoformat() in html


def test_unpinning_every_course_hides_the_featured_section(
    client, home_page, course_index
):
    course = add_course(course_index, "Pinned Once", [5])
    pin(home_page, course)
    assert "Pinned Once" in featured_section(client.get("/").content.decode())

    pin(home_page)

    page = client.get("/").content.decode()
    assert featured_section(page) == ""
    assert "Featured courses" not in page


def test_who_we_are_links_to_the_about_page(client, home_page):
    about = ContentPage(title="About us", slug="about")
    home_page.add_child(instance=about)
    about.save_revision().publish()
    set_home(
        home_page,
        who_we_are="<p>A small team of clinicians.</p>",
        about_page=about,
    )
    page = client.get("/").content.decode()
    assert "Who we are" in page
    assert "A small team of clinicians." in page
    assert f'<a href="{about.url}">About us</a>' in page


def test_welsh_home_shows_welsh_titles_welsh_urls_and_the_dates(
    client, home_page, course_index, django_capture_on_commit_callbacks
):
    course = add_course(course_index, "Creative Empathy", [5])
    other = add_course(course_index, "English Only", [6])
    pin(home_page, course, other)
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, "cy", {})
        translate(course_index, "cy", {course_index.title: "Cyrsiau"})
        translate(course, "cy", {course.title: "Empathi Greadigol"})
    welsh = course.get_translation(Locale.objects.get(language_code="cy"))

    page = client.get("/cy/").content.decode()

    dates = dates_section(page)
    assert f'<a href="{welsh.url}">Empathi Greadigol</a>' in dates
    assert welsh.url.startswith("/cy/")
    assert "English Only" not in dates
    assert (
        f">{london_zone_label(welsh.runs.get().sessions.get().start)}</abbr>" in dates
    )
    assert "Archebu lle" in text(dates) or "Book a place" in text(dates)
    featured = featured_section(page)
    titles = re.findall(r'<h3><a href="([^"]+)">([^<]+)</a></h3>', featured)
    # The pin of an untranslated course shows the course as written.
    assert titles == [(welsh.url, "Empathi Greadigol"), (other.url, "English Only")]


def build_site(course_index, count: int, first: int = 0) -> list:
    """Courses with three runs of three dates, some places held, a drop-in among them."""
    courses = []
    for number in range(first, first + count):
        course = add_course(
            course_index,
            f"Course {number:02}",
            [number + 1, number + 8, number + 15],
            capacity=12,
            participation="join" if number % 3 == 2 else "book",
        )
        run = course.runs.get()
        hold_places(run, 2)
        hold_places(run, 1, session=run.sessions.order_by("start")[0])
        courses.append(course)
    return courses


def home_queries(client) -> tuple[int, str]:
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_home_page_query_count_does_not_grow_with_courses(
    client, home_page, course_index
):
    courses = build_site(course_index, 1)
    set_home(home_page, upcoming_dates_shown=24)
    pin(home_page, *courses)
    few, html = home_queries(client)
    assert html.count('<li class="home-date">') == 1
    assert html.count('class="card featured-course"') == 1

    more = build_site(course_index, 7, first=1)
    pin(home_page, *(courses + more)[:6])
    many, html = home_queries(client)
    # Six runs booked whole count once each; the two drop-ins' dates each count.
    assert html.count('<li class="home-date">') == 12
    assert html.count('class="card featured-course"') == 6
    assert many == few


def test_home_page_describes_the_organisation_as_json_ld(client, home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.organisation_name = "Centre for Compassionate Practice"
    site_settings.contact_email = "hello@example.org"
    site_settings.telephone = "0116 496 0000"
    site_settings.address = (
        "Centre for Compassionate Practice\n1 Example Row\nLeicester\nLE1 0AA"
    )
    site_settings.social_links = [
        ("link", {"label": "Bluesky", "url": "https://bsky.app/profile/example"})
    ]
    site_settings.save()

    html = client.get("/").content.decode()

    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    data = [json.loads(block) for block in blocks]
    (organisation,) = [d for d in data if d.get("@type") == "EducationalOrganization"]
    assert organisation["name"] == "Centre for Compassionate Practice"
    assert organisation["url"] == "http://testserver/"
    assert organisation["email"] == "hello@example.org"
    assert organisation["telephone"] == "0116 496 0000"
    assert organisation["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "GB",
        "streetAddress": "1 Example Row",
        "addressLocality": "Leicester",
        "postalCode": "LE1 0AA",
    }
    assert organisation["sameAs"] == ["https://bsky.app/profile/example"]
    assert "logo" not in organisation
    # The home page only.
    course_index = CourseIndexPageFactory(parent=home_page)
    assert (
        "EducationalOrganization" not in client.get(course_index.url).content.decode()
    )


def test_organisation_logo_is_an_absolute_address(client, home_page):
    logo = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.logo = logo
    site_settings.save()

    html = client.get("/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    organisation = json.loads(block.group(1))
    assert organisation["logo"].startswith("http://testserver/")
    assert organisation["logo"].endswith(logo.file.name.rsplit("/", 1)[-1])


def test_places_left_in_sql_agree_with_the_run_rules_in_python(home_page, course_index):
    drop_in = add_course(
        course_index, "Drop In", [3, 10, 17], capacity=6, participation="join"
    )
    cohort = add_course(course_index, "Cohort", [4, 11], capacity=9)
    drop_run, cohort_run = drop_in.runs.get(), cohort.runs.get()
    hold_places(drop_run, 2)
    for number, session in enumerate(drop_run.sessions.order_by("start")):
        hold_places(drop_run, number * 2, session=session)
    hold_places(cohort_run, 5)
    now = timezone.now()

    rows = upcoming_dates(HomePage.objects.get(pk=home_page.pk), now, 24)

    expected = [
        (s.pk, CourseRun.objects.get(pk=drop_run.pk).date_places_left(s))
        for s in drop_run.sessions.all()
    ] + [(cohort_run.sessions.order_by("start")[0].pk, cohort_run.places_left)]
    assert sorted((row.session.pk, row.places_left) for row in rows) == sorted(expected)
    assert {left for _pk, left in expected} == {4, 2, 0}
