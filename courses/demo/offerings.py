"""The four seed offerings as page fields with their runs, sessions and prices.

The seed offerings keep their weekdays, times and patterns, placed relative to
the day the demo is built; a few sessions stay in the past so the past state shows.
"""

from calendar import MONDAY, THURSDAY, TUESDAY, WEDNESDAY
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from courses.completion import Completion
from courses.demo.relative_dates import (
    month_start,
    next_clock_change,
    nth_weekday,
    weekday_on_or_after,
)
from courses.models import (
    CoursePriceTier,
    CourseRun,
    CourseSession,
    Eligibility,
)
from courses.rules import LONDON

ROOM = "GDC 1.38"
BUILDING = "George Davies Centre, University Road"
TEAMS = "MS Teams"

# Drop-in formats, one a month: two past, then five to come.
DROP_IN_FORMATS = [
    "online",
    "in_person",
    "in_person",
    "online",
    "in_person",
    "online",
    "online",
]
# Workshops as (months after the past one, which Tuesday), as in the seed.
WORKSHOPS = [(0, 2), (2, 2), (3, 3), (4, 3), (5, 2)]
# Graduates' follow-ups roughly monthly, on the seed's weekdays and times.
FOLLOW_UPS = [
    (THURSDAY, "16:00", "17:00"),
    (WEDNESDAY, "16:00", "17:00"),
    (TUESDAY, "13:00", "14:00"),
    (MONDAY, "16:00", "17:00"),
]
COHORT_WEEKS = 6
# Booking for a cohort closes this long before its first session.
BOOKING_LEAD = timedelta(weeks=2)
# The upcoming cohort stays bookable at least this long after the demo is built.
BOOKING_WINDOW = timedelta(weeks=4)
SEASONS = {
    12: "Winter",
    1: "Winter",
    2: "Winter",
    3: "Spring",
    4: "Spring",
    5: "Spring",
    6: "Summer",
    7: "Summer",
    8: "Summer",
    9: "Autumn",
    10: "Autumn",
    11: "Autumn",
}
WELSH_SEASONS = {
    "Winter": "gaeaf",
    "Spring": "gwanwyn",
    "Summer": "haf",
    "Autumn": "hydref",
}

# Private joining details: sent only to people holding a place (never public).
DEMO_MEETING_LINK = "https://teams.example.net/l/meetup-join/demo-cpd-session"
DEMO_PASSCODE = "Demo-2580"
DEMO_DIRECTIONS = (
    "Enter by the main doors; the room is on the first floor, by the lift."
)


def _at(on: date, start: str, end: str) -> tuple[datetime, datetime]:
    return (
        datetime.combine(on, time.fromisoformat(start), tzinfo=LONDON),
        datetime.combine(on, time.fromisoformat(end), tzinfo=LONDON),
    )


def _session(day: date, start: str, end: str, **fields) -> CourseSession:
    begins, ends = _at(day, start, end)
    fields.setdefault("format", "online")
    if fields["format"] == "online":
        fields.setdefault("platform", TEAMS)
        fields.setdefault("joining_link", DEMO_MEETING_LINK)
        fields.setdefault("joining_passcode", DEMO_PASSCODE)
    return CourseSession(start=begins, end=ends, **fields)


def _in_room(day: date, start: str, end: str) -> CourseSession:
    return _session(
        day,
        start,
        end,
        format="in_person",
        room=ROOM,
        building=BUILDING,
        joining_directions=DEMO_DIRECTIONS,
    )


def cohort_title(first: date) -> str:
    """Name a cohort for the season and year it starts in, as "Spring <year> cohort"."""
    return f"{SEASONS[first.month]} {first.year} cohort"


def welsh_cohort_title(first: date) -> str:
    """The same name in Welsh, as "Carfan gwanwyn <year>"."""
    return f"Carfan {WELSH_SEASONS[SEASONS[first.month]]} {first.year}"


def crossing_cohort_start(today: date) -> date:
    """The first Monday of the next cohort that spans a clock change and still takes bookings."""
    change = next_clock_change(today)
    # Two sessions before the change and four after it.
    while change - timedelta(days=13) - BOOKING_LEAD < today + BOOKING_WINDOW:
        change = next_clock_change(change)
    return change - timedelta(days=13)


