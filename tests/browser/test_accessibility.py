"""Every public page type passes axe-core, reflows at 320 px and survives 200% zoom.

One test per page type checks it in both languages, so the demo snapshot is
restored once per type rather than once per page and check.
"""

import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from certificates.feedback import feedback_link
from certificates.importing import import_report
from certificates.issuing import issue_for_run
from certificates.links import download_link
from certificates.models import Certificate, CertificateStatus, FeedbackRequest, Source
from certificates.record_links import link_for as record_link_for
from certificates.register import record_attendance
from certificates.teams import Participant
from courses import models as course_models
from courses.models import CourseRun, CourseSession
from places.links import Action, follow_up_link, link_for
from places.models import FollowUpInvitation, Place, Status
from places.offers import offer
from tests.browser.application import (
    APPLICATION_PATH,
    submit_complete_application,
    submit_empty_application,
)
from tests.browser.axe import assert_no_axe_violations
from tests.browser.booking import (
    BOOKING_PATH,
    book_a_block,
    show_booking_questions,
    submit_empty_booking,
)
from tests.browser.enquiry import (
    ENQUIRY_PATH,
    submit_complete_enquiry,
    submit_empty_enquiry,
)
from tests.browser.layout import (
    DESKTOP,
    MOBILE,
    REFLOW,
    ZOOM_200,
    assert_no_horizontal_scroll,
)
from tests.browser.test_certificates import ended_run_with_register
from tests.browser.test_journeys import ADMIN, log_in

Step = Callable[[Page], None] | None


def both_languages(path: str, status: int = 200) -> list[tuple[str, int, str]]:
    """(path, expected status, expected <html lang>) in English and in Welsh."""
    return [(path, status, "en-gb"), ("/cy" + path, status, "cy")]


COURSE_PAGES = [
    ("/courses/creative-writing-for-empathy/", 200, "en-gb"),
    *both_languages("/courses/compassionate-leadership/"),
    ("/cy/courses/creative-empathy-hour/", 200, "cy"),
]

PAGE_TYPES = [
    pytest.param(both_languages("/"), None, id="home"),
    pytest.param(both_languages("/about/"), None, id="content"),
    pytest.param(both_languages("/no-such-page/", 404), None, id="not-found"),
    pytest.param(both_languages("/courses/"), None, id="course-index"),
    pytest.param(
        both_languages("/courses/?format=online&price=free"),
        None,
        id="course-index-filtered",
    ),
    pytest.param(
        both_languages("/courses/?q=zzzz-no-such-course"),
        None,
        id="course-index-no-results",
    ),
    pytest.param(COURSE_PAGES, None, id="course-page"),
    pytest.param(both_languages("/facilitators/"), None, id="facilitator-index"),
    pytest.param(
        both_languages("/facilitators/dr-maren-ellery/"),
        None,
        id="facilitator-profile",
    ),
    pytest.param(both_languages(ENQUIRY_PATH), None, id="enquiry-form"),
    pytest.param(
        both_languages(ENQUIRY_PATH), submit_empty_enquiry, id="enquiry-errors"
    ),
    pytest.param(
        both_languages(ENQUIRY_PATH), submit_complete_enquiry, id="enquiry-thanks"
    ),
    pytest.param(both_languages(APPLICATION_PATH), None, id="application-form"),
    pytest.param(
        both_languages("/courses/creative-empathy-hour/join/"),
        None,
        id="drop-in-sign-up",
    ),
    pytest.param(
        both_languages(APPLICATION_PATH),
        submit_empty_application,
        id="application-errors",
    ),
    pytest.param(
        both_languages(APPLICATION_PATH),
        submit_complete_application,
        id="application-thanks",
    ),
    pytest.param(
        both_languages(BOOKING_PATH), show_booking_questions, id="booking-form"
    ),
    pytest.param(
        both_languages(BOOKING_PATH), submit_empty_booking, id="booking-errors"
    ),
]


