"""Staff mark bookings invoiced and paid in the admin and export them; facilitators cannot."""

import csv
import io

import pytest
from django.urls import reverse

from places.models import Booking
from staff.roles import COMMUNICATIONS, FACILITATORS
from tests.places.bookings.conftest import booking
from tests.support.admin import assert_refused
from tests.support.roles import client_for, staff_user


@pytest.fixture
def booked(workshop, post_form) -> Booking:
    """A block of 10 paid by an employer, and one place paid by its person."""
    run = workshop["run"]
    assert post_form(workshop["form"], booking(run, workshop["block"])).status_code
    post_form(
        workshop["form"],
        booking(
            run,
            workshop["standard"],
            contact_name="Siôn Price",
            contact_email="sion@example.org",
            payer="self",
            payer_organisation="",
            finance_email="",
            purchase_order="",
        ),
    )
    assert Booking.objects.count() == 2
    return Booking.objects.get(places_booked=10)


def edit_post(record: Booking, **ticks) -> dict:
    return {
        "payer": record.payer,
        "organisation": record.organisation,
        "finance_email": record.finance_email,
        "purchase_order": record.purchase_order,
        **ticks,
    }


def test_staff_mark_a_booking_invoiced_then_paid_through_the_admin(booked):
    user = staff_user(COMMUNICATIONS)
    client = client_for(user)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bookings and invoices" in menu
    listing = client.get(reverse("bookings:index"))
    assert listing.status_code == 200
    assert "Hywel Dda Health Board" in listing.content.decode()
    edit_url = reverse("bookings:edit", args=[booked.pk])
    assert client.get(edit_url).status_code == 200

    response = client.post(edit_url, edit_post(booked, invoiced="on"))
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.invoiced_by == user
    assert booked.invoiced_at is not None
    assert booked.paid_at is None
    invoiced_at = booked.invoiced_at

    client.post(edit_url, edit_post(booked, invoiced="on", paid="on"))
    booked.refresh_from_db()
    assert booked.invoiced_at == invoiced_at
    assert (booked.paid_by, booked.paid_at is not None) == (user, True)
    assert not Booking.objects.exclude(pk=booked.pk).filter(paid_at__isnull=False)


def test_the_csv_export_has_the_payer_invoice_and_naming_fields(booked):
    user = staff_user(COMMUNICATIONS)
    client = client_for(user)
    client.post(
        reverse("bookings:edit", args=[booked.pk]), edit_post(booked, invoiced="on")
    )
    response = client.get(reverse("places_bookings_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    rows = {row["Booked by"]: row for row in csv.DictReader(io.StringIO(text))}
    block = rows["Rhiannon Evans"]
    assert block["Organisation"] == "Hywel Dda Health Board"
    assert block["Finance contact email"] == "invoices@example.org"
    assert block["Purchase order"] == "PO-4471"
    assert block["Places"] == "10"
    assert (block["Places named"], block["Places unnamed"]) == ("0", "10")
    assert block["Amount"] == "400.00"
    assert block["Invoiced by"] == user.get_username()
    assert block["Invoiced at"]
    assert block["Paid at"] == ""
    single = rows["Siôn Price"]
    assert single["Who pays"] == "The person booking"
    assert (single["Places named"], single["Places unnamed"]) == ("1", "0")


def test_facilitators_do_not_see_bookings_or_invoices(booked):
    client = client_for(staff_user(FACILITATORS))
    assert client.get(reverse("places_bookings_export")).status_code == 403
    assert_refused(client.get(reverse("bookings:index")))
    edit_url = reverse("bookings:edit", args=[booked.pk])
    assert_refused(client.post(edit_url, edit_post(booked, invoiced="on")))
    booked.refresh_from_db()
    assert booked.invoiced_at is None
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bookings and invoices" not in menu
