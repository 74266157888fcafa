"""Turn a stored application, booking or sign-up into a place on the chosen run."""

from django.dispatch import receiver

from courses.participation import Participation
from forms_app.models import Submission
from forms_app.signals import submission_stored
from places.bookings import email_lead_to_name, record_booking, terms_of
from places.changes import record_new
from places.models import Place, PlaceChange, Status, Way, default_language
from places.notices import after_intake
from places.seats import lock_run, seats_left

WAYS = {
    Participation.APPLY: Way.APPLIED,
    Participation.BOOK: Way.BOOKED,
    Participation.JOIN: Way.JOINED,
}


@receiver(submission_stored)
def place_from_submission(sender, page, submission: Submission, **kwargs) -> None:
    """Record the place the submission asks for, in the submission's transaction."""
    take_place_for(submission)


def take_place_for(submission: Submission) -> list[Place]:
    """The places a submission asks for; none when it names no run or has them already.

    A booking of several places takes them all or, when too few are free, puts them
    all on the waiting list: the form refused it a moment ago, so only a booking
    made at the same moment lands here. Several places are left unnamed for the
    lead to name by link; a single place is the person who wrote.
    """
    if submission.run_id is None or submission.course_page_id is None:
        return []
    if submission.places.exists():
        return []
    way = WAYS.get(submission.course_page.specific.participation)
    if way is None:
        return []
    run = lock_run(submission.run)
    session = submission.session if way == Way.JOINED else None
    terms = terms_of(submission)
    count = terms.places if way == Way.BOOKED else 1
    left = seats_left(run, session=session, joining=way == Way.JOINED)
    if left is not None and left < count:  # the form offered this run's waiting list
        status = Status.WAITLISTED
    elif way == Way.APPLIED:
        status = Status.RECEIVED
    else:
        status = Status.ACCEPTED
    booking = record_booking(submission, run, terms) if terms.needs_booking else None
    language = submission.locale.language_code if submission.locale_id else ""
    places = [
        record_new(
            Place(
                run=run,
                session=session,
                submission=submission,
                booking=booking,
                name=submission.contact_name if count == 1 else "",
                email=submission.contact_email if count == 1 else "",
                language=language or default_language(),
                way=way,
                status=status,
            ),
            actor=PlaceChange.Actor.VISITOR,
        )
        for _n in range(count)
    ]
    if count == 1:
        after_intake(places[0])
    else:
        email_lead_to_name(booking)
    return places
