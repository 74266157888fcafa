"""Demo places: each seed offering's way in, as staff and facilitators meet it.

The cohort has applications in every state, decided by the demo facilitator; the
writing workshop has single bookings and an employer's invoiced block of ten; the
drop-ins have sign-ups for one date and for the series. Rows are written directly
(never through `places.offers` or the intake), so loading the demo emails nobody,
and each run is filled once, so loading it again changes nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import count

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import CoursePage, CourseRun
from facilitators.demo import FACILITATOR_USERNAME
from home.demo import DemoSite
from places.bookings import booking_amount
from places.changes import change_status, record_new
from places.joining import covered_sessions, remember_sent
from places.models import Booking, Payer, Place, PlaceChange, Status, Way

FIRST_NAMES = [
    "Alys",
    "Bryn",
    "Carys",
    "Dafydd",
    "Efa",
    "Gethin",
    "Hana",
    "Ifan",
    "Jac",
    "Lowri",
    "Macsen",
    "Nia",
]
# Seven surnames beside twelve first names: the first 84 people are all different.
SURNAMES = ["Bowen", "Cadwaladr", "Demo", "Ellis", "Ffransis", "Gwyn", "Howells"]
STAFF = PlaceChange.Actor.STAFF
PERSON = PlaceChange.Actor.PERSON
VISITOR = PlaceChange.Actor.VISITOR
NOTE = "Demo content"
# The price tiers of the single places booked on each workshop to come.
SINGLE_TIERS = ["Standard", "Introductory rate", "Standard"]


@dataclass(frozen=True)
class Person:
    name: str
    email: str


class People:
    """Fictional people with example.org addresses, a different one each time."""

    def __init__(self) -> None:
        self._numbers = count()

    def next(self) -> Person:
        n = next(self._numbers)
        first, last = FIRST_NAMES[n % len(FIRST_NAMES)], SURNAMES[n % len(SURNAMES)]
        return Person(f"{first} {last}", f"{first.lower()}.{last.lower()}@example.org")


@dataclass(frozen=True)
class Step:
    """One change in a place's history: to which status, by whom, how long ago."""

    status: str
    actor: str
    days_ago: float


def _runs(slug: str) -> list[CourseRun]:
    """The course's source-language runs, earliest first."""
    course = CoursePage.objects.get(
        slug=slug, locale__language_code=settings.LANGUAGE_CODE
    )
    return sorted(course.runs.all(), key=_first_start)


def _first_start(run: CourseRun) -> datetime:
    return run.sessions.order_by("start").first().start


def _is_empty(run: CourseRun) -> bool:
    return not Place.objects.filter(run=run).exists()


def _place(
    run: CourseRun,
    person: Person | None,
    way: str,
    steps: list[Step],
    *,
    by=None,
    now: datetime,
    **fields,
) -> Place:
    """A place with its history, each change dated as the steps say."""
    first, *later = steps
    place = record_new(
        Place(
            run=run,
            name=person.name if person else "",
            email=person.email if person else "",
            way=way,
            status=first.status,
            **fields,
        ),
        actor=first.actor,
        note=NOTE,
    )
    for step in later:
        expires = None
        if step.status == Status.OFFERED:
            offered = now - timedelta(days=step.days_ago)
            expires = offered + timedelta(days=settings.PLACES_OFFER_DAYS)
        place = change_status(
            place,
            step.status,
            actor=step.actor,
            by=by if step.actor == STAFF else None,
            note=NOTE,
            offer_expires_at=expires,
        )
    moments = [now - timedelta(days=step.days_ago) for step in steps]
    changes = place.changes.order_by("pk").values_list("pk", flat=True)
    for change, at in zip(changes, moments, strict=True):
        PlaceChange.objects.filter(pk=change).update(at=at)
    Place.objects.filter(pk=place.pk).update(created_at=moments[0])
    if place.status == Status.ACCEPTED:
        # As if its joining details had been sent: a later publish announces changes only.
        remember_sent(place, covered_sessions(place))
    return place


