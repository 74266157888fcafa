"""Bookings tests: a paid workshop people book, with a standard price and a block of 10."""

import re
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import Eligibility
from forms_app.models import ApplicationFormPage
from forms_app.spam import issue_form_token
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CoursePriceTierFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.forms_app import (
    ApplicationFormFieldFactory,
    ApplicationFormPageFactory,
)
from tests.forms_app.conftest import post_form  # noqa: F401


@pytest.fixture
def workshop(home_page) -> dict:
    """A published "book" course with a run of 20 places and its booking form."""
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(
        parent=index, title="Creative Writing for Empathy", participation="book"
    )
    standard = CoursePriceTierFactory(
        course=course, label="Standard", amount=Decimal("125")
    )
    block = CoursePriceTierFactory(
        course=course,
        label="Block booking",
        amount=Decimal("400"),
        places=10,
        eligibility=Eligibility.TEAM,
    )
    run = CourseRunFactory(course=course, title="March workshop", capacity=20)
    start = timezone.now().replace(microsecond=0) + timedelta(days=30)
    CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=3))
    form = ApplicationFormPageFactory(parent=course, slug="book", title="Book")
    ApplicationFormFieldFactory(page=form, label="Current role", required=False)
    form.save_revision().publish()
    course.form_page = form
    course.save_revision().publish()
    course.refresh_from_db()
    return {
        "course": course,
        "form": ApplicationFormPage.objects.get(pk=form.pk),
        "run": run,
        "standard": standard,
        "block": block,
    }


def booking(run, tier, **overrides) -> dict:
    """A valid booking POST: one price, paid by the person's employer."""
    data = {
        "contact_name": "Rhiannon Evans",
        "contact_email": "rhiannon@example.org",
        "current_role": "Ward manager",
        "run": str(run.pk),
        "price": str(tier.translation_key),
        "places": "1",
        "payer": "employer",
        "payer_organisation": "Hywel Dda Health Board",
        "finance_email": "invoices@example.org",
        "purchase_order": "PO-4471",
        "website": "",
        "form_token": issue_form_token(time.time() - 60),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def link_in(body: str) -> str:
    """The path of the signed place link in an email body."""
    match = re.search(r"https?://[^/\s]+(/(?:cy/)?place/[^\s]+/)", body)
    assert match, body
    return match.group(1)