def open_page(page: Page, url: str, status: int, step: Step) -> None:
    response = page.goto(url)
    assert response.status == status
    if step:
        step(page)


def check_page(browser, page, url, status, lang, step, shot, shot_path, request):
    """axe at 390 and 1280 px, reflow at 320 px, then axe again at 200% zoom."""
    for name, viewport in (("390px", MOBILE), ("1280px", DESKTOP)):
        page.set_viewport_size(viewport)
        open_page(page, url, status, step)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        if status == 200:
            expect(page.locator("meta[name='description']")).to_have_count(1)
        assert_no_axe_violations(page, f"{url} at {name}")
    shot("page")

    # WCAG 1.4.10: content reflows without horizontal scrolling at 320 CSS pixels.
    page.set_viewport_size(REFLOW)
    page.screenshot(path=shot_path("320px"), full_page=True)
    assert_no_horizontal_scroll(page, f"{url} at 320px")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < REFLOW["height"], f"{url}: the header fills 320px"
    expect(page.locator("h1")).to_be_visible()

    context = browser.new_context(viewport=ZOOM_200, device_scale_factor=2)
    request.addfinalizer(context.close)
    zoomed = context.new_page()
    open_page(zoomed, url, status, step)
    zoomed.screenshot(path=shot_path("zoom-200"), full_page=True)
    assert_no_horizontal_scroll(zoomed, f"{url} at 200% zoom")
    zoomed.evaluate("window.scrollTo(0, 0)")
    expect(zoomed.locator("h1")).to_be_in_viewport()
    for link in zoomed.locator("header a").all():
        expect(link).to_be_visible()
    assert_no_axe_violations(zoomed, f"{url} at 200% zoom")


@pytest.mark.parametrize(("pages", "step"), PAGE_TYPES)
def test_page_type_is_accessible_at_every_width_and_zoom(
    page, browser, site_url, quick_forms, screenshot_path, request, pages, step
):
    for path, status, lang in pages:
        label = path.strip("/").replace("/", "-").split("?")[0] or "home"
        label = f"{lang}-{label}"

        def shot(step_name: str, label: str = label) -> None:
            for width_name, viewport in (("mobile", MOBILE), ("desktop", DESKTOP)):
                page.set_viewport_size(viewport)
                page.screenshot(
                    path=screenshot_path(f"{label}--{step_name}--{width_name}"),
                    full_page=True,
                )

        check_page(
            browser,
            page,
            site_url + path,
            status,
            lang,
            step,
            shot,
            lambda name, label=label: screenshot_path(f"{label}--{name}"),
            request,
        )


def test_follow_up_decline_page_is_accessible(
    page, browser, site_url, screenshot_path, request
):
    """The page a graduate opens from a follow-up invitation, before and after."""
    session = CourseSession.objects.filter(
        graduates_only=True, run__locale__language_code="en-gb"
    ).first()
    invitation = FollowUpInvitation.objects.create(
        course=session.run.course, session=session, email="graduate@example.org"
    )
    path = follow_up_link(invitation).removeprefix(site_url)

    def check_both_languages(state: str) -> None:
        for url, lang in ((path, "en-gb"), ("/cy" + path, "cy")):
            label = f"{state}-{lang}"

            def shot(step_name: str, label: str = label) -> None:
                page.screenshot(path=screenshot_path(f"follow-up-{label}-{step_name}"))

            check_page(
                browser,
                page,
                site_url + url,
                200,
                lang,
                None,
                shot,
                lambda name, label=label: screenshot_path(f"follow-up-{label}--{name}"),
                request,
            )

    check_both_languages("invited")
    with translation.override("cy"):
        button = gettext("I cannot come to this follow-up")
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_no_axe_violations(page, "follow-up declined")
    invitation.refresh_from_db()
    assert invitation.declined
    # The answer stays on the page: check it in both languages at every width.
    check_both_languages("declined")
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("main form")).to_have_count(0)