def applications(demo_site: DemoSite, people: People, now: datetime) -> None:
    """The past cohort's graduates, and the next cohort's applications in every state."""
    facilitator = get_user_model().objects.get(username=FACILITATOR_USERNAME)
    past, upcoming, *_later = _runs("compassionate-leadership")
    accepted = [
        Step(Status.RECEIVED, VISITOR, 120),
        Step(Status.OFFERED, STAFF, 110),
        Step(Status.ACCEPTED, PERSON, 108),
    ]
    if _is_empty(past):
        for _n in range(10):
            _place(past, people.next(), Way.APPLIED, accepted, by=facilitator, now=now)
    if not _is_empty(upcoming):
        return
    # The offer went out long enough ago to be answered within a few days more.
    offered_ago = max(settings.PLACES_OFFER_DAYS - 3, 0)
    histories = [
        [
            Step(Status.RECEIVED, VISITOR, 12),
            Step(Status.OFFERED, STAFF, 9),
            Step(Status.ACCEPTED, PERSON, 8),
        ],
        [
            Step(Status.RECEIVED, VISITOR, 11),
            Step(Status.OFFERED, STAFF, 9),
            Step(Status.ACCEPTED, PERSON, 6),
        ],
        [Step(Status.RECEIVED, VISITOR, 10), Step(Status.DECLINED, STAFF, 9)],
        [Step(Status.RECEIVED, VISITOR, 7), Step(Status.OFFERED, STAFF, offered_ago)],
        *([Step(Status.RECEIVED, VISITOR, days)] for days in (6, 4, 3, 2, 1)),
    ]
    for n, history in enumerate(histories):
        _place(
            upcoming,
            people.next(),
            Way.APPLIED,
            history,
            by=facilitator,
            now=now,
            # One applicant wrote in Welsh; their emails would be in Welsh.
            language="cy" if n == 4 else settings.LANGUAGE_CODE,
        )


def _booking(
    run: CourseRun, lead: Person, tier_label: str, places: int, **fields
) -> Booking:
    tier = run.course.price_tiers.get(label=tier_label)
    return Booking.objects.create(
        run=run,
        tier_label=tier.label,
        amount=booking_amount(tier, places),
        places_booked=places,
        lead_name=lead.name,
        lead_email=lead.email,
        language=settings.LANGUAGE_CODE,
        **fields,
    )


def bookings(demo_site: DemoSite, people: People, now: datetime) -> None:
    """Single places paid by their people, and an employer's block of ten, invoiced."""
    booked = [Step(Status.ACCEPTED, VISITOR, 5)]
    booked_long_ago = [Step(Status.ACCEPTED, VISITOR, 60)]
    workshops = _runs("creative-writing-for-empathy")
    past = [run for run in workshops if _first_start(run) <= now]
    upcoming = [run for run in workshops if _first_start(run) > now]
    for run in past[-1:]:
        if _is_empty(run):
            for _n in range(18):
                _place(run, people.next(), Way.BOOKED, booked_long_ago, now=now)
    for index, run in enumerate(upcoming):
        if not _is_empty(run):
            continue
        singles = SINGLE_TIERS if index == 0 else SINGLE_TIERS[:2]
        for n, tier_label in enumerate(singles):
            person = people.next()
            paid = {
                "invoiced_at": now - timedelta(days=4),
                "paid_at": now - timedelta(days=2),
                "invoiced_by": demo_site.admin,
                "paid_by": demo_site.admin,
            }
            # The first is still to be invoiced; the others are invoiced and paid.
            booking = _booking(
                run, person, tier_label, 1, payer=Payer.SELF, **(paid if n else {})
            )
            _place(run, person, Way.BOOKED, booked, now=now, booking=booking)
        if index == 0:
            block_of_ten(demo_site, run, people, now)


def block_of_ten(
    demo_site: DemoSite, run: CourseRun, people: People, now: datetime
) -> None:
    """An employer's block: three people named so far, invoiced and not yet paid."""
    block = _booking(
        run,
        people.next(),
        "Block booking",
        10,
        payer=Payer.EMPLOYER,
        organisation="Bryn Glas Community Health Team (demo)",
        finance_email="invoices.brynglas@example.org",
        purchase_order="PO-DEMO-0410",
        invoiced_at=now - timedelta(days=3),
        invoiced_by=demo_site.admin,
    )
    for n in range(block.places_booked):
        person = people.next() if n < 3 else None
        _place(
            run,
            person,
            Way.BOOKED,
            [Step(Status.ACCEPTED, VISITOR, 4)],
            now=now,
            booking=block,
        )


def sign_ups(demo_site: DemoSite, people: People, now: datetime) -> None:
    """Drop-in sign-ups for single dates and one for the whole series."""
    series = next(run for run in _runs("creative-empathy-hour") if run.bookable)
    if not _is_empty(series):
        return
    joined = [Step(Status.ACCEPTED, VISITOR, 3)]
    dates = list(series.sessions.order_by("start"))
    for session in [dates[0], dates[0], dates[1], dates[2]]:
        _place(series, people.next(), Way.JOINED, joined, now=now, session=session)
    _place(series, people.next(), Way.JOINED, joined, now=now)


def build(demo_site: DemoSite) -> None:
    """Places on each seed offering that has a way in, once."""
    now = timezone.now()
    people = People()
    applications(demo_site, people, now)
    bookings(demo_site, people, now)
    sign_ups(demo_site, people, now)
