"""The certificate PDF: Welsh names and dates survive, the logo is optional and a
broken one does not stop a certificate; the email reaches a real SMTP server."""

import email
import email.policy
import re
from datetime import date
from io import BytesIO

import factory
import pytest
import wagtail_factories
from django.urls import reverse
from django.utils import formats, translation
from pypdf import PdfReader
from wagtail.models import Site

from certificates.issuing import issue_for_run
from certificates.models import Certificate
from certificates.pdf import certificate_pdf
from forms_app.models import Delivery
from forms_app.sending import close_connection
from home.models import SiteSettings
from staff.roles import COMMUNICATIONS
from tests.certificates.conftest import attend
from tests.support.roles import client_for, staff_user
from tests.support.stub_servers import smtp_stub

pytestmark = pytest.mark.django_db

WELSH_NAME = "Gwŷn ap Dafydd"


class LogoFactory(wagtail_factories.ImageFactory):
    title = "Centre logo"
    file = factory.django.ImageField(width=300, height=120, color="navy")


def pdf_of(content: bytes) -> PdfReader:
    return PdfReader(BytesIO(content))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def set_logo(image) -> None:
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = image
    settings.save()


def welsh_certificate(ended_cohort) -> Certificate:
    place = ended_cohort["places"][0]
    place.name, place.language = WELSH_NAME, "cy"
    place.save()
    attend(ended_cohort["sessions"], place, 6)
    (certificate,) = issue_for_run(ended_cohort["run"])
    return certificate


def test_a_welsh_certificate_keeps_the_name_and_names_the_months_in_welsh(
    ended_cohort,
):
    certificate = welsh_certificate(ended_cohort)
    assert certificate.language == "cy"

    text = text_of(pdf_of(certificate_pdf(certificate)))

    assert WELSH_NAME in text
    first = date.fromisoformat(certificate.dates[0])
    with translation.override("cy"):
        welsh_day = formats.date_format(first, "j F Y")
    with translation.override("en-gb"):
        english_day = formats.date_format(first, "j F Y")
    assert welsh_day != english_day
    assert welsh_day in text and english_day not in text
    assert f"http://testserver/cy/certificates/verify/{certificate.code}/" in text


def test_the_logo_is_printed_when_set_and_a_broken_one_is_left_out(ended_cohort):
    attend(ended_cohort["sessions"], ended_cohort["places"][0], 6)
    (certificate,) = issue_for_run(ended_cohort["run"])
    without = pdf_of(certificate_pdf(certificate))
    assert len(without.pages[0].images) == 1  # the QR code

    logo = LogoFactory()
    set_logo(logo)
    with_logo = pdf_of(certificate_pdf(certificate))
    assert len(with_logo.pages[0].images) == 2

    logo.file.storage.delete(logo.file.name)
    broken = pdf_of(certificate_pdf(certificate))
    assert len(broken.pages[0].images) == 1
    assert certificate.code in text_of(broken)


def test_the_certificate_email_reaches_a_real_smtp_server_and_its_link_downloads(
    ended_cohort, settings, client, django_capture_on_commit_callbacks
):
    attend(ended_cohort["sessions"], ended_cohort["places"][0], 6)
    run = ended_cohort["run"]
    comms = client_for(staff_user(COMMUNICATIONS, "comms"))
    with smtp_stub() as (port, recorder):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        try:
            with django_capture_on_commit_callbacks(execute=True):
                comms.post(
                    reverse("certificates_admin:run", args=[run.pk]),
                    {"step": "confirm"},
                )
        finally:
            close_connection()
        messages = [
            email.message_from_bytes(e.original_content, policy=email.policy.default)
            for e in recorder.messages
        ]
    certificate = Certificate.objects.get()
    (message,) = messages
    assert message["To"] == certificate.email
    assert Delivery.objects.get(rule="certificate:issued").status == "sent"
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"http://testserver(/\S*certificates/download/\S+/)", body)
    response = client.get(link.group(1))
    assert response["Content-Type"] == "application/pdf"
    assert certificate.name in text_of(pdf_of(response.content))


def test_the_course_page_shows_participatory_hours_beside_cpd_hours(
    ended_cohort, client
):
    html = client.get(ended_cohort["course"].url).content.decode()
    assert "12 hours (9 hours participatory)" in html
