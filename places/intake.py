"""Turn a stored application, booking or sign-up into a place on the chosen run."""

from django.dispatch import receiver

from courses.participation import Participation
from forms_app.models import Submission
from forms_app.signals import submission_stored
from places.changes import record_new
from places.models import Place, PlaceChange, Status, Way
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
    """The places a submission asks for; none when it names no run or has them already."""
    if submission.run_id is None or submission.course_page_id is None:
        return []
    if submission.places.exists():
        return []
    way = WAYS.get(submission.course_page.specific.participation)
    if way is None:
        return []
    run = lock_run(submission.run)
    session = submission.session if way == Way.JOINED else None
    left = seats_left(run, session=session, joining=way == Way.JOINED)
    if left is not None and left < 1:  # the form offered this run's waiting list
        status = Status.WAITLISTED
    elif way == Way.APPLIED:
        status = Status.RECEIVED
    else:
        status = Status.ACCEPTED
    place = Place(
        run=run,
        session=session,
        submission=submission,
        name=submission.contact_name,
        email=submission.contact_email,
        language=submission.locale.language_code if submission.locale_id else "en",
        way=way,
        status=status,
    )
    record_new(place, actor=PlaceChange.Actor.VISITOR)
    after_intake(place)
    return [place]
