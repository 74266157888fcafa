"""A database fault while storing answers: a 503 keeping every answer, nothing half-stored."""

import logging
import re

import pytest
from django.db import IntegrityError, OperationalError
from django_tasks_db.models import DBTaskResult

from forms_app.models import Delivery, Submission
from tests.factories.forms_app import EnquiryFormFieldFactory
from tests.forms_app.conftest import form_data
from tests.forms_app.test_outbox import DATABASE_QUEUE

pytestmark = pytest.mark.django_db

NOT_RECEIVED = "has not been received"


@pytest.fixture
def page_with_topics(enquiry_page):
    """The enquiry form with a multi-choice question added."""
    EnquiryFormFieldFactory(
        page=enquiry_page,
        label="Topics",
        field_type="checkboxes",
        choices="Falls\nDelirium\nNutrition",
    )
    enquiry_page.save_revision().publish()
    enquiry_page.refresh_from_db()
    return enquiry_page


def answers(**overrides) -> dict:
    return form_data(
        topics=["Falls", "Nutrition"], message="Night shifts too.", **overrides
    )


def fail_on_delivery_enqueue(monkeypatch, error: Exception) -> None:
    """The first send task enqueued inside the storing transaction raises `error`."""

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr("forms_app.outbox.enqueue_delivery", broken)


def fail_on_delivery_save(monkeypatch, error: Exception) -> None:
    def broken(self, *args, **kwargs):
        raise error

    monkeypatch.setattr(Delivery, "save", broken)


def assert_nothing_stored() -> None:
    assert Submission.objects.count() == 0
    assert Delivery.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def checked_values(html: str, name: str) -> set[str]:
    inputs = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
    return {
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in inputs
        if "checked" in tag
    }


@pytest.mark.parametrize(
    ("break_storing", "error"),
    [
        (fail_on_delivery_enqueue, OperationalError("database is locked")),
        (fail_on_delivery_save, OperationalError("database is locked")),
        (fail_on_delivery_save, IntegrityError("NOT NULL constraint failed")),
    ],
)
def test_fault_while_storing_answers_503_keeping_answers_then_resend_stores_once(
    client,
    page_with_topics,
    post_form,
    settings,
    monkeypatch,
    caplog,
    break_storing,
    error,
):
    settings.TASKS = DATABASE_QUEUE  # task rows are written in the same transaction
    data = answers()
    with monkeypatch.context() as patch:
        break_storing(patch, error)
        with caplog.at_level(logging.INFO):
            response = post_form(page_with_topics, data)

    html = response.content.decode()
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    notice = re.search(r'<div[^>]*role="alert"[^>]*>(.*?)</div>', html, re.S)
    assert notice and NOT_RECEIVED in notice.group(1)
    assert "send it again" in notice.group(1)
    assert 'value="Asha Patel"' in html and 'value="asha@example.org"' in html
    assert "Night shifts too." in html
    assert checked_values(html, "topics") == {"Falls", "Nutrition"}
    assert checked_values(html, "format") == {"Online"}
    assert re.search(r'<option value="Dementia care"[^>]*selected', html)
    # The same form token comes back, so the resend is the same submission.
    assert f'value="{data["form_token"]}"' in html
    assert_nothing_stored()
    # Logged for staff, with no personal data.
    assert any("could not be stored" in r.getMessage() for r in caplog.records)
    logged = caplog.text
    for private in ("Asha", "asha@example.org", "Night shifts", "Falls"):
        assert private not in logged

    # The fault clears; the visitor sends the page as shown, twice (a double click).
    first = post_form(page_with_topics, data)
    second = post_form(page_with_topics, data)
    assert first.status_code == second.status_code == 302
    submission = Submission.objects.get()
    assert submission.form_data["topics"] == ["Falls", "Nutrition"]
    assert submission.deliveries.count() == 3


def test_only_database_errors_are_answered_503(
    page_with_topics, post_form, monkeypatch
):
    with monkeypatch.context() as patch:
        fail_on_delivery_save(patch, RuntimeError("a bug"))
        with pytest.raises(RuntimeError):
            post_form(page_with_topics, answers())
    fail_on_delivery_save(monkeypatch, OperationalError("server closed the connection"))
    assert post_form(page_with_topics, answers()).status_code == 503
    assert_nothing_stored()


def test_fault_while_counting_the_post_503_keeping_answers(
    page_with_topics, post_form, monkeypatch
):
    def locked(request):
        raise OperationalError("database is locked")

    monkeypatch.setattr("forms_app.views.count_form_post", locked)
    response = post_form(page_with_topics, answers())
    assert response.status_code == 503
    assert NOT_RECEIVED in response.content.decode()
    assert "Night shifts too." in response.content.decode()
    assert_nothing_stored()