def check_result(page: Page, where: str, shot_path: Callable[[str], object]) -> None:
    """axe at 390 and 1280 px and reflow at 320 px on the page a button led to.

    The page answers a POST that changed something, so it is measured where it is
    rather than opened again.
    """
    for name, viewport in (("390px", MOBILE), ("1280px", DESKTOP)):
        page.set_viewport_size(viewport)
        assert_no_axe_violations(page, f"{where} at {name}")
    page.set_viewport_size(REFLOW)
    page.screenshot(path=shot_path("320px"), full_page=True)
    assert_no_horizontal_scroll(page, f"{where} at 320px")


def place_link(place: Place, action: str, site_url: str, prefix: str) -> str:
    """The path of the place's signed link for the action, in the prefix's language."""
    return prefix + link_for(place, action).removeprefix(site_url)


@pytest.mark.parametrize(("prefix", "lang"), [("", "en-gb"), ("/cy", "cy")])
def test_place_link_pages_are_accessible_in_every_state(
    page, browser, site_url, screenshot_path, request, prefix, lang
):
    """Accept, decline and give-up links, before and after, and once already answered."""
    cohort = CourseRun.objects.open_for_booking().get(
        course__slug="compassionate-leadership", course__locale__language_code="en-gb"
    )
    # English speakers: each link is then opened in the language under test.
    waiting_for_a_decision = Place.objects.filter(
        run=cohort, status=Status.RECEIVED, language=settings.LANGUAGE_CODE
    )
    first, second = (
        offer(place) for place in waiting_for_a_decision.order_by("pk")[:2]
    )

    def check(path: str, label: str) -> None:
        check_page(
            browser,
            page,
            site_url + path,
            200,
            lang,
            None,
            lambda step_name: page.screenshot(
                path=screenshot_path(f"{lang}-{label}-{step_name}")
            ),
            lambda name: screenshot_path(f"{lang}-{label}--{name}"),
            request,
        )

    def press(tab: Page, button: str, label: str) -> None:
        with translation.override(lang):
            name = gettext(button)
        tab.get_by_role("button", name=name).click()
        expect(tab.get_by_role("status")).to_be_visible()
        check_result(
            tab,
            f"the {lang} {label} page",
            lambda name: screenshot_path(f"{lang}-{label}--{name}"),
        )

    accept_path = place_link(first, Action.ACCEPT, site_url, prefix)
    check(accept_path, "accept")
    # A second tab holds the decline link open while the first accepts.
    other_context = browser.new_context(viewport=MOBILE, locale="en-GB")
    request.addfinalizer(other_context.close)
    other = other_context.new_page()
    other.goto(site_url + place_link(first, Action.DECLINE, site_url, prefix))
    page.goto(site_url + accept_path)
    press(page, "Accept the place", "accepted")
    first.refresh_from_db()
    assert first.status == Status.ACCEPTED
    press(other, "Decline the offer", "already-answered")
    check(accept_path, "link-used")
    expect(page.locator("main form")).to_have_count(0)

    check(place_link(first, Action.CANCEL, site_url, prefix), "give-up")
    press(page, "Give up my place", "given-up")
    check(place_link(second, Action.DECLINE, site_url, prefix), "decline")
    press(page, "Decline the offer", "declined")
    statuses = Place.objects.filter(pk__in=[first.pk, second.pk]).values_list(
        "status", flat=True
    )
    assert sorted(statuses) == sorted([Status.WITHDRAWN, Status.DECLINED])


