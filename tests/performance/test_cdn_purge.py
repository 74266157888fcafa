"""A CDN in front of the site is purged of every page a change could show on, in
both languages, by a task worker after the change commits; a CDN that is down
never stops a publish and reaches operations as a late background job."""

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Site

from courses.models import CourseFacilitator, CoursePage
from forms_app.models import PeriodicJob
from home.demo.translation import translate
from home.models import SiteSettings
from places.models import Place
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)
from tests.forms_app.test_outbox import DATABASE_QUEUE
from tests.places.conftest import application
from tests.support.course_editor import publish_course_edit
from tests.support.purge_server import (
    OUR_HTTP_BACKEND,
    WAGTAIL_HTTP_BACKEND,
    PurgeServer,
    http_frontend_cache,
)
from tests.support.translation import welsh

# The worker closes its connection between tasks: the rows must be committed.
pytestmark = [
    pytest.mark.queue,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PURGE_TASK = "home.tasks.purge_frontend_cache"
OPERATIONS = "operations@example.org"


def run_worker() -> None:
    """One pass of a real task worker: queued tasks, then the periodic jobs due."""
    call_command(
        "run_worker",
        "--backend",
        "queue",
        "--queue-name",
        "*",
        "--batch",
        "--no-startup-delay",
        stdout=StringIO(),
    )


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def queued_purges() -> int:
    return DBTaskResult.objects.filter(task_path=PURGE_TASK, status="READY").count()


@pytest.fixture
def small_site(home_page) -> dict[str, Page]:
    """Home, course list, a course led by a facilitator, and all of it in Welsh."""
    course_index = publish(CourseIndexPageFactory(parent=home_page))
    facilitator_index = publish(FacilitatorIndexPageFactory(parent=home_page))
    lead = publish(
        FacilitatorPageFactory(parent=facilitator_index, title="Lead Facilitator")
    )
    course = CoursePageFactory(
        parent=course_index,
        title="Compassionate Leadership",
        participation="join",
        completion="all",
    )
    CourseFacilitator.objects.create(course=course, facilitator=lead)
    course = publish(course)
    pages = {
        "home": home_page,
        "course_index": course_index,
        "facilitator_index": facilitator_index,
        "facilitator": lead,
        "course": course,
    }
    for page in pages.values():
        translate(page, "cy", {})
    return pages


@pytest.fixture
def cdn(settings):
    """A CDN purge endpoint on loopback, as FRONTEND_CACHE_PURGE_URL configures it."""
    with PurgeServer().running() as server:
        settings.TASKS = DATABASE_QUEUE
        settings.WAGTAILFRONTENDCACHE = http_frontend_cache(server.url)
        yield server


def shown_in_both_languages(pages: dict[str, Page]) -> set[str]:
    """Each page's address in English and Welsh, and the list's feeds and calendar."""
    urls = set()
    for page in pages.values():
        urls |= {page.full_url, welsh(page).full_url}
    for index in (pages["course_index"], welsh(pages["course_index"])):
        urls |= {f"{index.full_url}calendar/", f"{index.full_url}feed/"}
    with translation.override("cy"):
        welsh_search = reverse("search")
    return urls | {
        "http://testserver/sitemap.xml",
        "http://testserver/search/",
        f"http://testserver{welsh_search}",
    }


def test_an_admin_publish_purges_every_page_that_shows_the_course_after_commit(
    small_site, cdn, admin_client
):
    response = publish_course_edit(
        admin_client, small_site["course"], title="Compassionate Leadership Renamed"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CoursePage.objects.live().get(title="Compassionate Leadership Renamed")
    # Nothing reaches the CDN inside the editor's request (nor before the commit);
    # every signal of the publish together queued one purge.
    assert cdn.paths() == set()
    assert queued_purges() == 1

    run_worker()

    expected = shown_in_both_languages(small_site)
    assert expected <= cdn.paths(), sorted(expected - cdn.paths())
    assert queued_purges() == 0


def test_a_session_change_and_a_facilitators_approved_edit_purge_the_same_pages(
    small_site, cdn
):
    course = small_site["course"]
    profile = small_site["facilitator"]
    run = CourseRunFactory(course=course, title="Spring cohort")
    start = timezone.now().replace(microsecond=0) + timedelta(days=20)
    CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=2))
    run_worker()
    assert shown_in_both_languages(small_site) <= cdn.paths()

    cdn.clear()
    session = run.sessions.get()
    session.start += timedelta(hours=1)
    session.end += timedelta(hours=1)
    session.save()
    run_worker()
    assert shown_in_both_languages(small_site) <= cdn.paths()
    # The run's and the date's calendar files too, where the time is written.
    calendars = {
        f"{course.full_url}runs/{run.pk}/calendar/",
        f"{course.full_url}sessions/{session.uid}/calendar/",
    }
    assert calendars <= cdn.paths(), sorted(calendars - cdn.paths())

    cdn.clear()
    # Approving a workflow publishes the submitted revision, as here.
    profile.title = "Lead Renamed"
    profile.save_revision().publish()
    run_worker()
    assert shown_in_both_languages(small_site) <= cdn.paths()


