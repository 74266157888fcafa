"""The acknowledgement carries no stranger's text, and no address gets many a day."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from forms_app.models import Delivery, Submission
from forms_app.spam import issue_form_token
from tests.factories.forms_app import ApplicationFormFieldFactory
from tests.forms_app import test_applications, test_privacy_and_translation
from tests.forms_app.conftest import form_data

pytestmark = pytest.mark.django_db

# The published courses, facilitators and application forms test_applications uses.
setting = test_applications.setting
welsh_enquiry = test_privacy_and_translation.welsh_enquiry

STRANGER = "someone-else@example.net"
FREE_TEXT = "Click https://phish.example/win to claim your prize. " * 70


@pytest.fixture
def form(setting):
    page = setting["form_a"]
    ApplicationFormFieldFactory(
        page=page, label="About your team", field_type="multiline", required=False
    )
    ApplicationFormFieldFactory(
        page=page,
        label="Format",
        field_type="radio",
        choices="Online\nIn person",
        required=False,
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_acknowledgement_holds_reference_course_dates_and_choices_only(
    setting, form, post_form
):
    data = test_applications.answers(
        setting["run_a"],
        contact_name="Visit phish.example now",
        contact_email=STRANGER,
        current_role="Call 0800 000 000 today",
        about_your_team=FREE_TEXT[:4000],
        format="In person",
    )
    assert post_form(form, data).status_code == 302

    submission = Submission.objects.get()
    [ack] = [m for m in mail.outbox if STRANGER in m.to[0]]
    assert ack.to == [STRANGER]
    for content in (ack.subject + ack.body, ack.alternatives[0][0]):
        assert submission.reference in content
        assert "Compassionate Leadership" in content
        assert "Spring cohort" in content
        assert "In person" in content
        assert "phish" not in content
        assert "0800" not in content
    # Staff still read every answer.
    notification = next(m for m in mail.outbox if m.to == ["lead-a@example.org"])
    assert "Compassionate Leadership" in notification.body


def test_a_welsh_acknowledgement_shows_the_choice_in_welsh(welsh_enquiry, post_form):
    welsh_choice = "Gofal dementia"
    post_form(welsh_enquiry, form_data(type_of_team=welsh_choice))
    ack = next(m for m in mail.outbox if "asha@example.org" in m.to[0])
    assert welsh_choice in ack.body
    assert "Dementia care" not in ack.body
    assert "We are a team of twelve." not in ack.body


def post_as(post_form, page, address: str):
    data = form_data(
        contact_email=address, form_token=issue_form_token(time.time() - 60)
    )
    assert post_form(page, data).status_code == 302


def test_one_address_gets_at_most_three_acknowledgements_a_day(enquiry_page, post_form):
    for address in ("asha@example.org", "Asha@Example.org", "ASHA@example.org"):
        post_as(post_form, enquiry_page, address)
    post_as(post_form, enquiry_page, "asha@EXAMPLE.org")

    assert Submission.objects.count() == 4
    notifications = Delivery.objects.filter(kind=Delivery.Kind.NOTIFICATION)
    assert notifications.count() == 8
    assert set(notifications.values_list("status", flat=True)) == {"sent"}
    acks = Delivery.objects.filter(kind=Delivery.Kind.ACKNOWLEDGEMENT)
    assert list(acks.values_list("status", flat=True)) == ["sent"] * 3 + ["suppressed"]
    sent_to = [m.to[0].lower() for m in mail.outbox]
    assert len(mail.outbox) == 11
    assert sum("asha@example.org" in address for address in sent_to) == 3
    last = Submission.objects.latest("pk")
    assert last.status == Submission.Status.NOTIFIED

    staff = Client()
    staff.force_login(
        get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-1")
    )
    html = staff.get(f"/admin/forms-app/submissions/{last.pk}/").content.decode()
    assert "Not sent: this address had 3 acknowledgements in 24 hours" in html


def test_the_daily_limit_counts_only_the_last_24_hours(
    enquiry_page, post_form, settings
):
    settings.FORMS_ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY = 2
    for _ in range(2):
        post_as(post_form, enquiry_page, "asha@example.org")
    Delivery.objects.filter(kind=Delivery.Kind.ACKNOWLEDGEMENT).update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    post_as(post_form, enquiry_page, "asha@example.org")
    post_as(post_form, enquiry_page, "asha@example.org")
    post_as(post_form, enquiry_page, "asha@example.org")
    statuses = Delivery.objects.filter(kind=Delivery.Kind.ACKNOWLEDGEMENT).values_list(
        "status", flat=True
    )
    assert list(statuses) == ["sent", "sent", "sent", "sent", "suppressed"]
