"""Who viewed, exported, searched, resent or erased applicant data: one record each."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from forms_app.models import AccessRecord
from staff.roles import ADMINISTRATORS, COMMUNICATIONS
from tests.factories.forms_app import DeliveryFactory, SubmissionFactory
from tests.support.admin import assert_refused
from tests.support.roles import client_for, staff_user

pytestmark = pytest.mark.django_db

PERSON = "asha@example.org"


@pytest.fixture
def administrator():
    return staff_user(ADMINISTRATORS)


@pytest.fixture
def submission(enquiry_page):
    return SubmissionFactory(
        page=enquiry_page, reference="ENQ-ACCS", contact_email=PERSON
    )


def only_record(user, action: str) -> AccessRecord:
    records = list(AccessRecord.objects.all())
    assert len(records) == 1, records
    assert (records[0].user, records[0].action) == (user, action)
    # References and counts only: never the person's address or name.
    assert PERSON not in records[0].subject
    assert "Asha" not in records[0].subject
    return records[0]


def test_viewing_a_submission_is_recorded(administrator, submission):
    client = client_for(administrator)
    response = client.get(f"/admin/forms-app/submissions/{submission.pk}/")
    assert response.status_code == 200
    record = only_record(administrator, AccessRecord.Action.VIEWED)
    assert "ENQ-ACCS" in record.subject


@pytest.mark.parametrize("spreadsheet", ["csv", "xlsx"])
def test_exporting_submissions_is_recorded(
    administrator, submission, enquiry_page, spreadsheet
):
    client = client_for(administrator)
    url = f"/admin/forms/submissions/{enquiry_page.pk}/"
    response = client.get(url, {"export": spreadsheet})
    assert response.status_code == 200
    b"".join(response.streaming_content) if response.streaming else response.content
    record = only_record(administrator, AccessRecord.Action.EXPORTED)
    assert "1 submissions" in record.subject and spreadsheet in record.subject


def test_listing_submissions_without_export_records_nothing(
    administrator, submission, enquiry_page
):
    client = client_for(administrator)
    assert client.get(f"/admin/forms/submissions/{enquiry_page.pk}/").status_code == 200
    assert not AccessRecord.objects.exists()


def test_searching_and_exporting_a_person_are_recorded(administrator, submission):
    client = client_for(administrator)
    response = client.get("/admin/forms-app/person/", {"email": PERSON})
    assert response.status_code == 200
    record = only_record(administrator, AccessRecord.Action.SEARCHED)
    assert "1 submissions" in record.subject
    AccessRecord.objects.all().delete()
    export = client.get("/admin/forms-app/person/", {"email": PERSON, "export": "csv"})
    assert export.status_code == 200
    only_record(administrator, AccessRecord.Action.EXPORTED)


def test_erasing_a_person_is_recorded(administrator, submission):
    client = client_for(administrator)
    response = client.post("/admin/forms-app/person/erase/", {"email": PERSON})
    assert response.status_code == 302
    record = only_record(administrator, AccessRecord.Action.ERASED)
    assert "1 submissions" in record.subject


def test_resending_an_email_is_recorded(
    administrator, submission, django_capture_on_commit_callbacks
):
    delivery = DeliveryFactory(submission=submission, status="failed", attempts=3)
    client = client_for(administrator)
    url = (
        f"/admin/forms-app/submissions/{submission.pk}/deliveries/{delivery.pk}/resend/"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    record = only_record(administrator, AccessRecord.Action.RESENT)
    assert "ENQ-ACCS" in record.subject


def test_only_administrators_see_the_records(administrator, submission):
    client_for(administrator).get(f"/admin/forms-app/submissions/{submission.pk}/")
    listing = client_for(administrator).get(reverse("access_records:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "ENQ-ACCS" in html and "Viewed a submission" in html
    communications = client_for(staff_user(COMMUNICATIONS))
    assert_refused(communications.get(reverse("access_records:index")))
    # The menu offers it to administrators only.
    menu_link = reverse("access_records:index")
    assert menu_link in client_for(administrator).get("/admin/").content.decode()
    assert menu_link not in communications.get("/admin/").content.decode()


def test_records_cannot_be_added_edited_or_deleted_even_by_administrators(
    administrator, submission
):
    client = client_for(administrator)
    client.get(f"/admin/forms-app/submissions/{submission.pk}/")
    record = AccessRecord.objects.get()
    assert_refused(client.get(reverse("access_records:add")))
    assert_refused(client.get(reverse("access_records:edit", args=[record.pk])))
    assert_refused(client.post(reverse("access_records:delete", args=[record.pk])))
    assert AccessRecord.objects.filter(pk=record.pk).exists()


def test_purge_removes_records_past_the_retention_period(
    administrator, submission, settings
):
    settings.ACCESS_RECORD_RETENTION_DAYS = 30
    client = client_for(administrator)
    url = f"/admin/forms-app/submissions/{submission.pk}/"
    client.get(url)
    client.get(url)
    old, recent = AccessRecord.objects.order_by("pk")
    AccessRecord.objects.filter(pk=old.pk).update(
        at=timezone.now() - timedelta(days=31)
    )
    AccessRecord.objects.filter(pk=recent.pk).update(
        at=timezone.now() - timedelta(days=29)
    )
    call_command("purge_submissions")
    assert list(AccessRecord.objects.values_list("pk", flat=True)) == [recent.pk]


def test_deleting_submissions_from_the_list_is_recorded(
    administrator, submission, enquiry_page
):
    client = client_for(administrator)
    url = reverse("wagtailforms:delete_submissions", args=[enquiry_page.pk])
    response = client.post(f"{url}?selected-submissions={submission.pk}")
    assert response.status_code == 302
    assert not type(submission).objects.filter(pk=submission.pk).exists()
    record = only_record(administrator, AccessRecord.Action.ERASED)
    assert "1 submissions" in record.subject