def _paragraphs(*texts: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def empathy_hour_fields(today: date) -> dict:
    """Free monthly lunchtime drop-ins on third Tuesdays, some online, some in GDC 1.38.

    The two past ones are single dates; the five to come are one series that people
    join one date at a time or all together.
    """
    # Count from the first month whose third Tuesday is still to come.
    upcoming = 0 if nth_weekday(today, TUESDAY, 3) > today else 1
    runs = []
    series = []
    for months, fmt in enumerate(DROP_IN_FORMATS, start=upcoming - 2):
        day = nth_weekday(month_start(today, months), TUESDAY, 3)
        session = (
            _in_room(day, "12:30", "13:30")
            if fmt == "in_person"
            else _session(day, "12:30", "13:30")
        )
        if day > today:
            series.append(session)
        else:
            runs.append(
                CourseRun(
                    title=f"{day:%B %Y} drop-in", bookable=False, sessions=[session]
                )
            )
    first = series[0].start
    runs.append(
        CourseRun(
            title=f"Drop-in series from {first:%B %Y}", bookable=True, sessions=series
        )
    )
    return {
        "title": "Creative Empathy Hour",
        "summary": (
            "A free lunchtime hour of guided writing and conversation about how "
            "stories help us understand each other. Come to one or to all of them."
        ),
        "body": _paragraphs(
            "Each hour opens with a short piece of writing to read together, then "
            "a prompt or two to write from, then a gentle talking circle.",
            "Nobody has to share what they write.",
        ),
        "audience": (
            "<p>Anyone in health or social care, students and educators included, "
            "who is curious about creative writing and empathy.</p>"
        ),
        "preparation": "<p>Nothing to prepare. Bring paper and a pen.</p>",
        "assessment": "<p>There is no assessment; this is CPD, not a qualification.</p>",
        "cpd_hours": Decimal("1"),
        "participation": "join",
        "price_tiers": [CoursePriceTier(label="Free to attend", is_free=True)],
        "runs": runs,
    }


def introductory_offer_ends(today: date) -> date:
    """The writing workshop's introductory rate runs six weeks from the demo's build."""
    return today + timedelta(weeks=6)


def writing_fields(today: date) -> dict:
    """Half-day online workshops on Tuesdays with standard, introductory and block prices."""
    # Count from the month of the latest second Tuesday before today.
    past = 0 if nth_weekday(today, TUESDAY, 2) < today else -1
    days = [
        nth_weekday(month_start(today, past + months), TUESDAY, n)
        for months, n in WORKSHOPS
    ]
    runs = [
        CourseRun(
            title=f"{day:%B %Y} workshop",
            bookable=day > today,
            capacity=20,
            sessions=[_session(day, "09:30", "12:30")],
        )
        for day in days
    ]
    return {
        "title": "Introduction to Creative Writing for Empathy",
        "summary": (
            "A half-day online workshop using writing exercises and discussion to "
            "practise seeing a situation from someone else's side."
        ),
        "body": _paragraphs(
            "We work with ideas such as the beginner's mind, the inner critic, "
            "self-compassion and point of view, and look briefly at the evidence "
            "for writing as a way to build empathy and wellbeing.",
            "You leave with a few simple journaling habits to keep going after "
            "the morning ends.",
        ),
        "audience": (
            "<p>Clinicians, educators, social workers and community practitioners.</p>"
        ),
        "learning_outcomes": (
            "<ul><li>Use short writing prompts to reflect on practice</li>"
            "<li>Notice and quieten the inner critic</li>"
            "<li>Write from another person's point of view</li></ul>"
        ),
        "preparation": "<p>No writing experience needed.</p>",
        "assessment": (
            "<p>No assessment. You receive a certificate of completion.</p>"
        ),
        "cpd_hours": Decimal("3"),
        # Shared reading and discussion count as learning with others; quiet writing not.
        "participatory_hours": Decimal("2"),
        "certificate": True,
        "participation": "book",
        "price_tiers": [
            CoursePriceTier(label="Standard", amount=Decimal("125")),
            CoursePriceTier(
                label="Introductory rate",
                description="A special rate while the workshop is new.",
                amount=Decimal("50"),
                compared_against=Decimal("125"),
                eligibility=Eligibility.INTRODUCTORY,
                available_until=introductory_offer_ends(today),
            ),
            CoursePriceTier(
                label="Block booking",
                amount=Decimal("400"),
                compared_against=Decimal("125"),
                places=10,
                eligibility=Eligibility.TEAM,
            ),
        ],
        "runs": runs,
    }


def cohort(first: date, follow_ups: int) -> list[CourseSession]:
    """Six weekly Monday sessions, then graduates' follow-ups about every four weeks."""
    weekly = [
        _session(first + timedelta(weeks=week), "15:00", "17:00")
        for week in range(COHORT_WEEKS)
    ]
    last = first + timedelta(weeks=COHORT_WEEKS - 1)
    return weekly + [
        _session(
            weekday_on_or_after(last + timedelta(weeks=4 * n), weekday),
            start,
            end,
            graduates_only=True,
        )
        for n, (weekday, start, end) in enumerate(FOLLOW_UPS[:follow_ups], start=1)
    ]


def leadership_fields(today: date) -> dict:
    """Six weekly Monday sessions, then monthly follow-ups for graduates; apply."""
    # Eleven weeks back: its sessions are past and its follow-ups straddle today.
    past_start = weekday_on_or_after(today - timedelta(weeks=11), MONDAY)
    next_start = crossing_cohort_start(today)
    return {
        "title": "Compassionate Leadership Training",
        "summary": (
            "Six weekly two-hour online sessions for leaders in health and social "
            "care, followed by monthly follow-ups for everyone who completes them."
        ),
        "body": _paragraphs(
            "Compassion here means noticing difficulty, our own and other "
            "people's, and acting to ease it, even on days when we feel tired "
            "or disconnected.",
            "Research on compassionate leadership links it with better learning "
            "and innovation and with less stress and absence among staff. The "
            "course mixes practice, reflection and short home exercises.",
        ),
        # One centre publishes a course-specific address (issue 17, point 7).
        "enquiry_email": "leadership@example.org",
        "enquiry_name": "the leadership course team",
        "audience": "<p>Anyone in a leadership role in health or social care.</p>",
        "preparation": (
            "<p>Fill in the application form; the facilitators read every one.</p>"
        ),
        "assessment": (
            "<p>No assessment. Come to at least five of the six weekly sessions "
            "for a certificate of completion.</p>"
        ),
        "cpd_hours": Decimal("12"),
        # Practice in pairs and groups counts as learning with others; solo practice not.
        "participatory_hours": Decimal("9"),
        "certificate": True,
        # Missing one week still completes the course; the follow-ups never count.
        "completion": Completion.AT_LEAST,
        "completion_sessions": 5,
        "participation": "apply",
        "price_tiers": [CoursePriceTier(label="Per person", amount=Decimal("200"))],
        "runs": [
            CourseRun(
                title=cohort_title(past_start),
                bookable=False,
                sessions=cohort(past_start, follow_ups=3),
            ),
            CourseRun(
                title=cohort_title(next_start),
                notes="Follow-ups are for people who complete the six sessions.",
                capacity=16,
                booking_closes=next_start - BOOKING_LEAD,
                sessions=cohort(next_start, follow_ups=4),
            ),
        ],
    }


def bespoke_fields(_today: date) -> dict:
    """Arranged by enquiry, so without dates."""
    return {
        "title": "Bespoke team workshops",
        "summary": (
            "Reflective creative-empathy sessions designed with your team, in person "
            "or online, arranged by enquiry rather than on fixed dates."
        ),
        "body": _paragraphs(
            "We meet the team's lead first to understand the service and its "
            "pressures, agree what the session should achieve, and choose "
            "readings and writing prompts that fit.",
            "A recent example was a half-day for a memory assessment team, built "
            "around a short poem about names and identity.",
        ),
        "audience": "<p>Clinical teams and services of any specialty.</p>",
        "participation": "enquire",
    }


COURSES = [
    ("creative-empathy-hour", empathy_hour_fields),
    ("creative-writing-for-empathy", writing_fields),
    ("compassionate-leadership", leadership_fields),
    ("bespoke-team-workshops", bespoke_fields),
]
