"""Offers and their answers: staff decide, people answer by link, offers lapse.

Every step changes the place through `places.changes` (so it is recorded with who
did it) and emails the person through the outbox in the same transaction. A seat
that comes free (an offer declined or lapsed, a place given up) goes to the next
person on the run's waiting list.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from courses.models import CourseRun
from places.changes import NotAllowed, change_status
from places.emails import email_person, render_email
from places.links import Action, link_for
from places.models import HOLDING, OPEN, Place, PlaceChange, Status
from places.notices import place_confirmed, place_waitlisted
from places.seats import lock_run, seats_left

STAFF = PlaceChange.Actor.STAFF
PERSON = PlaceChange.Actor.PERSON
SYSTEM = PlaceChange.Actor.SYSTEM


class NoSeatFree(Exception):
    """Every place on the run is taken: nobody else can be offered one."""


class Outcome(StrEnum):
    """What a person's answer by link came to, for the page that tells them."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"
    GIVEN_UP = "given_up"
    ALREADY = "already"


# The email each staff decision sends, by the status it moves the place to.
DECISION_EMAILS = {
    Status.OFFERED: "offer",
    Status.WAITLISTED: "waitlist",
    Status.DECLINED: "declined",
}


def offer_deadline(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=settings.PLACES_OFFER_DAYS)


def decision_context(place: Place, to: str, message: str = "", deadline=None) -> dict:
    """What a decision's email needs beyond the place: the staff message and links."""
    context = {"message": message.strip()}
    if to == Status.OFFERED:
        context |= {
            "deadline": deadline or offer_deadline(),
            "accept_url": link_for(place, Action.ACCEPT),
            "decline_url": link_for(place, Action.DECLINE),
        }
    return context


def preview_decision(place: Place, to: str, message: str = "") -> tuple[str, str]:
    """The (subject, body) a decision would send now, without changing anything."""
    shown = Place(pk=place.pk, run=place.run, name=place.name, email=place.email)
    shown.language, shown.status = place.language, to
    return render_email(
        shown, DECISION_EMAILS[to], decision_context(shown, to, message)
    )


def _latest_change(place: Place) -> int:
    return place.changes.order_by("-pk").values_list("pk", flat=True).first()


def _email_decision(place: Place, message: str) -> None:
    """The email for the status the place has just reached, sent once per change."""
    name = DECISION_EMAILS[Status(place.status)]
    context = decision_context(place, place.status, message, place.offer_expires_at)
    email_person(place, name, context, key=f"place:{place.pk}:{_latest_change(place)}")


def offer(place: Place, *, by=None, message: str = "", actor: str = STAFF) -> Place:
    """Offer the place, holding a seat until the deadline; NoSeatFree if none is left."""
    with transaction.atomic():
        run = lock_run(place.run)
        left = seats_left(run)
        if left is not None and left < 1:
            raise NoSeatFree
        place = change_status(
            place,
            Status.OFFERED,
            actor=actor,
            by=by,
            offer_expires_at=offer_deadline(),
        )
        _email_decision(place, message)
    return place


def waitlist(place: Place, *, by=None, message: str = "") -> Place:
    """Put the place on the run's waiting list (a staff decision) and say so."""
    with transaction.atomic():
        was_holding = Place.objects.get(pk=place.pk).status in HOLDING
        place = change_status(place, Status.WAITLISTED, actor=STAFF, by=by)
        _email_decision(place, message)
        if was_holding:
            fill_from_waiting_list(place.run)
    return place


def decline(place: Place, *, by=None, message: str = "") -> Place:
    """Turn the application down (a staff decision) and say so; a held seat moves on."""
    with transaction.atomic():
        was_holding = Place.objects.get(pk=place.pk).status in HOLDING
        place = change_status(place, Status.DECLINED, actor=STAFF, by=by)
        _email_decision(place, message)
        if was_holding:
            fill_from_waiting_list(place.run)
    return place


DECISIONS = {
    Status.OFFERED: offer,
    Status.WAITLISTED: waitlist,
    Status.DECLINED: decline,
}


