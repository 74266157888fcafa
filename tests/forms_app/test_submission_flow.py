"""A real POST stores one submission, routes it and emails exactly the right people."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail

from forms_app.models import Delivery, EnquiryFormPage, Submission
from tests.forms_app.conftest import form_data

pytestmark = pytest.mark.django_db


def test_get_shows_form_with_privacy_link_and_no_routing_addresses(
    client, enquiry_page
):
    response = client.get(enquiry_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="contact_name"' in html and 'name="contact_email"' in html
    assert 'href="/privacy/"' in html
    assert "example.org" not in html.replace("asha@example.org", "")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_valid_post_stores_routes_emails_and_redirects(client, enquiry_page, post_form):
    response = post_form(enquiry_page, form_data(format="In person"))

    assert response.status_code == 302
    submission = Submission.objects.get()
    assert re.fullmatch(r"ENQ-[2-9A-HJKMNP-Z]{4}", submission.reference)
    assert submission.page_id == enquiry_page.pk
    assert submission.locale.language_code == "en-gb"
    assert submission.form_data["type_of_team"] == "Dementia care"
    assert submission.status == Submission.Status.NOTIFIED

    rules = dict(
        submission.deliveries.filter(kind=Delivery.Kind.NOTIFICATION).values_list(
            "recipient", "rule"
        )
    )
    assert rules == {
        "bespoke@example.org": "team",
        "dementia-lead@example.org": "answer:type_of_team=Dementia care",
        "venues@example.org": "answer:format=In person",
    }
    audiences = dict(submission.deliveries.values_list("recipient", "audience"))
    assert audiences == {
        "bespoke@example.org": Delivery.Audience.TEAM,
        "dementia-lead@example.org": Delivery.Audience.ANSWER_RULE,
        "venues@example.org": Delivery.Audience.ANSWER_RULE,
        "asha@example.org": Delivery.Audience.APPLICANT,
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "asha@example.org",
        "bespoke@example.org",
        "dementia-lead@example.org",
        "venues@example.org",
    ]
    notification = next(m for m in mail.outbox if m.to == ["bespoke@example.org"])
    assert notification.reply_to == ["asha@example.org"]
    assert submission.reference in notification.subject
    assert f"/admin/forms-app/submissions/{submission.pk}/" in notification.body
    assert "We are a team of twelve." not in notification.body
    ack = next(m for m in mail.outbox if "asha@example.org" in m.to[0])
    assert submission.reference in ack.body
    # Anyone can type any address: the acknowledgement never repeats typed text.
    assert "We are a team of twelve." not in ack.body
    assert "Asha Patel" not in ack.body
    assert "Dementia care" in ack.body
    assert "We reply within five working days." in ack.body
    assert ack.alternatives and submission.reference in ack.alternatives[0][0]

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert submission.reference in thanks.content.decode()
    assert "no-store" in thanks["Cache-Control"]
    # Refreshing the thank-you page stores nothing new.
    client.get(response["Location"])
    assert Submission.objects.count() == 1


def test_full_answers_in_notification_only_when_the_form_says_so(
    enquiry_page, post_form
):
    enquiry_page.include_answers_in_notification = True
    enquiry_page.save_revision().publish()
    post_form(enquiry_page, form_data())
    notification = next(m for m in mail.outbox if m.to == ["bespoke@example.org"])
    assert "We are a team of twelve." in notification.body


def test_double_submit_with_same_token_stores_one_row(enquiry_page, post_form):
    data = form_data()
    first = post_form(enquiry_page, data)
    second = post_form(enquiry_page, data)
    assert Submission.objects.count() == 1
    assert first["Location"].split("?")[0] == second["Location"].split("?")[0]
    assert len(mail.outbox) == 3


def test_thank_you_reference_cannot_be_enumerated(client, enquiry_page, post_form):
    post_form(enquiry_page, form_data())
    submission = Submission.objects.get()
    response = client.get(f"{enquiry_page.url}thanks/?ref={submission.pk}")
    assert response.status_code == 302
    assert submission.reference not in response.content.decode()


def test_invalid_post_rerenders_with_summary_and_keeps_answers(client, enquiry_page):
    data = form_data(contact_email="not-an-email", type_of_team="Not a choice")
    response = client.post(enquiry_page.url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html and 'tabindex="-1"' in html
    assert 'href="#id_contact_email"' in html
    assert 'aria-describedby="id_contact_email-error"' in html
    assert 'id="id_contact_email-error"' in html
    assert 'value="Asha Patel"' in html
    assert "We are a team of twelve." in html
    assert Submission.objects.count() == 0


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.summary_links: list[str] = []
        self._in_summary = False

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "data-error-summary" in attrs:
            self._in_summary = True
        if self._in_summary and tag == "a":
            self.summary_links.append(attrs["href"])
        if tag == "form":
            self._in_summary = False


def test_error_summary_links_reach_unique_fields_including_radio_groups(
    client, enquiry_page
):
    enquiry_page.form_fields.filter(label="Format").update(required=True)
    # A fresh instance, so the revision records the field as now stored.
    EnquiryFormPage.objects.get(pk=enquiry_page.pk).save_revision().publish()
    response = client.post(enquiry_page.url, form_data(contact_email="", format=None))
    parser = _Ids()
    parser.feed(response.content.decode())

    duplicates = {i for i in parser.ids if parser.ids.count(i) > 1}
    assert not duplicates
    assert parser.summary_links == ["#id_contact_email", "#id_format_0"]
    assert all(link[1:] in parser.ids for link in parser.summary_links)


@pytest.mark.parametrize(
    ("overrides", "stored_as"),
    [
        ({"message": "x" * 5000}, None),
        ({"contact_name": "y" * 500}, None),
        ({"contact_name": "Asha\r\nBcc: victim@example.org"}, "notified"),
        ({"message": "<script>alert(1)</script>"}, "notified"),
        ({"type_of_team": ["Acute ward", "Community"]}, "notified"),
        ({"message": "bad\x00null"}, None),
        ({"contact_email": "asha@example.org\r\nBcc: victim@example.org"}, None),
        ({"form_token": "tampered"}, "quarantined"),
    ],
)
def test_bad_input_never_gives_a_server_error(
    client, enquiry_page, post_form, overrides, stored_as
):
    """Each bad answer is refused with the form shown again, or stored safely."""
    response = post_form(enquiry_page, form_data(**overrides))
    assert response.status_code == (200 if stored_as is None else 302)
    statuses = list(Submission.objects.values_list("status", flat=True))
    assert statuses == ([] if stored_as is None else [stored_as])
    for message in mail.outbox:
        assert "victim@example.org" not in message.to + message.cc + message.bcc
        assert all("\n" not in value for value in message.extra_headers.values())
        assert "\n" not in message.subject and "\r" not in message.to[0]


def test_typed_name_never_reaches_headers(enquiry_page, post_form):
    post_form(enquiry_page, form_data(contact_name="Asha\tPatel\x0b"))
    ack = next(m for m in mail.outbox if "asha@example.org" in m.to[0])
    assert ack.to == ["asha@example.org"]
    assert ack.message()["To"] == "asha@example.org"
    assert all("Asha" not in str(value) for value in ack.message().values())


def test_script_tags_are_escaped_in_emails(enquiry_page, post_form):
    post_form(enquiry_page, form_data(message="<script>alert(1)</script>"))
    ack = next(m for m in mail.outbox if "asha@example.org" in m.to[0])
    assert "<script>" not in ack.alternatives[0][0]


def test_thousands_of_extra_fields_get_a_friendly_400(client, enquiry_page):
    data = form_data()
    data.update({f"extra{i}": "x" for i in range(3000)})
    response = client.post(enquiry_page.url, data)
    assert response.status_code == 400
    assert "too many parts" in response.content.decode()
    assert Submission.objects.count() == 0


def test_a_few_unknown_fields_are_ignored(enquiry_page, post_form):
    response = post_form(enquiry_page, form_data(is_admin="1", page="99"))
    assert response.status_code == 302
    assert "is_admin" not in Submission.objects.get().form_data