@pytest.mark.parametrize(("prefix", "lang"), [("", "en-gb"), ("/cy", "cy")])
def test_naming_page_is_accessible_empty_with_an_error_and_saved(
    page,
    browser,
    site_url,
    mailbox,
    task_worker,
    quick_forms,
    screenshot_path,
    request,
    prefix,
    lang,
):
    """The page a block booking's lead opens from their email to name their people."""
    page.goto(site_url + BOOKING_PATH)
    book_a_block(page, "Team Lead", "lead@example.org")
    task_worker()
    (email,) = [
        m
        for m in mailbox.messages
        if "lead@example.org" in m["X-Envelope-To"]
        and "/place/" in m.get_body(("plain",)).get_content()
    ]
    body = email.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/place/\S+/", body).group(0)
    path = prefix + link.removeprefix(site_url)

    def check(step: Step, label: str) -> None:
        check_page(
            browser,
            page,
            site_url + path,
            200,
            lang,
            step,
            lambda step_name: page.screenshot(
                path=screenshot_path(f"{lang}-{label}-{step_name}")
            ),
            lambda name: screenshot_path(f"{lang}-{label}--{name}"),
            request,
        )

    def name_without_email(tab: Page) -> None:
        tab.locator("#id_name_2").fill("Dafydd Rees")
        tab.locator("form.site-form button[type='submit']").click()
        expect(tab.locator("[data-error-summary]")).to_be_visible()

    check(None, "naming")
    check(name_without_email, "naming-error")
    expect(page.locator("#id_email_2")).to_have_attribute("aria-invalid", "true")

    page.set_viewport_size(MOBILE)
    page.goto(site_url + path)
    page.locator("#id_name_1").fill("Alys Jones")
    page.locator("#id_email_1").fill("alys@example.org")
    page.locator("form.site-form button[type='submit']").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("#id_name_1")).to_have_value("Alys Jones")
    check_result(
        page,
        f"the {lang} naming page once saved",
        lambda name: screenshot_path(f"{lang}-naming-saved--{name}"),
    )


def test_admin_places_and_bookings_pages_are_accessible(
    page, site_url, quick_forms, screenshot_path
):
    """The runs list, a run's places, a bulk decision's preview and the bookings."""
    page.goto(site_url + BOOKING_PATH)
    book_a_block(page, "Team Lead", "lead@example.org")
    cohort = CourseRun.objects.open_for_booking().get(
        course__slug="compassionate-leadership", course__locale__language_code="en-gb"
    )
    log_in(page, site_url, ADMIN)

    def check(where: str) -> None:
        expect(page.locator("html")).to_have_attribute("lang", "en-gb")
        page.screenshot(path=screenshot_path(where.replace(" ", "-")), full_page=True)
        assert_no_axe_violations(page, f"the admin's {where}")

    page.goto(site_url + "/admin/places/")
    expect(page.get_by_role("heading", name="Places", level=1)).to_be_visible()
    check("places runs")

    page.get_by_role("link", name=cohort.label).click()
    expect(page).to_have_url(f"{site_url}/admin/places/runs/{cohort.pk}/")
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(Place.objects.filter(run=cohort).count())
    check("places of a run")

    received = rows.filter(has_text=str(Status.RECEIVED.label))
    for box in received.locator("input[name='places']").all()[:2]:
        box.check()
    page.get_by_role("radio", name="Offer a place").check()
    page.get_by_role("button", name="Preview the emails").click()
    expect(page.locator(".place-preview")).to_have_count(2)
    check("offer preview")

    page.goto(site_url + "/admin/places/bookings/")
    expect(page.get_by_text("Team Lead")).to_be_visible()
    check("bookings list")


