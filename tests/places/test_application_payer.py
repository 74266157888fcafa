"""An application for a paid course asks who would pay, and its place records it."""

import pytest

from places.models import Booking, Place, Status
from tests.factories.courses import CourseIndexPageFactory, CoursePriceTierFactory
from tests.factories.facilitators import FacilitatorIndexPageFactory
from tests.places.conftest import application, make_course, make_run
from tests.support.roles import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_cohort(home_page, privacy_page):
    index = CourseIndexPageFactory(parent=home_page)
    FacilitatorIndexPageFactory(parent=home_page)
    course, form = make_course(
        index, "Compassionate Leadership", staff_user("Facilitators", "lead")
    )
    CoursePriceTierFactory(course=course, label="Per person", amount="200")
    course.save_revision().publish()
    return form, make_run(course, "Spring cohort", 20, capacity=16)


def test_a_paid_application_asks_who_pays_and_needs_the_employer_details(
    client, paid_cohort, post_form
):
    form, run = paid_cohort
    page = client.get(form.url).content.decode()
    assert "Who is paying?" in page
    assert "Which price?" not in page

    refused = post_form(form, {**application(run, 1), "payer": "employer"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Enter the organisation we should invoice." in html
    assert "Enter the purchase order number your organisation gave you." in html
    assert 'value="Ward manager"' in html
    assert not Place.objects.exists()

    accepted = post_form(
        form,
        {
            **application(run, 1),
            "payer": "employer",
            "payer_organisation": "Betsi Cadwaladr Health Board",
            "finance_email": "invoices@example.org",
            "purchase_order": "PO-2210",
        },
    )
    assert accepted.status_code == 302
    place = Place.objects.get()
    assert place.status == Status.RECEIVED
    booking = Booking.objects.get()
    assert (booking.payer, booking.organisation, booking.purchase_order) == (
        "employer",
        "Betsi Cadwaladr Health Board",
        "PO-2210",
    )
    assert place.booking == booking


def test_a_free_application_asks_nobody_to_pay(client, home_page, privacy_page):
    index = CourseIndexPageFactory(parent=home_page)
    FacilitatorIndexPageFactory(parent=home_page)
    _course, form = make_course(
        index, "Free cohort", staff_user("Facilitators", "lead")
    )
    assert "Who is paying?" not in client.get(form.url).content.decode()
