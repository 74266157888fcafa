"""Single-choice questions start unanswered, so skipping one is an error, not a choice."""

import html as html_lib
import time

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from forms_app.models import Submission
from forms_app.spam import issue_form_token
from home.demo.translation import translate
from tests.factories.forms_app import EnquiryFormFieldFactory
from tests.forms_app.test_admin import edit_post_data, editor_client
from tests.support.browser_form import browser_submission

pytestmark = pytest.mark.django_db

VISITOR = {
    "contact_name": "Asha Patel",
    "contact_email": "asha@example.org",
    "format": "Online",
    "message": "We are a team of twelve.",
}


def options(response, name: str) -> list[tuple[str, str, bool]]:
    """(value, text, selected) for each option of the named drop-down."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    select = soup.select_one(f"form.site-form select[name={name}]")
    return [
        (o.get("value"), o.get_text(strip=True), o.has_attr("selected"))
        for o in select.find_all("option")
    ]


def test_required_drop_down_starts_on_a_blank_choice(client, enquiry_page):
    first, *rest = options(client.get(enquiry_page.url), "type_of_team")
    assert first == ("", "Choose one", True)
    assert [text for _value, text, _selected in rest] == [
        "Acute ward",
        "Dementia care",
        "Community",
    ]
    assert not any(selected for _value, _text, selected in rest)


def test_skipping_the_required_drop_down_asks_for_it_and_stores_nothing(
    client, enquiry_page, post_form
):
    page = client.get(enquiry_page.url).content.decode()
    # The visitor answers everything except "Type of team", as in a browser.
    response = post_form(enquiry_page, browser_submission(page, VISITOR))

    assert response.status_code == 200
    text = html_lib.unescape(response.content.decode())
    assert "Type of team: This field is required." in text
    assert 'value="Asha Patel"' in text
    assert "We are a team of twelve." in text
    assert ("Online", "checked") in [
        (radio.get("value"), "checked" if radio.has_attr("checked") else "")
        for radio in BeautifulSoup(text, "html.parser").select("input[name=format]")
    ]
    assert not Submission.objects.exists()
    assert mail.outbox == []


def test_answering_the_drop_down_routes_by_that_answer(client, enquiry_page, post_form):
    page = client.get(enquiry_page.url).content.decode()
    # A token issued a minute ago, so the quick test is not taken for a bot.
    answers = {
        **VISITOR,
        "type_of_team": "Dementia care",
        "form_token": issue_form_token(time.time() - 60),
    }
    response = post_form(enquiry_page, browser_submission(page, answers))
    assert response.status_code == 302
    assert Submission.objects.get().form_data["type_of_team"] == "Dementia care"
    assert "dementia-lead@example.org" in [m.to[0] for m in mail.outbox]


def test_required_radio_buttons_start_with_none_checked(
    client, enquiry_page, post_form
):
    EnquiryFormFieldFactory(
        page=enquiry_page,
        label="Team size",
        field_type="radio",
        choices="Small\nLarge",
        default_value="Small",
        required=True,
    )
    enquiry_page.save_revision().publish()
    page = client.get(enquiry_page.url).content.decode()
    radios = BeautifulSoup(page, "html.parser").select("input[name=team_size]")
    assert [r.get("value") for r in radios] == ["Small", "Large"]
    assert not any(r.has_attr("checked") for r in radios)

    answers = {**VISITOR, "type_of_team": "Community"}
    response = post_form(enquiry_page, browser_submission(page, answers))
    assert response.status_code == 200
    assert "Team size: This field is required." in response.content.decode()
    assert not Submission.objects.exists()


def test_editor_cannot_preselect_an_answer_to_a_required_choice(
    home_page, enquiry_page
):
    client = editor_client(home_page, routing=True)
    data = edit_post_data(enquiry_page, "bespoke@example.org", "x@example.org")
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.endswith("-label") and value == "Type of team"
    )
    data[f"form_fields-{index}-default_value"] = "Acute ward"
    response = client.post(f"/admin/pages/{enquiry_page.pk}/edit/", data)
    assert response.status_code == 200
    assert "A required choice starts unanswered" in html_lib.unescape(
        response.content.decode()
    )
    assert enquiry_page.form_fields.get(clean_name="type_of_team").default_value == ""


def test_welsh_drop_down_starts_on_a_welsh_blank_choice(
    client, enquiry_page, post_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        welsh = translate(
            enquiry_page,
            "cy",
            {
                "Type of team": "Math o dîm",
                "Acute ward<br/>Dementia care<br/>Community": (
                    "Ward acíwt<br/>Gofal dementia<br/>Cymuned"
                ),
            },
        )
    response = client.get(welsh.url)
    assert options(response, "type_of_team")[0] == ("", "Dewiswch un", True)

    page = response.content.decode()
    response = post_form(welsh, browser_submission(page, VISITOR))
    assert response.status_code == 200
    text = html_lib.unescape(response.content.decode())
    assert "Mae problem wedi codi" in text
    assert "Math o dîm:" in text
    assert 'value="Asha Patel"' in text
    assert not Submission.objects.exists()
    assert mail.outbox == []
