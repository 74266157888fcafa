"""Issue 15's acceptance journey over HTTP: five applications for three places, offers
decided in the admin, a decline by link, a lapsed offer, the waiting list moving on."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forms_app.periodic import run_due_jobs
from places.models import Place, PlaceChange, Status
from tests.places.conftest import (
    application,
    places_left_in_form,
    places_left_on_course_page,
)

pytestmark = pytest.mark.django_db


def link_in(message, word: str) -> str:
    """The link on the line after the sentence containing `word`."""
    lines = message.body.splitlines()
    for n, line in enumerate(lines):
        if word in line and n + 1 < len(lines) and "/place/" in lines[n + 1]:
            return lines[n + 1].strip()
    raise AssertionError(f"no {word!r} link in {message.subject!r}")


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def mail_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def decide(client, run, places, action, capture, message="") -> str:
    """Preview then confirm a bulk decision in the admin; the preview's HTML."""
    url = reverse("places_admin:run", args=[run.pk])
    data = {
        "places": [p.pk for p in places],
        "action": action,
        "message": message,
        "step": "preview",
    }
    before = len(mail.outbox)
    preview = client.post(url, data)
    assert preview.status_code == 200
    assert len(mail.outbox) == before  # a preview sends nothing
    with capture(execute=True):
        done = client.post(url, {**data, "step": "confirm"})
    assert done.status_code == 302
    return preview.content.decode()


def test_five_applicants_three_places_offers_decline_lapse_and_the_list_moves_on(
    cohort, post_form, lead_client, django_capture_on_commit_callbacks
):
    course, form, run = cohort["course"], cohort["form"], cohort["run"]
    public = Client()

    def agree(expected: int) -> None:
        assert places_left_on_course_page(public, course, run) == expected
        assert places_left_in_form(public, form, run) == expected

    agree(3)
    for n in range(1, 6):
        assert post_form(form, application(run, n)).status_code == 302
    places = list(Place.objects.order_by("pk"))
    assert [p.status for p in places] == [Status.RECEIVED] * 5
    agree(3)  # applications take no place until one is offered

    # The facilitator offers three, previewing the exact emails first.
    preview = decide(
        lead_client,
        run,
        places[:3],
        Status.OFFERED,
        django_capture_on_commit_callbacks,
        message="We loved your application.",
    )
    assert "A place for you on Compassionate Leadership" in preview
    assert "We loved your application." in preview
    assert preview.count("/place/") >= 6  # accept and decline links for each
    offers = {p.email: mail_to(p.email)[-1] for p in places[:3]}
    for message in offers.values():
        assert message.subject == "A place for you on Compassionate Leadership"
        assert "We loved your application." in message.body
        assert "(UK time)" in message.body
    agree(0)
    assert all(
        change.by == cohort["lead"] and change.actor == PlaceChange.Actor.STAFF
        for change in PlaceChange.objects.filter(status_to=Status.OFFERED)
    )

    # The other two wait; the form now offers the run's waiting list.
    decide(
        lead_client,
        run,
        places[3:],
        Status.WAITLISTED,
        django_capture_on_commit_callbacks,
    )
    assert "waiting list" in mail_to(places[3].email)[-1].subject
    agree(0)
    assert (
        "Join the waiting list for Spring cohort"
        in public.get(form.url).content.decode()
    )

    # Applicant 1 opens the decline link: the page asks, nothing changes.
    decline_path = path_of(link_in(offers[places[0].email], "decline"))
    page = public.get(decline_path)
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    html = page.content.decode()
    assert html.count("<h1") == 1 and "<button" in html and "Decline the offer" in html
    places[0].refresh_from_db()
    assert places[0].status == Status.OFFERED
    with django_capture_on_commit_callbacks(execute=True):
        answered = public.post(decline_path)
    assert "You have declined the offer" in answered.content.decode()
    statuses = [Place.objects.get(pk=p.pk).status for p in places]
    assert statuses[0] == Status.DECLINED
    # The seat went to the first person waiting.
    assert statuses[3] == Status.OFFERED and statuses[4] == Status.WAITLISTED
    assert mail_to(places[3].email)[-1].subject.startswith("A place for you")
    agree(0)

    # Applicant 2's offer passes its deadline; the workers' periodic job lapses it.
    Place.objects.filter(pk=places[1].pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs("test-worker")
    statuses = [Place.objects.get(pk=p.pk).status for p in places]
    assert statuses[1] == Status.LAPSED
    assert statuses[4] == Status.OFFERED  # the next waiting, in turn
    assert "lapsed" in mail_to(places[1].email)[-1].subject
    assert mail_to(places[4].email)[-1].subject.startswith("A place for you")
    lapse = PlaceChange.objects.get(place=places[1], status_to=Status.LAPSED)
    assert lapse.actor == PlaceChange.Actor.SYSTEM
    agree(0)

    # Applicant 3 accepts by link and is confirmed.
    accept_path = path_of(link_in(offers[places[2].email], "accept"))
    with django_capture_on_commit_callbacks(execute=True):
        accepted = public.post(accept_path)
    assert "Your place is confirmed" in accepted.content.decode()
    assert Place.objects.get(pk=places[2].pk).status == Status.ACCEPTED
    assert "confirmed" in mail_to(places[2].email)[-1].subject
    agree(0)

    # Each row in the admin shows its last email's delivery status.
    listing = lead_client.get(reverse("places_admin:run", args=[run.pk]))
    assert listing.content.decode().count("Sent</strong>") == 5


def test_offer_links_open_in_welsh(
    cohort, post_form, lead_client, django_capture_on_commit_callbacks
):
    run = cohort["run"]
    post_form(cohort["form"], application(run, 1))
    place = Place.objects.get()
    decide(
        lead_client, run, [place], Status.OFFERED, django_capture_on_commit_callbacks
    )
    link = path_of(link_in(mail_to(place.email)[-1], "accept"))
    welsh = Client().get("/cy" + link)
    assert welsh.status_code == 200
    assert 'lang="cy"' in welsh.content.decode()
    assert re.search(r"<button[^>]*>", welsh.content.decode())