def test_certificate_check_and_cpd_record_pages_are_accessible(
    page, browser, site_url, screenshot_path, request, settings
):
    """The verification form (empty, error, each status, unknown) and the record pages."""
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = 1000
    settings.CERTIFICATES_RECORD_RATE_LIMIT = 1000
    run = (
        CourseRun.objects.filter(
            course__slug="creative-writing-for-empathy",
            course__locale__language_code="en-gb",
        )
        .order_by("pk")
        .first()
    )
    for session in run.sessions.core():
        record_attendance(
            session,
            attended=True,
            source=Source.WALK_IN,
            name="Alys Jones",
            email="alys@example.org",
        )
    certificates = {}
    for status in (CertificateStatus.SUPERSEDED, CertificateStatus.REVOKED):
        (certificate,) = issue_for_run(run)
        # No function supersedes or revokes yet: set the status as one would.
        certificate.status = status
        certificate.save(update_fields=["status"])
        certificates[status] = certificate
    (certificates[CertificateStatus.VALID],) = issue_for_run(run)
    record_path = record_link_for(certificates[CertificateStatus.VALID], "en-gb")
    record_path = record_path.removeprefix(site_url)

    pages = [
        ("/certificates/verify/", 200, "verify-form"),
        ("/certificates/verify/?code=7K3M", 400, "verify-error"),
        ("/certificates/verify/?code=2222-3333-4444", 404, "verify-unknown"),
        *(
            (f"/certificates/verify/{certificate.code}/", 200, f"verify-{status}")
            for status, certificate in certificates.items()
        ),
        ("/certificates/record/", 200, "record-request"),
        ("/certificates/record/sent/", 200, "record-sent"),
        (record_path, 200, "record-list"),
        ("/certificates/record/forged/", 404, "record-link-not-working"),
    ]
    for path, status, label in pages:
        for url, lang in ((path, "en-gb"), ("/cy" + path, "cy")):
            name = f"{lang}-{label}"
            check_page(
                browser,
                page,
                site_url + url,
                status,
                lang,
                None,
                lambda step, name=name: page.screenshot(
                    path=screenshot_path(f"{name}-{step}")
                ),
                lambda shot, name=name: screenshot_path(f"{name}--{shot}"),
                request,
            )


def test_admin_register_pages_are_accessible(page, site_url, screenshot_path):
    """A session's register with a report row to match, and the import form's error."""
    cohort = CourseRun.objects.open_for_booking().get(
        course__slug="compassionate-leadership", course__locale__language_code="en-gb"
    )
    session = cohort.sessions.order_by("start").first()
    import_report(
        session,
        [Participant(name="Unknown Visitor", email="", seconds=5400, rows=1)],
        minimum_minutes=60,
    )
    log_in(page, site_url, ADMIN)

    def check(where: str) -> None:
        expect(page.locator("html")).to_have_attribute("lang", "en-gb")
        page.screenshot(path=screenshot_path(where.replace(" ", "-")), full_page=True)
        assert_no_axe_violations(page, f"the admin's {where}")

    page.goto(site_url + "/admin/registers/")
    expect(page.get_by_role("heading", name="Registers", level=1)).to_be_visible()
    check("registers runs")

    page.goto(f"{site_url}/admin/registers/sessions/{session.pk}/")
    expect(page.get_by_role("cell", name="Unknown Visitor", exact=True)).to_be_visible()
    check("register with a row to match")

    page.get_by_role("link", name="Import a Teams attendance report").click()
    page.get_by_label("Minimum minutes to count as present").fill("")
    page.get_by_role("button", name="Import").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    check("import form with an error")

    page.goto(f"{site_url}/admin/registers/sessions/{session.pk}/add/")
    page.get_by_role("button", name="Add and tick as present").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    check("add someone with an error")


