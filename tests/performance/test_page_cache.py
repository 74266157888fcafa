"""The full-page cache for anonymous visitors: what it keeps, what it never keeps,
and every change that must retire a kept page."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from courses.freshness import retire_pages_if_consent_lapsed
from home.models import SiteSettings
from home.page_cache import CACHE_ALIAS, next_local_midnight, seconds_to_keep
from places.models import Place
from places.offers import offer
from tests.courses.test_admin import post_course, published_course
from tests.factories import courses as course_factories
from tests.factories.forms_app import EnquiryFormFieldFactory, EnquiryFormPageFactory
from tests.places.conftest import application, places_left_on_course_page
from tests.support.course_editor import publish_course_edit
from tests.support.translation import welsh

CACHE_ALIAS_TABLE = "page_cache"


@pytest.fixture(params=["locmem", "database"])
def page_cache_on(request, settings, db):
    """The page cache switched on, on each backend production may use."""
    backends = {
        "locmem": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages-under-test",
        },
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "page_cache",
        },
    }
    settings.CACHES = {**settings.CACHES, CACHE_ALIAS: backends[request.param]}
    settings.PAGE_CACHE_ENABLED = True
    if request.param == "database":
        call_command("createcachetable", CACHE_ALIAS_TABLE)
    caches[CACHE_ALIAS].clear()
    yield request.param
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def locmem_page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages-under-test",
        },
    }
    settings.PAGE_CACHE_ENABLED = True
    caches[CACHE_ALIAS].clear()
    yield
    caches[CACHE_ALIAS].clear()


def visit(path: str, **extra):
    """A fresh anonymous visitor: no cookies from earlier requests."""
    return Client().get(path, **extra)


def test_second_visit_is_a_stored_copy_with_the_same_headers(page_cache_on, run):
    course = run.course
    first = visit(course.url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    assert "s-maxage=" in first["Cache-Control"]
    assert "public" in first["Cache-Control"]
    assert "Accept-Encoding" in first["Vary"]
    # A hit reads the cache once: no queries at all on the memory backend, and no
    # session, auth or CSP work (the policy comes back byte for byte as stored).
    # (Inside the test's transaction the database cache's read takes a savepoint,
    # which production, outside any transaction, does not.)
    expected_queries = 0 if page_cache_on == "locmem" else 1
    with CaptureQueriesContext(connection) as queries:
        second = visit(course.url)
    statements = [
        q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]
    ]
    assert len(statements) == expected_queries, statements
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Reporting-Endpoints",
    ):
        assert second[header] == first[header]
    assert second["Cache-Control"] == first["Cache-Control"]


def test_a_signed_in_editor_is_never_served_or_stored(
    locmem_page_cache, run, admin_client
):
    course = run.course
    assert "X-Cache" not in admin_client.get(course.url)
    assert "X-Cache" not in admin_client.get(course.url)
    assert visit(course.url)["X-Cache"] == "miss"


def test_a_post_and_a_message_cookie_are_never_cached(locmem_page_cache, run):
    course = run.course
    assert "X-Cache" not in Client().post(course.url, {})
    carrier = Client()
    carrier.cookies["messages"] = "x"
    assert "X-Cache" not in carrier.get(course.url)
    assert visit(course.url)["X-Cache"] == "miss"


def test_a_form_page_with_a_csrf_token_is_never_cached(
    locmem_page_cache,
    home_page,
    privacy_page,
):
    form = EnquiryFormPageFactory(parent=home_page, slug="enquire")
    EnquiryFormFieldFactory(page=form, label="Your question")
    first = visit(form.url)
    assert first.status_code == 200
    assert first["X-Cache"] == "bypass"
    assert "private" in first["Cache-Control"]
    assert visit(form.url)["X-Cache"] == "bypass"


def test_welsh_and_english_are_kept_apart_and_a_translation_publish_retires(
    locmem_page_cache, course, editor
):
    editor.submit(course.get_parent(), "cy", include_subtree=True)
    welsh_course = welsh(course)
    editor.translate(welsh_course, {course.title: "Cyflwyniad i Ysgrifennu"})
    editor.publish(welsh_course)
    welsh_course = welsh(course)
    english, cymraeg = visit(course.url), visit(welsh_course.url)
    assert english["X-Cache"] == cymraeg["X-Cache"] == "miss"
    assert visit(welsh_course.url)["X-Cache"] == "hit"
    assert b"Cyflwyniad i Ysgrifennu" in visit(welsh_course.url).content

    editor.translate(welsh_course, {course.title: "Cyflwyniad newydd"})
    editor.publish(welsh_course)
    again = visit(welsh_course.url)
    assert again["X-Cache"] == "miss"
    assert b"Cyflwyniad newydd" in again.content


def test_publishing_a_course_in_the_admin_retires_course_list_and_home(
    locmem_page_cache, course_index, admin_client
):
    assert post_course(admin_client, course_index).status_code == 302
    course = published_course()
    pages = [course.url, course_index.url, course_index.get_parent().url]
    for url in pages:
        visit(url)
    assert [visit(url)["X-Cache"] for url in pages] == ["hit"] * 3

    response = publish_course_edit(
        admin_client, course, title="Compassionate Leadership Renamed"
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    assert [visit(url)["X-Cache"] for url in pages] == ["miss"] * 3
    assert b"Compassionate Leadership Renamed" in visit(course.url).content
    assert b"Compassionate Leadership Renamed" in visit(course_index.url).content


def test_an_offered_place_changes_places_left_on_the_cached_course_page(
    locmem_page_cache,
    cohort,
    post_form,
):
    course, run = cohort["course"], cohort["run"]
    before = places_left_on_course_page(Client(), course, run)
    assert visit(course.url)["X-Cache"] == "hit"
    assert post_form(cohort["form"], application(run, 1)).status_code == 302
    offer(Place.objects.get(run=run))
    assert places_left_on_course_page(Client(), course, run) == before - 1


def test_saving_site_settings_retires_every_page(locmem_page_cache, run):
    url = run.course.url
    visit(url)
    assert visit(url)["X-Cache"] == "hit"
    SiteSettings.for_site(Site.objects.get()).save()
    assert visit(url)["X-Cache"] == "miss"


def test_a_lapsed_consent_leaves_after_the_periodic_job(
    locmem_page_cache, run, monkeypatch
):
    course = run.course
    now = timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    consent = course_factories.ConsentRecordFactory(
        expires_on=tomorrow, given_on=tomorrow - timedelta(days=60)
    )
    course_factories.TestimonialFactory(
        course=course, quote="Kept within consent.", consent=consent
    )
    retire_pages_if_consent_lapsed(now)  # the job's first run today
    assert b"Kept within consent." in visit(course.url).content
    assert visit(course.url)["X-Cache"] == "hit"
    # Nothing is kept past midnight, when dated consent can lapse.
    assert seconds_to_keep(now) <= (next_local_midnight(now) - now).total_seconds()

    later = now + timedelta(days=1, hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert retire_pages_if_consent_lapsed(later)
    after = visit(course.url)
    assert after["X-Cache"] == "miss"
    assert b"Kept within consent." not in after.content


def test_no_page_is_kept_past_the_next_session_start(locmem_page_cache, run):
    first_start = run.sessions.order_by("start").first().start
    now = first_start - timedelta(seconds=90)
    assert seconds_to_keep(now) <= 90


def test_a_facilitators_approved_edit_retires_the_course_page(
    locmem_page_cache, cohort
):
    course = cohort["course"]
    profile = course.course_facilitators.get().facilitator.specific
    visit(course.url)
    assert visit(course.url)["X-Cache"] == "hit"
    # Approving a workflow publishes the submitted revision, as here.
    profile.title = "Lead Renamed"
    profile.save_revision().publish()
    after = visit(course.url)
    assert after["X-Cache"] == "miss"
    assert b"Lead Renamed" in after.content


def test_gzip_and_plain_clients_each_get_their_own_stored_copy(locmem_page_cache, run):
    course = run.course
    zipped = visit(course.url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert (zipped["X-Cache"], zipped["Content-Encoding"]) == ("miss", "gzip")
    plain = visit(course.url)
    assert plain["X-Cache"] == "miss"
    assert not plain.has_header("Content-Encoding")
    assert course.title.encode() in plain.content
    # Hits answer each kind of client with the copy made for it, never recompressed.
    again_zipped = visit(course.url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert again_zipped["X-Cache"] == "hit"
    assert again_zipped["Content-Encoding"] == "gzip"
    assert again_zipped.content == zipped.content
    again_plain = visit(course.url, HTTP_ACCEPT_ENCODING="identity")
    assert again_plain["X-Cache"] == "hit"
    assert again_plain.content == plain.content


def test_a_broken_cache_costs_speed_never_a_page_or_an_edit(settings, run, caplog):
    settings.CACHES = {
        **settings.CACHES,
        CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "no_such_cache_table",
        },
    }
    settings.PAGE_CACHE_ENABLED = True
    course = run.course
    response = visit(course.url)
    assert response.status_code == 200
    assert course.title.encode() in response.content
    # An edit that retires pages still saves, inside its own transaction.
    run.title = "Renamed cohort"
    run.save()
    run.refresh_from_db()
    assert run.title == "Renamed cohort"
    assert "Page cache unavailable (OperationalError)" in caplog.text or (
        "Page cache unavailable (ProgrammingError)" in caplog.text
    )


def test_a_cdn_keeps_addresses_with_a_query_briefly_as_no_purge_names_them(
    locmem_page_cache, settings, run
):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CDN_QUERY_SECONDS = 60
    course = run.course
    plain = visit(course.url)
    assert plain["X-Cache"] == "miss"
    assert int(plain["Cache-Control"].split("s-maxage=")[1]) > 60
    for path in ("/search/?q=compassion", f"{course.url}?utm_source=newsletter"):
        first = visit(path)
        assert first.status_code == 200, path
        assert first["X-Cache"] == "miss"
        assert first["Cache-Control"].endswith("s-maxage=60"), first["Cache-Control"]
        again = visit(path)
        assert again["X-Cache"] == "hit"
        assert again["Cache-Control"] == first["Cache-Control"]
