"""Staff issue certificates for a run that has ended; the person downloads theirs
from the emailed link, and the verification address printed on it says "valid"."""

import re
from datetime import timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from certificates.models import Source
from certificates.register import record_attendance
from courses.completion import Completion
from courses.models import CoursePage, CourseRun
from places.models import Place, Status
from staff.roles import COMMUNICATIONS
from tests.browser.test_journeys import log_in
from tests.factories.courses import CourseRunFactory, CourseSessionFactory
from tests.support.places import take_places
from tests.support.roles import staff_user

RUN_TITLE = "Winter cohort (ended)"


def ended_run_with_register() -> tuple[CourseRun, list[Place]]:
    """A six-week run of the demo's leadership course that ended last week, where
    three people attended 6, 4 and 2 sessions; the rule is at least 5."""
    course = CoursePage.objects.get(
        slug="compassionate-leadership", locale__language_code="en-gb"
    )
    course.certificate = True
    course.cpd_hours = Decimal("12")
    course.participatory_hours = Decimal("9")
    course.completion = Completion.AT_LEAST
    course.completion_sessions = 5
    course.save_revision().publish()
    run = CourseRunFactory(course=course, title=RUN_TITLE, capacity=3)
    last = timezone.now().replace(microsecond=0) - timedelta(days=7)
    sessions = [
        CourseSessionFactory(
            run=run,
            start=last - timedelta(weeks=week),
            end=last - timedelta(weeks=week) + timedelta(hours=2),
        )
        for week in range(5, -1, -1)
    ]
    places = take_places(run, 3, Status.ACCEPTED)
    for place, count in zip(places, (6, 4, 2), strict=True):
        for session in sessions[:count]:
            record_attendance(
                session, place=place, attended=True, source=Source.REGISTER
            )
    return run, places


def download_link(mailbox, address: str) -> str:
    (message,) = [m for m in mailbox.messages if address in m["X-Envelope-To"]]
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/certificates/download/\S+/", body).group(0)


def issue_in_the_admin(page: Page, site_url: str, run: CourseRun) -> None:
    page.goto(site_url + "/admin/certificates/")
    page.get_by_role("link", name=run.label).click()
    expect(page).to_have_url(f"{site_url}/admin/certificates/runs/{run.pk}/")
    page.get_by_role("button", name="Issue 1 certificate").click()
    expect(page.get_by_role("heading", name="Check before issuing")).to_be_visible()
    page.get_by_role("button", name="Confirm: issue and email 1 certificate").click()
    expect(page.get_by_text("1 certificate issued")).to_be_visible()


def test_staff_issue_and_the_person_downloads_and_verifies_their_certificate(
    page, site_url, mailbox, task_worker, tmp_path: Path
):
    run, (six, _four, _two) = ended_run_with_register()
    staff_user(COMMUNICATIONS, "comms")
    log_in(page, site_url, ("comms", "a-long-test-password"))
    issue_in_the_admin(page, site_url, run)
    assert mailbox.messages == [], "the email goes through the queue"
    task_worker()
    link = download_link(mailbox, six.email)

    # The person opens the link from their email in a browser of their own.
    person = page.context.browser.new_context(locale="en-GB").new_page()
    person.goto(site_url + "/")
    with person.expect_download() as info:
        person.evaluate(
            """url => {
                const a = document.createElement("a");
                a.href = url;
                document.body.append(a);
                a.click();
            }""",
            link,
        )
    download = info.value
    assert re.fullmatch(r"certificate-[0-9A-Z-]+\.pdf", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    reader = PdfReader(BytesIO(saved.read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Person 1" in text and "Compassionate Leadership" in text

    url = re.search(r"https?://\S+/certificates/verify/\S+/", text).group(0)
    assert url.startswith(site_url)
    person.goto(url)
    expect(person.get_by_role("status")).to_contain_text("is valid")
    person.context.close()
