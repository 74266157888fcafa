"""Block bookings through the real booking form: seats taken, numbers refused, people named."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import CourseSession
from forms_app.models import Submission
from places.models import Booking, Place, Status
from tests.places.bookings.conftest import booking, link_in
from tests.support.places import take_places


def test_a_block_of_ten_on_a_run_of_twenty_leaves_ten(workshop, post_form, client):
    run, form = workshop["run"], workshop["form"]
    response = post_form(form, booking(run, workshop["block"]))
    assert response.status_code == 302, response.content.decode()[:3000]

    places = Place.objects.filter(run=run)
    assert places.count() == 10
    assert set(places.values_list("status", flat=True)) == {Status.ACCEPTED}
    assert not places.exclude(email="").exists()
    record = Booking.objects.get()
    assert (record.places_booked, record.tier_label, record.amount) == (
        10,
        "Block booking",
        400,
    )
    assert record.payer == "employer"
    assert record.organisation == "Hywel Dda Health Board"
    assert record.finance_email == "invoices@example.org"
    assert record.purchase_order == "PO-4471"
    assert Submission.objects.get().form_data["places"] == 10

    thanks = client.get(response["Location"]).content.decode()
    assert "Block booking: £400 for 10 places" in thanks

    course_page = client.get(workshop["course"].url).content.decode()
    assert "10 places left" in course_page
    assert "10 places left" in client.get(form.url).content.decode()

    lead_emails = [m for m in mail.outbox if m.to == ["rhiannon@example.org"]]
    assert any("/place/" in m.body for m in lead_emails)


def test_a_block_of_ten_when_five_are_left_is_refused_with_answers_kept(
    workshop, post_form
):
    run = workshop["run"]
    take_places(run, 15)
    response = post_form(workshop["form"], booking(run, workshop["block"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Only 5 places are left on these dates" in html
    assert 'value="Rhiannon Evans"' in html
    assert 'value="PO-4471"' in html
    assert 'aria-invalid="true"' in html
    assert not Submission.objects.exists()
    assert Place.objects.filter(run=run).count() == 15


@pytest.mark.parametrize(
    "number, message",
    [
        ("-3", "Book at least 1 place."),
        ("0", "Book at least 1 place."),
        ("100000", "You can book up to 30 places here"),
        ("ten", "Enter the number of places as a whole number"),
        ("12", "Only"),
    ],
)
def test_numbers_of_places_out_of_range_are_refused(
    workshop, post_form, number, message
):
    run = workshop["run"]
    take_places(run, 10)
    data = booking(run, workshop["standard"], places=number)
    response = post_form(workshop["form"], data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="id_places-error"' in html
    assert 'value="Rhiannon Evans"' in html
    assert not Submission.objects.exists()
    assert Place.objects.filter(run=run).count() == 10


def test_several_places_at_the_price_per_place_are_taken(workshop, post_form):
    run = workshop["run"]
    response = post_form(
        workshop["form"], booking(run, workshop["standard"], places="3")
    )
    assert response.status_code == 302
    assert Place.objects.filter(run=run, status=Status.ACCEPTED).count() == 3
    assert Booking.objects.get().amount == 375


def test_an_employer_paying_needs_organisation_finance_contact_and_po(
    workshop, post_form
):
    run = workshop["run"]
    data = booking(
        run,
        workshop["standard"],
        payer_organisation="",
        finance_email="",
        purchase_order="",
    )
    response = post_form(workshop["form"], data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the organisation we should invoice." in html
    assert "Enter the email address of the finance contact" in html
    assert "Enter the purchase order number" in html
    assert 'value="Rhiannon Evans"' in html
    assert not Submission.objects.exists()


def test_a_person_paying_themselves_gives_no_employer_details(workshop, post_form):
    run = workshop["run"]
    data = booking(
        run,
        workshop["standard"],
        payer="self",
        payer_organisation="",
        finance_email="",
        purchase_order="",
    )
    response = post_form(workshop["form"], data)
    assert response.status_code == 302
    place = Place.objects.get(run=run)
    assert (place.name, place.email) == ("Rhiannon Evans", "rhiannon@example.org")
    assert place.booking.payer == "self"
    assert place.booking.organisation == ""


def test_naming_three_of_ten_by_the_signed_link_confirms_those_three(
    workshop, post_form, client, django_capture_on_commit_callbacks
):
    run = workshop["run"]
    post_form(workshop["form"], booking(run, workshop["block"]))
    lead = next(m for m in mail.outbox if "/place/" in m.body)
    path = link_in(lead.body)
    mail.outbox.clear()

    page = client.get(path)
    assert page.status_code == 200
    assert "Place 10" in page.content.decode()
    assert not Place.objects.filter(run=run).exclude(email="").exists()

    names = {
        "name_1": "Alys Jones",
        "email_1": "alys@example.org",
        "name_4": "Bryn Hughes",
        "email_4": "bryn@example.org",
        "name_9": "Carys Lewis",
        "email_9": "carys@example.org",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, names)
    assert response.status_code == 200
    assert "Saved" in response.content.decode()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "alys@example.org",
        "bryn@example.org",
        "carys@example.org",
    ]
    assert all("is confirmed" in m.subject for m in mail.outbox)
    # Each is now an ordinary place holder: their email carries their own cancel link.
    assert len({link_in(m.body) for m in mail.outbox}) == 3
    named = Place.objects.filter(run=run).exclude(email="")
    assert sorted(named.values_list("name", flat=True)) == [
        "Alys Jones",
        "Bryn Hughes",
        "Carys Lewis",
    ]
    assert 'value="Bryn Hughes"' in client.get(path).content.decode()


def test_a_name_without_an_email_is_refused_and_kept(workshop, post_form, client):
    run = workshop["run"]
    post_form(workshop["form"], booking(run, workshop["block"]))
    path = link_in(next(m for m in mail.outbox if "/place/" in m.body).body)
    response = client.post(path, {"name_2": "Dafydd Rees", "email_2": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter this person" in html
    assert 'value="Dafydd Rees"' in html
    assert not Place.objects.filter(run=run).exclude(name="").exists()


def test_naming_someone_else_confirms_the_new_person_and_keeps_the_count(
    workshop, post_form, client, django_capture_on_commit_callbacks
):
    run = workshop["run"]
    post_form(workshop["form"], booking(run, workshop["block"]))
    path = link_in(next(m for m in mail.outbox if "/place/" in m.body).body)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"name_1": "Alys Jones", "email_1": "alys@example.org"})
    mail.outbox.clear()

    page = client.get(path).content.decode()
    assert 'value="alys@example.org"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"name_1": "Efa Morgan", "email_1": "efa@example.org"})

    assert [m.to for m in mail.outbox] == [["efa@example.org"]]
    assert "is confirmed" in mail.outbox[0].subject
    alys = Place.objects.get(email="alys@example.org")
    assert alys.status == Status.WITHDRAWN
    assert alys.changes.last().actor == "person"
    assert Place.objects.get(email="efa@example.org").status == Status.ACCEPTED
    run.refresh_from_db()
    assert run.places_left == 10
    assert "Alys Jones" not in client.get(path).content.decode()


def test_names_are_fixed_once_the_run_has_started(
    workshop, post_form, client, django_capture_on_commit_callbacks
):
    run = workshop["run"]
    post_form(workshop["form"], booking(run, workshop["block"]))
    path = link_in(next(m for m in mail.outbox if "/place/" in m.body).body)
    mail.outbox.clear()
    # The workshop began an hour ago, as an editor moving its session would say.
    began = timezone.now() - timedelta(hours=1)
    CourseSession.objects.filter(run=run).update(
        start=began, end=began + timedelta(hours=3)
    )

    page = client.get(path)
    assert page.status_code == 403
    assert "can no longer be changed" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"name_1": "Alys", "email_1": "alys@example.org"})
    assert response.status_code == 403
    assert not Place.objects.filter(run=run).exclude(email="").exists()
    assert mail.outbox == []
