"""The personal CPD record: ask for a link by email, open it, download PDF and CSV."""

import csv
import io
import re
import time
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.signing import TimestampSigner, b62_encode
from pypdf import PdfReader

from certificates.issuing import issue_for_run
from certificates.models import Certificate, CertificateStatus, Source
from certificates.register import record_attendance
from courses.models import SessionFormat
from forms_app.models import Delivery
from tests.certificates.conftest import attend

pytestmark = pytest.mark.django_db

REQUEST = "/certificates/record/"
SENT = "/certificates/record/sent/"
WELSH_TITLE = "=Ysgrifennu creadigol: dŵr a thŷ"
HEADER = [
    "Dates",
    "Method",
    "Topic",
    "CPD hours",
    "Participatory hours",
    "Certificate code",
    "Check the certificate at",
    "What did you learn?",
    "How did you change or improve your practice?",
    "How is this relevant to the Code?",
]


def mark(certificate: Certificate, status: str) -> None:
    # No function supersedes or revokes yet: set the status as one would.
    certificate.status = status
    certificate.save(update_fields=["status"])


@pytest.fixture
def holder(ended_cohort):
    """Person 1 holds: a superseded and a revoked certificate of the leadership run,
    a valid one of it, and a valid one of an in-person workshop without
    participatory hours whose title starts like a formula and has Welsh letters.
    """
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    place = ended_cohort["places"][0]
    attend(sessions, place, 6)
    attend(sessions, ended_cohort["places"][1], 6)
    (superseded, _other) = sorted(issue_for_run(run), key=lambda c: c.email)
    mark(superseded, CertificateStatus.SUPERSEDED)
    (revoked,) = issue_for_run(run)
    mark(revoked, CertificateStatus.REVOKED)
    (leadership,) = issue_for_run(run)

    workshop_course = ended_cohort["other_course"]
    workshop_course.title = WELSH_TITLE
    workshop_course.certificate = True
    workshop_course.cpd_hours = Decimal("3")
    workshop_course.participatory_hours = None
    workshop_course.save_revision().publish()
    workshop = ended_cohort["other_run"]
    session = workshop.sessions.get()
    session.format = SessionFormat.IN_PERSON
    session.save()
    record_attendance(
        session,
        attended=True,
        source=Source.WALK_IN,
        name=place.name,
        email=place.email.upper(),
    )
    (writing,) = issue_for_run(workshop)
    return {
        "email": place.email,
        "superseded": superseded,
        "revoked": revoked,
        "leadership": leadership,
        "writing": writing,
    }


def ask_for_link(client, email: str, prefix: str = "", **extra):
    return client.post(prefix + REQUEST, {"email": email}, **extra)


def emailed_link(message) -> str:
    return re.search(r"https?://testserver(/\S+/)", message.body).group(1)


def open_record(client, holder, django_capture_on_commit_callbacks, prefix=""):
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, holder["email"].title(), prefix)
    (message,) = mail.outbox
    return emailed_link(message)