def test_a_place_taken_through_the_application_form_purges_the_course_pages(
    cohort, cdn
):
    course, run, form = cohort["course"], cohort["run"], cohort["form"]
    home = course.get_parent().get_parent()
    translate(home.specific, "cy", {})
    run_worker()
    cdn.clear()

    response = Client().post(form.url, application(run, 1))
    assert response.status_code == 302
    assert Place.objects.filter(run=run).exists()
    run_worker()

    lead = course.course_facilitators.get().facilitator
    expected = {
        course.full_url,
        course.get_parent().full_url,
        home.full_url,
        welsh(home).full_url,
        lead.full_url,
    }
    assert expected <= cdn.paths(), sorted(expected - cdn.paths())


# Ours (settings' default) raises on failure; Wagtail's own only logs, which counts.
@pytest.mark.parametrize("backend", [OUR_HTTP_BACKEND, WAGTAIL_HTTP_BACKEND])
def test_a_cdn_that_is_down_never_stops_a_publish_and_operations_hear_of_it(
    small_site, settings, admin_client, caplog, backend
):
    site_settings = SiteSettings.for_site(Site.objects.get())
    site_settings.operations_email = OPERATIONS
    site_settings.save()
    settings.TASKS = DATABASE_QUEUE
    with PurgeServer().running() as gone:
        down = gone.url  # nothing listens here once the server has stopped
    settings.WAGTAILFRONTENDCACHE = http_frontend_cache(down, backend)

    response = publish_course_edit(
        admin_client, small_site["course"], title="Published While CDN Is Down"
    )
    assert response.status_code == 302
    assert CoursePage.objects.live().get(title="Published While CDN Is Down")
    run_worker()  # the purge fails, and so does the job's retry
    assert "CDN purge failed" in caplog.text
    # The log names no page (a facilitator's page is named after them).
    assert "lead-facilitator" not in caplog.text
    assert "compassionate" not in caplog.text.lower()

    # An hour passes with the CDN still down: operations are told, once.
    behind = timezone.now() - timedelta(hours=1)
    PeriodicJob.objects.filter(name="cdn_purge").update(
        last_finished_at=behind, due_at=behind
    )
    run_worker()
    alerts = [m for m in mail.outbox if "cdn_purge" in m.subject]
    assert len(alerts) == 1
    assert alerts[0].to == [OPERATIONS]
    assert "lead-facilitator" not in alerts[0].body

    # The CDN is back: the next retry purges everything and the job recovers.
    with PurgeServer().running() as back:
        settings.WAGTAILFRONTENDCACHE = http_frontend_cache(back.url, backend)
        PeriodicJob.objects.filter(name="cdn_purge").update(due_at=timezone.now())
        run_worker()
        assert shown_in_both_languages(small_site) <= back.paths()
    job = PeriodicJob.objects.get(name="cdn_purge")
    assert job.late_alert_sent_at is None


def save_site_settings() -> None:
    site_settings = SiteSettings.for_site(Site.objects.get())
    site_settings.save()  # a first read made the row; this save retires every page


def test_a_hung_cdn_holds_the_worker_no_longer_than_the_timeout(
    home_page, settings, caplog
):
    settings.TASKS = DATABASE_QUEUE
    with PurgeServer(hang=True).running() as hung:
        settings.WAGTAILFRONTENDCACHE = http_frontend_cache(hung.url, TIMEOUT=0.5)
        save_site_settings()
        started = time.monotonic()
        run_worker()
        elapsed = time.monotonic() - started
        # The first address timed out; the rest wait for the periodic retry.
        assert len(hung.purged) == 1
    assert elapsed < 10
    assert "CDN purge failed" in caplog.text


def test_a_cache_answering_not_found_for_an_address_it_lacks_is_no_failure(
    home_page, settings, caplog
):
    settings.TASKS = DATABASE_QUEUE
    with PurgeServer(status=404).running() as cdn:
        settings.WAGTAILFRONTENDCACHE = http_frontend_cache(cdn.url)
        save_site_settings()
        run_worker()
        assert {"http://testserver/", "http://testserver/sitemap.xml"} <= cdn.paths()
    assert "CDN purge failed" not in caplog.text