def test_admin_certificates_pages_are_accessible(
    page, site_url, mailbox, task_worker, screenshot_path
):
    """The Certificates runs list, a run, the issue preview, correcting and revoking,
    and the public page an outdated download link shows."""
    run, _places = ended_run_with_register()
    log_in(page, site_url, ADMIN)

    def check(where: str, tab: Page = page) -> None:
        # Each step follows a click: measure the page it led to once it has loaded.
        expect(tab.get_by_role("main")).to_be_visible()
        expect(tab.get_by_role("heading", level=1)).to_be_visible()
        tab.screenshot(path=screenshot_path(where.replace(" ", "-")), full_page=True)
        assert_no_axe_violations(tab, where)

    page.goto(site_url + "/admin/certificates/")
    expect(page.get_by_role("heading", name="Certificates", level=1)).to_be_visible()
    check("the admin's certificates runs")
    page.get_by_role("link", name=run.label).click()
    check("the admin's certificates of a run")
    page.get_by_role("button", name="Issue 1 certificate").click()
    check("the admin's issue preview")
    page.get_by_role("button", name="Confirm: issue and email 1 certificate").click()
    expect(
        page.get_by_role("link", name=re.compile("^Correct the name on"))
    ).to_be_visible()
    certificate = Certificate.objects.get(run=run)
    page.get_by_role("link", name=f"Correct the name on {certificate.code}").click()
    page.wait_for_url(re.compile(r"/correct/$"))
    check("the admin's correct the name form")
    page.get_by_role("link", name="Back without changing anything").click()
    page.get_by_role("link", name=f"Revoke {certificate.code}").click()
    page.get_by_role("button", name="Revoke").click()
    expect(page.locator("#id_reason")).to_have_attribute("aria-invalid", "true")
    check("the admin's revoke form with an error")
    page.get_by_label(re.compile("Reason")).fill("Issued by mistake")
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text(f"Certificate {certificate.code} revoked.")).to_be_visible()
    # Wagtail's message fades in (axe would measure it half-way); the page alone.
    page.reload()
    expect(page.get_by_text("Revoked: Issued by mistake")).to_be_visible()
    check("the admin's run with a revoked certificate")

    # The person who follows an outdated link is not signed in.
    visitor = page.context.browser.new_context(locale="en-GB").new_page()
    for prefix, lang in (("", "en-gb"), ("/cy", "cy")):
        certificate.language = lang
        link = download_link(certificate).removeprefix(
            settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        )
        assert link.startswith(prefix + "/certificates/download/")
        response = visitor.goto(site_url + link)
        assert response.status == 410
        expect(visitor.locator("html")).to_have_attribute("lang", lang)
        check(f"the {lang} page of a certificate no longer valid", visitor)
    visitor.context.close()


