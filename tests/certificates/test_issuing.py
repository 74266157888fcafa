"""Issue 16's certificate journey over HTTP: issue in the admin, the emailed link
downloads a PDF that names the person, the verification page confirms its code, a
corrected name supersedes it, and revoking withdraws one."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates import issuing
from certificates.issuing import NotValid, correct_name, issue_for_run, revoke
from certificates.models import Certificate, CertificateEvent, CertificateStatus
from forms_app.models import Delivery
from places.models import PlaceChange
from staff.roles import COMMUNICATIONS
from tests.certificates.conftest import attend
from tests.support.roles import client_for, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def comms():
    return staff_user(COMMUNICATIONS, "comms")


@pytest.fixture
def comms_client(comms):
    return client_for(comms)


def run_url(run) -> str:
    return reverse("certificates_admin:run", args=[run.pk])


def issue(client, run, capture) -> str:
    """Preview then confirm issuing; the preview's HTML."""
    before = (Certificate.objects.count(), len(mail.outbox))
    preview = client.post(run_url(run), {"step": "preview"})
    assert preview.status_code == 200
    assert (Certificate.objects.count(), len(mail.outbox)) == before
    with capture(execute=True):
        done = client.post(run_url(run), {"step": "confirm"})
    assert done.status_code == 302
    return preview.content.decode()


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def download_link_in(message) -> str:
    return re.search(r"https?://\S+/certificates/download/\S+/", message.body).group(0)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def fetch_pdf(client, link: str) -> str:
    response = client.get(path_of(link))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    return response


def verify_page(client, code: str) -> str:
    return client.get(reverse("certificates:verify_code", args=[code])).content.decode()


