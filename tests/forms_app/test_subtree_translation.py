"""An application form translated with its course's subtree is asked and answered in Welsh."""

import time

import pytest
from django.core import mail
from django.test import Client

from forms_app.spam import issue_form_token
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.forms_app import (
    ApplicationFormFieldFactory,
    ApplicationFormPageFactory,
)
from tests.support.translation import welsh

pytestmark = pytest.mark.django_db

WELSH = {
    "Apply": "Gwneud cais",
    "Tell us about your role.": "Dywedwch wrthym am eich rôl.",
    "Current role": "Rôl bresennol",
    "Setting": "Lleoliad",
    "Where you work most days.": "Lle rydych chi'n gweithio fel arfer.",
    "Acute ward<br/>Community": "Ward acíwt<br/>Cymuned",
    "The facilitators read every application within a week.": (
        "Mae'r hwyluswyr yn darllen pob cais o fewn wythnos."
    ),
    "Thank you for applying.": "Diolch am wneud cais.",
}


@pytest.fixture
def form(home_page, privacy_page):
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), participation="apply"
    )
    CourseSessionFactory(run=CourseRunFactory(course=course))
    form = ApplicationFormPageFactory(
        parent=course,
        slug="apply",
        title="Apply",
        acknowledgement_intro="Thank you for applying.",
    )
    ApplicationFormFieldFactory(page=form, label="Current role", required=True)
    ApplicationFormFieldFactory(
        page=form,
        label="Setting",
        field_type="dropdown",
        choices="Acute ward\nCommunity",
        help_text="Where you work most days.",
    )
    form.save_revision().publish()
    course.form_page = form
    course.save_revision().publish()
    return form


@pytest.fixture
def welsh_form(editor, form, home_page, privacy_page):
    course = form.get_parent()
    editor.submit(home_page, "cy", include_subtree=False)
    editor.submit(course.get_parent(), "cy", include_subtree=False)
    editor.submit(course, "cy", include_subtree=True)
    offered = {s["source"] for s in editor.translate(welsh(form), WELSH)}
    assert set(WELSH) <= offered
    editor.publish(welsh(course))
    editor.publish(welsh(form))
    return welsh(form)


def test_welsh_form_asks_its_questions_in_welsh(welsh_form, form):
    response = Client().get(welsh_form.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Gwneud cais",
        "Dywedwch wrthym am eich rôl.",
        "Rôl bresennol",
        "Lleoliad",
        "Lle rydych chi&#x27;n gweithio fel arfer.",
        "Ward acíwt",
        "Cymuned",
    ):
        assert text in html, text
    for text in ("Current role", "Acute ward", "Where you work"):
        assert text not in html, text
    keys = {f.clean_name for f in form.form_fields.all()}
    assert {f.clean_name for f in welsh_form.form_fields.all()} == keys
    assert welsh_form.team_addresses == form.team_addresses


def test_welsh_answers_are_thanked_in_welsh(welsh_form, form, post_form):
    welsh_run = welsh_form.open_runs()[0]
    answers = {
        "run": str(welsh_run.pk),
        "contact_name": "Rhiannon Evans",
        "contact_email": "rhiannon@example.org",
        "current_role": "Rheolwr ward",
        "setting": "Cymuned",
        "website": "",
        "form_token": issue_form_token(time.time() - 60),
    }
    response = post_form(welsh_form, answers)
    assert response.status_code == 302, response.context["form"].errors
    thanks = Client().get(response["Location"]).content.decode()
    assert "Mae&#x27;r hwyluswyr yn darllen pob cais o fewn wythnos." in thanks
    ack = next(m for m in mail.outbox if "rhiannon@example.org" in m.to[0])
    assert "Diolch am wneud cais." in ack.body