def test_feedback_form_and_admin_summary_are_accessible(
    page, browser, site_url, screenshot_path, request
):
    """The feedback form empty, with errors and thanked, in both languages; the
    admin's Feedback list and a run's summary."""
    run = CourseRun.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, sessions__isnull=False
    ).first()

    for prefix, lang in (("", "en-gb"), ("/cy", "cy")):
        asked = FeedbackRequest.objects.create(
            run=run,
            name="Fay Example",
            email=f"fay-{lang}@example.org",
            language=lang,
            sent_at=timezone.now(),
        )
        path = feedback_link(asked).removeprefix(site_url)
        assert path.startswith(prefix + "/")

        def check(step: Step, label: str, path: str = path, lang: str = lang) -> None:
            check_page(
                browser,
                page,
                site_url + path,
                200 if step is None else 400,
                lang,
                step,
                lambda step_name: page.screenshot(
                    path=screenshot_path(f"{lang}-{label}-{step_name}")
                ),
                lambda name: screenshot_path(f"{lang}-{label}--{name}"),
                request,
            )

        def send_without_a_rating(tab: Page) -> None:
            tab.get_by_role("radio").last.check()  # quoted anonymously, no words
            tab.locator("form.site-form button[type='submit']").click()
            expect(tab.locator("[data-error-summary]")).to_be_visible()

        check(None, "feedback")
        page.set_viewport_size(MOBILE)
        page.goto(site_url + path)
        send_without_a_rating(page)
        check_result(
            page,
            f"the {lang} feedback form with errors",
            lambda name, lang=lang: screenshot_path(f"{lang}-feedback-error--{name}"),
        )
        page.locator("#id_rating_4").check()
        page.locator("#id_helped").fill("The writing together.")
        page.locator("form.site-form button[type='submit']").click()
        expect(page.get_by_role("status")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", lang)
        check_result(
            page,
            f"the {lang} feedback thank-you page",
            lambda name, lang=lang: screenshot_path(f"{lang}-feedback-thanks--{name}"),
        )

    log_in(page, site_url, ADMIN)
    page.goto(site_url + "/admin/feedback/")
    expect(page.get_by_role("heading", name="Feedback", level=1)).to_be_visible()
    assert_no_axe_violations(page, "the admin's feedback runs")
    page.goto(site_url + f"/admin/feedback/runs/{run.pk}/")
    expect(page.locator("table.listing").last).to_be_visible()
    assert_no_axe_violations(page, "the admin's feedback of a run")

    # The quote sent last is a draft testimonial: its read-only consent and the
    # page that withdraws it.
    draft = course_models.Testimonial.objects.order_by("-pk").first()
    page.goto(site_url + f"/admin/snippets/courses/testimonial/edit/{draft.pk}/")
    # Wagtail's own editor (minimap, header) is not ours to check: only our page.
    expect(page.get_by_role("link", name="Withdraw consent")).to_be_visible()
    page.get_by_role("link", name="Withdraw consent").click()
    expect(
        page.get_by_role("heading", name="Withdraw consent", level=1)
    ).to_be_visible()
    assert_no_axe_violations(page, "the admin's withdraw consent page")


SEARCH_PAGES = [
    ("/search/?q=empathy", 200, "en-gb"),
    ("/search/?q=zzzz-no-such-thing", 200, "en-gb"),
    ("/cy/chwilio/?q=empathi", 200, "cy"),
    ("/cy/chwilio/?q=zzzz-dim-byd", 200, "cy"),
]


def test_search_page_is_accessible(page, browser, site_url, screenshot_path, request):
    """Site search (issue 17) with results and with none, in English and Welsh."""
    for path, status, lang in SEARCH_PAGES:
        label = f"{lang}-search-{path.rsplit('=', 1)[1]}"
        page.goto(site_url + path)
        if "zzzz" in path:
            expect(page.locator(".search-page__none")).to_be_visible()
        else:
            expect(page.locator(".search-result").first).to_be_visible()

        def shot(step_name: str, label: str = label) -> None:
            page.screenshot(
                path=screenshot_path(f"{label}--{step_name}"), full_page=True
            )

        check_page(
            browser,
            page,
            site_url + path,
            status,
            lang,
            None,
            shot,
            lambda name, label=label: screenshot_path(f"{label}--{name}"),
            request,
        )


def test_header_search_works_with_the_keyboard(page, site_url):
    """Tab to the header's search box, type, press Enter: the results in that language."""
    for path, results in (("/about/", "/search/"), ("/cy/about/", "/cy/chwilio/")):
        page.goto(site_url + path)
        box = page.locator(".site-search input[type='search']")
        for _ in range(40):
            page.keyboard.press("Tab")
            if box.evaluate("el => el === document.activeElement"):
                break
        else:
            pytest.fail(f"{path}: Tab never reached the header search box")
        page.keyboard.type("empathy")
        page.keyboard.press("Tab")
        button = page.locator(".site-search button")
        assert button.evaluate("el => el === document.activeElement")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(results) + r"\?q=empathy$"))
        expect(page.locator("#search-page-q")).to_have_value("empathy")


@pytest.mark.parametrize(
    "path", ["/accessibility/", "/cookies/"], ids=["statement", "cookies"]
)
def test_statement_and_cookies_pages_are_accessible(
    page, browser, site_url, screenshot_path, request, path
):
    """The accessibility statement and the cookies page, in English and Welsh."""
    for url, status, lang in both_languages(path):
        label = f"{lang}-{path.strip('/')}"

        def shot(step_name: str, label: str = label) -> None:
            page.screenshot(path=screenshot_path(f"{label}--{step_name}"))

        check_page(
            browser,
            page,
            site_url + url,
            status,
            lang,
            None,
            shot,
            lambda name, label=label: screenshot_path(f"{label}--{name}"),
            request,
        )
