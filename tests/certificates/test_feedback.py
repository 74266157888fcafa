"""Feedback after a run, through the worker's job, the emailed link and the admin.

A "yes, named" answer becomes a draft testimonial with its consent record; the
course page shows it only once an editor publishes it, and no longer once consent
is withdrawn.
"""

import html
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from certificates.feedback import request_feedback
from certificates.feedback_answers import CONSENT_WORDING
from certificates.models import FeedbackRequest, FeedbackResponse
from courses import models as course_models
from forms_app.models import Delivery
from forms_app.periodic import JOBS, job_row, run_job_if_due
from tests.certificates.conftest import attend
from tests.support.roles import client_for

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/\S*feedback/\S+/)")
HELPED = "Writing with others every week helped me listen."


@pytest.fixture
def attended(ended_cohort):
    """Person 1 came 6 times, person 2 four times, person 3 twice."""
    for place, count in zip(ended_cohort["places"], (6, 4, 2), strict=True):
        attend(ended_cohort["sessions"], place, count)
    return ended_cohort


def run_feedback_job(capture) -> bool:
    """Run the periodic job the way a worker does: claim it, run it, release it."""
    job = JOBS["feedback_requests"]
    job_row(job)
    with capture(execute=True):
        return run_job_if_due(job, "test-worker")


def feedback_emails() -> dict[str, str]:
    """Each feedback email sent, by recipient."""
    return {
        message.to[0]: message.body
        for message in mail.outbox
        if "feedback/" in message.body
    }


def link_in(body: str) -> str:
    return LINK.search(body).group(1)


def answers(**changes) -> dict:
    data = {
        "rating": "5",
        "helped": HELPED,
        "to_change": "More time for the last exercise.",
        "quote_choice": "named",
        "quote": "",
        "role": "Ward manager",
        "shown_name": "Person 1",
    }
    data.update(changes)
    return data


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(user)
    return client


def test_the_job_emails_each_attendee_once_after_the_last_session(
    attended, django_capture_on_commit_callbacks
):
    assert run_feedback_job(django_capture_on_commit_callbacks)
    emails = feedback_emails()
    assert sorted(emails) == [
        "person1@example.org",
        "person2@example.org",
        "person3@example.org",
    ]
    assert "How was Compassionate Leadership?" in {m.subject for m in mail.outbox}
    assert FeedbackRequest.objects.count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        assert request_feedback() == 0
    assert len(feedback_emails()) == 3
    assert Delivery.objects.filter(key__startswith="feedback-request:").count() == 3


def test_nobody_is_asked_before_the_last_session_ends(
    attended, django_capture_on_commit_callbacks
):
    last = attended["sessions"][-1]
    last.start = timezone.now() + timedelta(hours=1)
    last.end = last.start + timedelta(hours=2)
    last.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert request_feedback() == 0
    assert not FeedbackRequest.objects.exists()
    # The moment it ends, they are asked.
    with django_capture_on_commit_callbacks(execute=True):
        assert request_feedback(last.end + timedelta(minutes=1)) == 3


