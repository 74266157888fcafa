"""The four seed offerings as page fields with their runs, sessions and prices.

The seed offerings keep their weekdays, times and patterns, moved to the months
after November 2026; a few sessions stay in the past so the past state shows.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from courses.models import (
    CoursePriceTier,
    CourseRun,
    CourseSession,
)
from courses.rules import LONDON

ROOM = "GDC 1.38"
BUILDING = "George Davies Centre, University Road"
TEAMS = "MS Teams"


def _at(day: str, start: str, end: str) -> tuple[datetime, datetime]:
    on = date.fromisoformat(day)
    return (
        datetime.combine(on, time.fromisoformat(start), tzinfo=LONDON),
        datetime.combine(on, time.fromisoformat(end), tzinfo=LONDON),
    )


def _session(day: str, start: str, end: str, **fields) -> CourseSession:
    begins, ends = _at(day, start, end)
    fields.setdefault("format", "online")
    if fields["format"] == "online":
        fields.setdefault("platform", TEAMS)
    return CourseSession(start=begins, end=ends, **fields)


def _in_room(day: str, start: str, end: str) -> CourseSession:
    return _session(day, start, end, format="in_person", room=ROOM, building=BUILDING)


def _paragraphs(*texts: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def empathy_hour_fields() -> dict:
    """Free monthly lunchtime drop-ins on Tuesdays, some online, some in GDC 1.38."""
    dates = [
        ("2026-10-20", "online", False),
        ("2026-11-17", "in_person", False),
        ("2026-12-15", "in_person", True),
        ("2027-01-19", "online", True),
        ("2027-02-16", "in_person", True),
        ("2027-03-16", "online", True),
        ("2027-04-20", "online", True),
    ]
    runs = []
    for day, fmt, upcoming in dates:
        label = date.fromisoformat(day).strftime("%B %Y")
        session = (
            _in_room(day, "12:30", "13:30")
            if fmt == "in_person"
            else _session(day, "12:30", "13:30")
        )
        runs.append(
            CourseRun(title=f"{label} drop-in", bookable=upcoming, sessions=[session])
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


def writing_fields() -> dict:
    """Half-day online workshops on Tuesdays with standard, introductory and block prices."""
    days = ["2026-11-10", "2027-01-12", "2027-02-16", "2027-03-16", "2027-04-13"]
    runs = [
        CourseRun(
            title=date.fromisoformat(day).strftime("%B %Y workshop"),
            bookable=day > "2026-11-21",
            capacity=20,
            places_booked=4 if day > "2026-11-21" else 18,
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
        "certificate": True,
        "participation": "book",
        "price_tiers": [
            CoursePriceTier(label="Standard", amount=Decimal("125")),
            CoursePriceTier(
                label="Introductory rate",
                description="A special rate while the workshop is new.",
                amount=Decimal("50"),
                compared_against=Decimal("125"),
            ),
            CoursePriceTier(
                label="Block booking",
                description="For teams booking together.",
                amount=Decimal("400"),
                compared_against=Decimal("125"),
                places=10,
            ),
        ],
        "runs": runs,
    }


def leadership_fields() -> dict:
    """Six weekly Monday sessions, then monthly follow-ups for graduates; apply."""

    def cohort(first: str) -> list[CourseSession]:
        start = date.fromisoformat(first)
        return [
            _session(str(start + timedelta(weeks=week)), "15:00", "17:00")
            for week in range(6)
        ]

    autumn = cohort("2026-09-14") + [
        _session("2026-11-19", "16:00", "17:00", graduates_only=True),
        _session("2026-12-16", "16:00", "17:00", graduates_only=True),
        _session("2027-01-19", "13:00", "14:00", graduates_only=True),
    ]
    # The spring cohort crosses the change to BST on 28 March 2027.
    spring = cohort("2027-03-15") + [
        _session("2027-05-20", "16:00", "17:00", graduates_only=True),
        _session("2027-06-16", "16:00", "17:00", graduates_only=True),
        _session("2027-07-13", "13:00", "14:00", graduates_only=True),
        _session("2027-08-09", "16:00", "17:00", graduates_only=True),
    ]
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
        "audience": "<p>Anyone in a leadership role in health or social care.</p>",
        "preparation": (
            "<p>Fill in the application form; the facilitators read every one.</p>"
        ),
        "cpd_hours": Decimal("12"),
        "participation": "apply",
        "price_tiers": [CoursePriceTier(label="Per person", amount=Decimal("200"))],
        "runs": [
            CourseRun(title="Autumn 2026 cohort", bookable=False, sessions=autumn),
            CourseRun(
                title="Spring 2027 cohort",
                notes="Follow-ups are for people who complete the six sessions.",
                capacity=16,
                places_booked=5,
                booking_closes=date(2027, 3, 1),
                sessions=spring,
            ),
        ],
    }


def bespoke_fields() -> dict:
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
