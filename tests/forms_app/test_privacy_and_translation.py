"""Retention purge, and Welsh submissions landing in the English form's list."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from forms_app.models import Submission
from home.demo.translation import translate
from tests.factories.forms_app import SubmissionFactory
from tests.forms_app.conftest import form_data

pytestmark = pytest.mark.django_db


def test_purge_deletes_only_expired_and_logs_counts_only(enquiry_page, caplog):
    enquiry_page.retention_days = 30
    enquiry_page.save_revision().publish()
    old = SubmissionFactory(page=enquiry_page, contact_email="old@example.org")
    SubmissionFactory(page=enquiry_page, contact_email="new@example.org")
    Submission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - timedelta(days=31)
    )

    out = StringIO()
    with caplog.at_level(logging.INFO):
        call_command("purge_submissions", "--dry-run", stdout=out)
    assert "1 submissions are past retention" in out.getvalue()
    assert Submission.objects.count() == 2

    with caplog.at_level(logging.INFO):
        call_command("purge_submissions", stdout=out)
    assert list(Submission.objects.values_list("contact_email", flat=True)) == [
        "new@example.org"
    ]
    assert "Deleted 1 submissions" in out.getvalue()
    assert "example.org" not in caplog.text


@pytest.fixture
def welsh_enquiry(enquiry_page, django_capture_on_commit_callbacks):
    fields = {f.clean_name: f for f in enquiry_page.form_fields.all()}
    with django_capture_on_commit_callbacks(execute=True):
        page = translate(
            enquiry_page,
            "cy",
            {
                enquiry_page.title: "Ymholiad pwrpasol",
                fields["type_of_team"].label: "Math o dîm",
                # wagtail-localize shows multi-line text with <br/> between lines.
                "Acute ward<br/>Dementia care<br/>Community": (
                    "Ward acíwt<br/>Gofal dementia<br/>Cymuned"
                ),
                "Thank you for getting in touch.": "Diolch am gysylltu.",
            },
        )
    return page.specific


def test_welsh_submission_keeps_keys_routing_and_lands_in_one_list(
    enquiry_page, welsh_enquiry, post_form
):
    assert welsh_enquiry.team_addresses == enquiry_page.team_addresses
    assert welsh_enquiry.url.startswith("/cy/")
    welsh_fields = {f.clean_name: f for f in welsh_enquiry.form_fields.all()}
    assert set(welsh_fields) == {"type_of_team", "format", "message"}
    welsh_choice = welsh_fields["type_of_team"].choices.splitlines()[1]
    assert welsh_choice == "Gofal dementia"

    response = post_form(welsh_enquiry, form_data(type_of_team=welsh_choice))
    assert response.status_code == 302
    assert response["Location"].startswith("/cy/")
    submission = Submission.objects.get()
    assert submission.page_id == enquiry_page.pk
    assert submission.locale.language_code == "cy"
    assert submission.form_data["type_of_team"] == "Dementia care"
    assert "dementia-lead@example.org" in [m.to[0] for m in mail.outbox]
    assert submission in enquiry_page.get_submissions()
    ack = next(m for m in mail.outbox if "asha@example.org" in m.to[0])
    assert "Diolch am gysylltu." in ack.body
    assert '<html lang="cy">' in ack.alternatives[0][0]
    notification = next(m for m in mail.outbox if m.to == ["bespoke@example.org"])
    assert '<html lang="en-gb">' in notification.alternatives[0][0]
