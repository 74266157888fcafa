"""Consent is its own record: set once when a testimonial is added, then fixed
except for recording its withdrawal; existing testimonials migrate into it."""

import html
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from courses import models as course_models
from tests.factories import courses as course_factories
from tests.support.migrations import (
    bare_course,
    locale,
    migrate_back_to,
    migrate_forward,
    migration_test,
)

SNIPPETS = "/admin/snippets/courses/testimonial/"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client


def added(course, **fields) -> dict:
    data = {
        "quote": "It gave me words for what I do.",
        "attribution": "role",
        "name": "",
        "role": "Occupational therapist",
        "course": str(course.pk),
        "run": "",
        "consent_name": "Alex Example",
        "consent_email": "alex@example.org",
        "consent_given_on": str(timezone.localdate() - timedelta(days=3)),
        "consent_wording": "Website, with my role, for two years.",
        "consent_attribution": "role",
        "consent_expires_on": str(timezone.localdate() + timedelta(days=700)),
    }
    data.update(fields)
    return data


@pytest.mark.django_db
def test_a_saved_consent_record_changes_only_by_withdrawal(course):
    consent = course_factories.TestimonialFactory(
        course=course, consent__name="Alex Example"
    ).consent
    consent.attribution = "named"
    with pytest.raises(course_models.ConsentIsFixed):
        consent.save()
    consent.refresh_from_db()
    consent.wording = "Something else."
    with pytest.raises(course_models.ConsentIsFixed):
        consent.save()
    with pytest.raises(course_models.ConsentIsFixed):
        course_models.ConsentRecord.objects.filter(pk=consent.pk).update(
            expires_on=None
        )

    consent.refresh_from_db()
    consent.name = ""  # forgetting who gave it waits for withdrawal
    with pytest.raises(course_models.ConsentIsFixed):
        consent.save()
    consent.refresh_from_db()
    consent.withdrawn_on = timezone.localdate()
    consent.withdrawal_note = "Asked by email."
    consent.save()
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    # Once withdrawn, the withdrawal itself is fixed too.
    consent.withdrawal_note = "Rewritten."
    with pytest.raises(course_models.ConsentIsFixed):
        consent.save()
    assert not consent.withdraw("Again.")


@pytest.mark.django_db
def test_adding_a_testimonial_records_its_consent_which_is_then_read_only(
    editor, course
):
    response = editor.post(f"{SNIPPETS}add/", added(course))
    assert response.status_code == 302
    testimonial = course_models.Testimonial.objects.get()
    consent = testimonial.consent
    assert (
        consent.name,
        consent.email,
        consent.wording,
        consent.attribution,
        consent.shown_role,
        consent.source,
        consent.recorded_by,
    ) == (
        "Alex Example",
        "alex@example.org",
        "Website, with my role, for two years.",
        "role",
        "Occupational therapist",
        course_models.ConsentSource.STAFF,
        editor.user,
    )
    assert not testimonial.live  # "Save draft": not yet on the site

    page = html.unescape(
        editor.get(f"{SNIPPETS}edit/{testimonial.pk}/").content.decode()
    )
    assert 'name="consent_wording"' not in page
    assert "Website, with my role, for two years." in page
    assert reverse("courses_withdraw_consent", args=[testimonial.pk]) in page


@pytest.mark.django_db
def test_an_attribution_beyond_the_consent_is_refused(editor, course):
    response = editor.post(
        f"{SNIPPETS}add/", added(course, attribution="named", name="Alex Example")
    )
    assert response.status_code == 200
    assert "agreed to be shown as" in html.unescape(response.content.decode())
    assert not course_models.ConsentRecord.objects.exists()


BEFORE = [("courses", "0006_completion_and_participatory_hours")]
AFTER = [("courses", "0007_consent_records_and_testimonial_drafts")]


@migration_test
def test_existing_testimonials_stay_live_with_their_consent_as_a_record():
    old = migrate_back_to(BEFORE)
    Testimonial = old.get_model("courses", "Testimonial")
    english, welsh = locale(old, "en-gb"), locale(old, "cy")
    course = bare_course(old, english)
    today = timezone.localdate()
    key = uuid.uuid4()
    common = {
        "attribution": "named",
        "name": "Sam Example",
        "role": "Ward manager",
        "course": course,
        "consent_given_on": today - timedelta(days=40),
        "consent_terms": "Website, named.",
        "consent_expires_on": today + timedelta(days=300),
        "translation_key": key,
    }
    Testimonial.objects.create(quote="Restorative.", locale=english, **common)
    Testimonial.objects.create(quote="Adferol.", locale=welsh, **common)
    Testimonial.objects.create(
        quote="Withdrawn one.",
        attribution="anonymous",
        course=course,
        locale=english,
        consent_given_on=today - timedelta(days=90),
        consent_terms="Website, anonymous.",
        consent_withdrawn_on=today - timedelta(days=2),
    )

    migrate_forward()

    english_quote = course_models.Testimonial.objects.get(quote="Restorative.")
    welsh_quote = course_models.Testimonial.objects.get(quote="Adferol.")
    withdrawn = course_models.Testimonial.objects.get(quote="Withdrawn one.")
    assert english_quote.live and welsh_quote.live and withdrawn.live
    assert english_quote.consent_id == welsh_quote.consent_id
    consent = english_quote.consent
    assert (
        consent.given_on,
        consent.wording,
        consent.attribution,
        consent.shown_name,
        consent.shown_role,
        consent.expires_on,
        consent.source,
    ) == (
        today - timedelta(days=40),
        "Website, named.",
        "named",
        "Sam Example",
        "Ward manager",
        today + timedelta(days=300),
        course_models.ConsentSource.STAFF,
    )
    assert withdrawn.consent.withdrawn_on == today - timedelta(days=2)
    shown = course_models.Testimonial.objects.with_current_consent(today)
    assert set(shown) == {english_quote, welsh_quote}
    assert course_models.ConsentRecord.objects.count() == 2