def test_runs_that_ended_long_ago_are_not_swept_up(
    attended, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_MAX_DAYS_AFTER_RUN = 5
    with django_capture_on_commit_callbacks(execute=True):
        assert request_feedback() == 0
    assert not FeedbackRequest.objects.exists()


def test_yes_named_becomes_a_draft_shown_only_once_published_and_until_withdrawn(
    attended, client, editor, django_capture_on_commit_callbacks
):
    course, run = attended["course"], attended["run"]
    run_feedback_job(django_capture_on_commit_callbacks)
    link = link_in(feedback_emails()["person1@example.org"])

    page = client.get(link)
    assert page.status_code == 200
    assert str(CONSENT_WORDING) in html.unescape(page.content.decode())
    assert 'value="Person 1"' in page.content.decode()

    response = client.post(link, answers())
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert "Thank you for your feedback" in thanks.content.decode()

    feedback = FeedbackResponse.objects.get()
    consent = course_models.ConsentRecord.objects.get()
    assert feedback.consent == consent
    today = timezone.localdate()
    assert (
        consent.name,
        consent.email,
        consent.attribution,
        consent.shown_name,
        consent.shown_role,
        consent.wording,
        consent.language,
        consent.given_on,
        consent.source,
    ) == (
        "Person 1",
        "person1@example.org",
        "named",
        "Person 1",
        "Ward manager",
        str(CONSENT_WORDING),
        "en-gb",
        today,
        course_models.ConsentSource.FEEDBACK_FORM,
    )
    testimonial = course_models.Testimonial.objects.get()
    assert feedback.testimonial == testimonial
    assert (testimonial.live, testimonial.course_id, testimonial.run_id) == (
        False,
        course.pk,
        run.pk,
    )
    assert testimonial.quote == HELPED  # "what helped", as the quote left empty says
    assert HELPED not in client.get(course.url).content.decode()

    again = client.post(link, answers(rating="1"))
    assert "already answered" in html.unescape(again.content.decode())
    assert FeedbackResponse.objects.get().rating == 5

    edit_url = reverse(
        "wagtailsnippets_courses_testimonial:edit", args=[testimonial.pk]
    )
    published = editor.post(
        edit_url,
        {
            "quote": testimonial.quote,
            "attribution": "named",
            "name": "Person 1",
            "role": "Ward manager",
            "course": str(course.pk),
            "run": str(run.pk),
            "action-publish": "action-publish",
        },
    )
    assert published.status_code == 302, published.content.decode()[:3000]
    testimonial.refresh_from_db()
    assert testimonial.live
    shown = client.get(course.url).content.decode()
    assert HELPED in shown
    assert "Person 1, Ward manager" in shown

    withdraw_url = reverse("courses_withdraw_consent", args=[testimonial.pk])
    assert editor.get(withdraw_url).status_code == 200
    assert editor.post(withdraw_url, {"note": "Asked by phone."}).status_code == 200
    assert HELPED in client.get(course.url).content.decode()  # not confirmed
    withdrawn = editor.post(withdraw_url, {"note": "Asked by phone.", "confirm": "on"})
    assert withdrawn.status_code == 302
    assert HELPED not in client.get(course.url).content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on == today
    assert consent.withdrawal_note == "Asked by phone."


def test_publishing_is_refused_while_consent_does_not_stand(
    attended, client, editor, django_capture_on_commit_callbacks
):
    course, run = attended["course"], attended["run"]
    run_feedback_job(django_capture_on_commit_callbacks)
    client.post(
        link_in(feedback_emails()["person2@example.org"]),
        answers(quote_choice="role", shown_name="", quote="Calm and useful."),
    )
    testimonial = course_models.Testimonial.objects.get()
    assert testimonial.consent.attribution == "role"
    edit_url = reverse(
        "wagtailsnippets_courses_testimonial:edit", args=[testimonial.pk]
    )
    fields = {
        "quote": testimonial.quote,
        "attribution": "role",
        "name": "",
        "role": "Ward manager",
        "course": str(course.pk),
        "run": str(run.pk),
        "action-publish": "action-publish",
    }

    # Showing the name exceeds a "role only" consent.
    refused = editor.post(edit_url, {**fields, "attribution": "named", "name": "P"})
    assert refused.status_code == 200
    assert "agreed to be shown as" in html.unescape(refused.content.decode())

    testimonial.consent.withdraw("Changed their mind.")
    refused = editor.post(edit_url, fields)
    assert refused.status_code == 200
    assert "cannot be published" in html.unescape(refused.content.decode())
    testimonial.refresh_from_db()
    assert not testimonial.live
    assert "Calm and useful." not in client.get(course.url).content.decode()


def test_the_form_keeps_answers_and_names_each_problem(
    attended, client, django_capture_on_commit_callbacks
):
    run_feedback_job(django_capture_on_commit_callbacks)
    link = link_in(feedback_emails()["person3@example.org"])
    response = client.post(
        link, answers(rating="", role="", shown_name="", helped="Kept answer.")
    )
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "There is a problem" in text
    assert "Choose a rating from 1 to 5." in text
    assert "Give your role, or choose to be anonymous." in text
    assert "Kept answer." in text
    assert not FeedbackResponse.objects.exists()
    assert not course_models.ConsentRecord.objects.exists()


def test_a_welsh_speaker_gets_the_email_and_form_in_welsh(
    attended, client, django_capture_on_commit_callbacks
):
    place = attended["places"][0]
    place.language = "cy"
    place.save()
    run_feedback_job(django_capture_on_commit_callbacks)
    link = link_in(feedback_emails()["person1@example.org"])
    assert link.startswith("/cy/")
    client.post(link, answers(quote_choice="anonymous", role="", shown_name=""))
    consent = course_models.ConsentRecord.objects.get()
    assert consent.language == "cy"
    with translation.override("cy"):
        assert consent.wording == str(CONSENT_WORDING)


def test_a_forged_link_finds_nothing(client):
    assert client.get("/feedback/not-a-token/").status_code == 404


def test_staff_see_their_runs_summary_and_a_safe_csv(
    attended, client, django_capture_on_commit_callbacks
):
    run_feedback_job(django_capture_on_commit_callbacks)
    emails = feedback_emails()
    client.post(link_in(emails["person1@example.org"]), answers(quote_choice="no"))
    client.post(
        link_in(emails["person2@example.org"]),
        answers(rating="3", to_change='=HYPERLINK("http://x")', quote_choice="no"),
    )
    lead = client_for(attended["lead"])
    page = lead.get(reverse("feedback_admin:run", args=[attended["run"].pk]))
    text = html.unescape(page.content.decode())
    assert page.status_code == 200
    assert "2 of 3 people asked have answered." in text
    assert "Average rating: 4.0 out of 5." in text
    assert (
        attended["run"].label
        in lead.get(reverse("feedback_admin:runs")).content.decode()
    )

    export = lead.get(
        reverse("feedback_admin:run", args=[attended["run"].pk]) + "?export=csv"
    )
    body = export.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "'=HYPERLINK" in body
    assert "Person 1" not in body and "example.org" not in body

    other = client_for(attended["other_lead"])
    refused = other.get(reverse("feedback_admin:run", args=[attended["run"].pk]))
    assert refused.status_code == 403


def test_erasing_a_person_forgets_their_feedback_and_withdraws_their_consent(
    attended, client, editor, django_capture_on_commit_callbacks
):
    run_feedback_job(django_capture_on_commit_callbacks)
    client.post(link_in(feedback_emails()["person1@example.org"]), answers())
    response = editor.post(
        "/admin/forms-app/person/erase/", {"email": "Person1@Example.org"}
    )
    assert response.status_code == 302

    assert not FeedbackRequest.objects.filter(email__iexact="person1@example.org")
    answered = FeedbackResponse.objects.get()
    assert (answered.rating, answered.shown_name, answered.request.name) == (5, "", "")
    consent = course_models.ConsentRecord.objects.get()
    assert consent.withdrawn_on == timezone.localdate()
    assert (consent.name, consent.email, consent.shown_name) == ("", "", "")
    assert course_models.Testimonial.objects.get().name == ""
    assert not course_models.Testimonial.objects.with_current_consent().exists()
    # The others were asked and keep their requests.
    assert FeedbackRequest.objects.exclude(email="").count() == 2