def accept(place: Place) -> Outcome:
    """The person accepts by link: confirmed, or on the waiting list if it came late."""
    with transaction.atomic():
        run = lock_run(place.run)
        place = Place.objects.select_for_update().get(pk=place.pk)
        if place.status == Status.OFFERED and place.offer_expires_at <= timezone.now():
            place = _lapse(place, tell=False)  # the job has not run yet
        if place.status == Status.OFFERED:
            place = change_status(place, Status.ACCEPTED, actor=PERSON)
            place_confirmed(place)
            return Outcome.CONFIRMED
        if place.status != Status.LAPSED:
            return Outcome.ALREADY
        left = seats_left(run)
        if left is None or left >= 1:
            place = change_status(
                place, Status.ACCEPTED, actor=PERSON, note="Accepted after the deadline"
            )
            place_confirmed(place)
            return Outcome.CONFIRMED
        place = change_status(
            place, Status.WAITLISTED, actor=PERSON, note="Accepted after the deadline"
        )
        place_waitlisted(place)
        return Outcome.WAITLISTED


def decline_offer(place: Place) -> Outcome:
    """The person declines their offer by link; the seat goes to the next waiting."""
    with transaction.atomic():
        try:
            place = change_status(place, Status.DECLINED, actor=PERSON)
        except NotAllowed:
            return Outcome.ALREADY
        fill_from_waiting_list(place.run)
    return Outcome.DECLINED


def give_up(place: Place) -> Outcome:
    """The person gives their place up by the cancel link; the seat moves on."""
    with transaction.atomic():
        current = Place.objects.select_for_update().get(pk=place.pk)
        if current.status not in OPEN:
            return Outcome.ALREADY
        change_status(current, Status.WITHDRAWN, actor=PERSON)
        fill_from_waiting_list(current.run)
    return Outcome.GIVEN_UP


def fill_from_waiting_list(run: CourseRun) -> list[Place]:
    """Offer free seats on the run to the people waiting, first come first offered."""
    offered = []
    with transaction.atomic():
        run = lock_run(run)
        while True:
            left = seats_left(run)
            if left is not None and left < 1:
                break
            waiting = Place.objects.on_run(run).waiting().first()
            if waiting is None:
                break
            offered.append(offer(waiting, actor=SYSTEM))
    return offered


def _lapse(place: Place, *, tell: bool = True) -> Place:
    place = change_status(place, Status.LAPSED, actor=SYSTEM, note="Offer not answered")
    if not tell:
        return place
    email_person(
        place,
        "lapsed",
        {"accept_url": link_for(place, Action.ACCEPT)},
        key=f"place:{place.pk}:{_latest_change(place)}",
    )
    return place


def lapse_offers(now: datetime | None = None) -> int:
    """Lapse offers past their deadline and offer the seats on; how many lapsed."""
    now = now or timezone.now()
    due = Place.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
    lapsed = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            place = Place.objects.get(pk=pk)
            lock_run(place.run)
            place = Place.objects.select_for_update().get(pk=pk)
            if place.status != Status.OFFERED or place.offer_expires_at > now:
                continue  # answered meanwhile
            _lapse(place)
            fill_from_waiting_list(place.run)
            lapsed += 1
    return lapsed


def move_waiting(places: list[Place], to_run: CourseRun, *, by=None) -> int:
    """Carry waiting people onto another run of the same course, keeping their order.

    Their `waitlisted_at` is kept, so they join the other run's list where their
    time puts them. Places not waiting, or on another course, are left alone.
    """
    moved = 0
    with transaction.atomic():
        target = lock_run(to_run)
        for place in places:
            current = Place.objects.select_for_update().get(pk=place.pk)
            same_course = (
                current.run.course.translation_key == target.course.translation_key
            )
            if current.status != Status.WAITLISTED or not same_course:
                continue
            if current.run_id == target.pk:
                continue
            note = f"Moved from run {current.run_id} to run {target.pk}"
            current.run = target
            current.save(update_fields=["run", "updated_at"])
            PlaceChange.objects.create(
                place=current,
                status_from=current.status,
                status_to=current.status,
                actor=STAFF,
                by=by if getattr(by, "is_authenticated", False) else None,
                note=note,
            )
            moved += 1
        fill_from_waiting_list(target)
    return moved