@pytest.mark.parametrize(("prefix", "lang"), [("", "en-gb"), ("/cy", "cy")])
def test_the_request_form_asks_for_an_email_address(client, home_page, prefix, lang):
    response = client.get(prefix + REQUEST)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert '<label for="id_email">' in html
    assert 'type="email"' in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_an_address_with_certificates_is_emailed_one_link(
    client, holder, django_capture_on_commit_callbacks, prefix
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_link(client, "  " + holder["email"].upper() + " ", prefix)
    assert response.status_code == 302
    assert response["Location"] == prefix + SENT
    sent = client.get(response["Location"])
    assert sent.status_code == 200
    # The confirmation is in the visitor's language.
    expected = {"": "we have emailed a link", "/cy": "rydym wedi anfon dolen"}[prefix]
    assert expected in sent.content.decode()

    (delivery,) = Delivery.objects.filter(rule="certificates:record")
    assert delivery.recipient == holder["email"]
    (message,) = mail.outbox
    assert message.to == [holder["email"]]
    link = emailed_link(message)
    assert link.startswith(f"{prefix}/certificates/record/")
    # The link names no one: the address is not readable in it.
    assert "example.org" not in link and "person" not in link.lower()


def test_an_unknown_address_gets_the_same_page_and_no_email(
    client, holder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_link(client, "stranger@example.org")
    assert response.status_code == 302
    assert response["Location"] == SENT
    assert not Delivery.objects.filter(rule="certificates:record").exists()
    assert mail.outbox == []


def test_an_invalid_address_is_an_error_with_the_answer_kept(client, home_page):
    response = ask_for_link(client, "not an address")
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-error-summary" in html
    assert '<a href="#id_email">' in html
    assert 'aria-describedby="id_email-hint id_email-error"' in html
    assert 'value="not an address"' in html


def test_one_address_gets_a_capped_number_of_links_a_day(
    client, holder, settings, django_capture_on_commit_callbacks
):
    settings.CERTIFICATES_RECORD_LINKS_PER_ADDRESS_PER_DAY = 2
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            response = ask_for_link(client, holder["email"], REMOTE_ADDR=f"10.0.0.{n}")
            assert response["Location"] == SENT
    assert Delivery.objects.filter(rule="certificates:record").count() == 2


@pytest.mark.parametrize(("prefix", "lang"), [("", "en-gb"), ("/cy", "cy")])
def test_over_the_limit_a_visitor_gets_a_friendly_429(
    client, holder, settings, prefix, lang
):
    settings.CERTIFICATES_RECORD_RATE_LIMIT = 1
    assert ask_for_link(client, "stranger@example.org", prefix).status_code == 302
    response = ask_for_link(client, holder["email"], prefix)
    html = response.content.decode()
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert f'<html lang="{lang}">' in html
    assert not Delivery.objects.filter(rule="certificates:record").exists()


def private(response) -> None:
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_the_link_lists_every_certificate_newest_first_and_counts_valid_ones(
    client, holder, django_capture_on_commit_callbacks
):
    link = open_record(client, holder, django_capture_on_commit_callbacks)
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 200
    private(response)
    order = [
        holder[name].code for name in ("writing", "leadership", "revoked", "superseded")
    ]
    codes = re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", html)
    assert list(dict.fromkeys(codes)) == order
    assert "Superseded" in html and "Revoked" in html
    assert "Participatory: online course" in html
    assert "In-person workshop" in html
    # Totals of valid certificates only: 12 + 3 CPD hours, 9 participatory.
    totals = re.search(r'<dl class="record-totals[^"]*">.*?</dl>', html, re.S).group(0)
    assert re.search(r"<dd>15</dd>", totals)
    assert re.search(r"<dd>9</dd>", totals)
    assert f'href="{link}cpd-record.pdf"' in html
    assert f'href="{link}cpd-record.csv"' in html


def test_the_welsh_link_opens_the_record_in_welsh(
    client, holder, django_capture_on_commit_callbacks
):
    link = open_record(client, holder, django_capture_on_commit_callbacks, "/cy")
    assert link.startswith("/cy/")
    html = client.get(link).content.decode()
    assert '<html lang="cy">' in html
    assert holder["leadership"].code in html


def test_the_pdf_lists_the_valid_certificates_and_their_hours(
    client, holder, django_capture_on_commit_callbacks
):
    link = open_record(client, holder, django_capture_on_commit_callbacks)
    response = client.get(link + "cpd-record.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    private(response)
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    flat = " ".join(text.split())
    assert "Compassionate Leadership" in flat
    assert "dŵr a thŷ" in flat
    assert holder["leadership"].code in flat and holder["writing"].code in flat
    assert holder["revoked"].code not in flat
    assert holder["superseded"].code not in flat
    assert "15" in flat and "9" in flat


def test_the_csv_has_a_cpd_log_row_per_valid_certificate(
    client, holder, django_capture_on_commit_callbacks
):
    link = open_record(client, holder, django_capture_on_commit_callbacks)
    response = client.get(link + "cpd-record.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    private(response)
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    body = {row[5]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    assert set(body) == {holder["writing"].code, holder["leadership"].code}

    leadership = body[holder["leadership"].code]
    assert leadership["Topic"] == "Compassionate Leadership"
    assert leadership["Method"] == "Participatory: online course"
    assert leadership["CPD hours"] == "12"
    assert leadership["Participatory hours"] == "9"
    assert leadership["Dates"].split("; ") == holder["leadership"].dates
    assert leadership["Check the certificate at"].endswith(
        f"/certificates/verify/{holder['leadership'].code}/"
    )
    assert leadership["What did you learn?"] == ""

    writing = body[holder["writing"].code]
    # A title a spreadsheet would run as a formula is defused; Welsh letters survive.
    assert writing["Topic"] == "'" + WELSH_TITLE
    assert writing["Method"] == "In-person workshop"
    assert writing["Participatory hours"] == ""


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_forged_or_expired_link_offers_the_form_again(
    client, holder, django_capture_on_commit_callbacks, prefix
):
    # Signed eight days ago: links last seven.
    eight_days_ago = b62_encode(int(time.time()) - 8 * 24 * 3600)
    with mock.patch.object(TimestampSigner, "timestamp", return_value=eight_days_ago):
        link = open_record(client, holder, django_capture_on_commit_callbacks, prefix)
    for address in (link, link + "cpd-record.csv", f"{prefix}{REQUEST}forged/"):
        response = client.get(address)
        html = response.content.decode()
        assert response.status_code == 404
        assert {
            "": "This link has expired or does not work",
            "/cy": "wedi dod i ben neu nid yw",
        }[prefix] in html
        assert '<label for="id_email">' in html
        assert holder["leadership"].code not in html


def test_the_record_offers_each_valid_certificate_as_a_pdf_and_no_other(
    client, holder, django_capture_on_commit_callbacks
):
    link = open_record(client, holder, django_capture_on_commit_callbacks)
    html = client.get(link).content.decode()

    downloads = re.findall(r'href="(/certificates/download/[^"]+/)"', html)

    assert len(downloads) == 2
    codes = set()
    for path in downloads:
        response = client.get(path)
        assert response["Content-Type"] == "application/pdf"
        codes.add(
            re.search(r"certificate-(\S+)\.pdf", response["Content-Disposition"]).group(
                1
            )
        )
    assert codes == {holder["leadership"].code, holder["writing"].code}