def test_six_four_two_issues_one_certificate_that_verifies_and_a_correction_supersedes(
    ended_cohort, comms, comms_client, django_capture_on_commit_callbacks
):
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    six, four, two = ended_cohort["places"]
    attend(sessions, six, 6)
    attend(sessions, four, 4)
    attend(sessions, two, 2)
    public = Client()

    assert (
        '"url": "/admin/certificates/"' in comms_client.get("/admin/").content.decode()
    )
    listing = comms_client.get(reverse("certificates_admin:runs")).content.decode()
    assert run_url(run) in listing
    page = comms_client.get(run_url(run)).content.decode()
    assert "6 of 5 needed" in page and "2 of 5 needed" in page
    assert "Issue 1 certificate" in page

    preview = issue(comms_client, run, django_capture_on_commit_callbacks)
    assert six.email in preview and four.email not in preview

    (certificate,) = Certificate.objects.all()
    assert certificate.email == six.email and certificate.issued_by == comms
    (message,) = mail.outbox
    assert message.to == [six.email]
    assert Delivery.objects.get(key=f"certificate:{certificate.pk}:issued").status == (
        Delivery.Status.SENT
    )
    assert set(certificate.events.values_list("action", flat=True)) == {
        CertificateEvent.Action.ISSUED,
        CertificateEvent.Action.SENT,
    }

    response = fetch_pdf(public, download_link_in(message))
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    text = pdf_text(response.content)
    assert "Person 1" in text
    assert "Compassionate Leadership" in text
    assert "12 hours" in text and "9 hours participatory" in text
    assert certificate.code in text
    url = re.search(r"https?://\S+/certificates/verify/\S+/", text).group(0)
    assert f"{certificate.code} is valid" in public.get(path_of(url)).content.decode()

    # Issuing again sends nothing and issues nothing.
    issue(comms_client, run, django_capture_on_commit_callbacks)
    assert Certificate.objects.count() == 1 and len(mail.outbox) == 1

    # A corrected name: a new certificate, the old one superseded, both logged.
    correct_url = reverse("certificates_admin:correct", args=[certificate.pk])
    assert comms_client.get(correct_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        done = comms_client.post(correct_url, {"name": "Persona Un"})
    assert done.status_code == 302
    certificate.refresh_from_db()
    new = Certificate.objects.get(status=CertificateStatus.VALID)
    assert certificate.status == CertificateStatus.SUPERSEDED
    assert certificate.superseded_by == new and new.code != certificate.code
    assert new.name == "Persona Un"
    assert certificate.events.get(action=CertificateEvent.Action.SUPERSEDED).by == comms
    six.refresh_from_db()
    assert six.name == "Persona Un"
    assert PlaceChange.objects.filter(place=six, by=comms).exists()

    assert "has been superseded" in verify_page(public, certificate.code)
    assert f"{new.code} is valid" in verify_page(public, new.code)

    corrected = mail.outbox[-1]
    assert corrected.to == [six.email] and "corrected" in corrected.subject
    assert "Persona Un" in pdf_text(
        fetch_pdf(public, download_link_in(corrected)).content
    )
    # The old link no longer gives a certificate.
    gone = public.get(path_of(download_link_in(message)))
    assert gone.status_code == 410
    assert gone["Content-Type"].startswith("text/html")

    # The run page still lists everyone by the corrected name.
    assert "Persona Un" in comms_client.get(run_url(run)).content.decode()


def test_revoking_needs_a_reason_and_the_public_sees_only_revoked(
    ended_cohort, comms, comms_client, django_capture_on_commit_callbacks
):
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    attend(sessions, ended_cohort["places"][0], 6)
    issue(comms_client, run, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    url = reverse("certificates_admin:revoke", args=[certificate.pk])

    empty = comms_client.post(url, {"reason": ""})
    assert empty.status_code == 200
    assert 'aria-describedby="id_reason-error"' in empty.content.decode()
    certificate.refresh_from_db()
    assert certificate.is_valid

    assert comms_client.post(url, {"reason": "Issued by mistake"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoked_reason == "Issued by mistake"
    assert certificate.events.get(action=CertificateEvent.Action.REVOKED).by == comms
    page = verify_page(Client(), certificate.code)
    assert "has been revoked" in page and "Issued by mistake" not in page

    # Once ended, a certificate can be neither revoked again nor corrected.
    with pytest.raises(NotValid):
        revoke(certificate, "again")
    with pytest.raises(NotValid):
        correct_name(certificate, "Someone Else")
    comms_client.post(
        reverse("certificates_admin:correct", args=[certificate.pk]),
        {"name": "Someone Else"},
    )
    assert Certificate.objects.count() == 1
    # Staff can still download it, stamped as not valid.
    staff_pdf = comms_client.get(
        reverse("certificates_admin:download", args=[certificate.pk])
    )
    assert staff_pdf["Content-Type"] == "application/pdf"
    assert "REVOKED: NOT VALID" in pdf_text(staff_pdf.content)


def test_a_stale_copy_cannot_supersede_twice(ended_cohort):
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    attend(sessions, ended_cohort["places"][0], 6)
    (certificate,) = issue_for_run(run)
    stale = Certificate.objects.get(pk=certificate.pk)
    correct_name(certificate, "First Correction")
    with pytest.raises(NotValid):
        correct_name(stale, "Second Correction")
    assert Certificate.objects.valid().get().name == "First Correction"


def test_facilitators_without_the_issue_permission_get_403(ended_cohort):
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    attend(sessions, ended_cohort["places"][0], 6)
    (certificate,) = issue_for_run(run)
    lead = client_for(ended_cohort["lead"])
    urls = [
        reverse("certificates_admin:runs"),
        run_url(run),
        reverse("certificates_admin:correct", args=[certificate.pk]),
        reverse("certificates_admin:revoke", args=[certificate.pk]),
        reverse("certificates_admin:download", args=[certificate.pk]),
    ]
    for url in urls:
        assert lead.get(url).status_code == 403, url
        assert (
            lead.post(url, {"step": "confirm", "name": "X", "reason": "Y"}).status_code
            == 403
        )
    assert Certificate.objects.count() == 1 and certificate.events.count() == 1
    assert '"url": "/admin/certificates/"' not in lead.get("/admin/").content.decode()
    assert Client().get(run_url(run)).status_code == 302  # to the login page


def test_issuing_is_refused_before_the_last_session_ends(
    ended_cohort, comms_client, django_capture_on_commit_callbacks
):
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    attend(sessions, ended_cohort["places"][0], 6)
    later = timezone.now() + timedelta(days=2)
    last = sessions[-1]
    last.start, last.end = later, later + timedelta(hours=2)
    last.save()
    assert (
        run_url(run)
        not in comms_client.get(reverse("certificates_admin:runs")).content.decode()
    )
    page = comms_client.get(run_url(run)).content.decode()
    assert "once the last session of the run has ended" in page
    assert "Issue 1" not in page
    with django_capture_on_commit_callbacks(execute=True):
        comms_client.post(run_url(run), {"step": "confirm"})
    assert not Certificate.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"certificate": False}, "does not promise a certificate"),
        ({"cpd_hours": None}, "states no CPD hours"),
    ],
)
def test_a_course_without_certificate_or_hours_says_why_nothing_is_issued(
    ended_cohort, comms_client, django_capture_on_commit_callbacks, change, why
):
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    attend(sessions, ended_cohort["places"][0], 6)
    course = ended_cohort["course"]
    for field, value in change.items():
        setattr(course, field, value)
    course.save_revision().publish()
    assert why in comms_client.get(run_url(run)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        comms_client.post(run_url(run), {"step": "confirm"})
    assert not Certificate.objects.exists() and not mail.outbox


def test_a_forged_download_link_is_not_found(client):
    url = reverse("certificates:download", args=["not-a-signed-token"])
    assert client.get(url).status_code == 404


def test_a_certificate_issued_meanwhile_is_skipped_not_an_error(
    ended_cohort, monkeypatch
):
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    attend(sessions, ended_cohort["places"][0], 6)
    plain = issuing.completers

    def another_click_wins(source):
        people = plain(source)
        issuing.certificate_for(source, people[0])
        return people

    monkeypatch.setattr(issuing, "completers", another_click_wins)
    assert issue_for_run(run) == []
    assert Certificate.objects.count() == 1
