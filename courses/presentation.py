"""What a course page shows: runs with upcoming and past sessions, prices, people."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from django.db.models import (
    Prefetch,
    prefetch_related_objects,
)
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, Site

from courses.models.pricing import CourseFacilitator
from courses.models.runs import CourseRun, CourseSession
from courses.models.testimonials import Testimonial
from courses.participation import Participation
from courses.structured_data import course_json_ld_script
from facilitators.models import FacilitatorPage
from home.chrome import chrome_for
from home.models import SiteSettings
from home.renditions import rendition_prefetch


@dataclass
class RunView:
    """A run as the course page presents it."""

    run: CourseRun
    upcoming: list = field(default_factory=list)
    past: list = field(default_factory=list)
    open_for_booking: bool = False
    form_url: str = ""
    # A full run's form address: its form offers the waiting list instead.
    waiting_list_url: str = ""
    # Places left on the run as a whole; None when unlimited or counted per date.
    places_left: int | None = None
    # For a drop-in run with a capacity: places left on each date to come, by session.
    date_places: list[tuple[CourseSession, int]] = field(default_factory=list)
    # The run's dates as one calendar file; each upcoming session carries its own
    # as `calendar_url`. Empty for an unsaved run (a preview).
    calendar_url: str = ""


def course_prefetches() -> list:
    """Lookups that load a course's children in a fixed number of queries."""
    return [
        Prefetch(
            "runs",
            queryset=CourseRun.objects.with_places_taken().prefetch_related("sessions"),
        ),
        "price_tiers",
    ]


def course_facilitators(course) -> list[FacilitatorPage]:
    """The course's facilitators in order, each as their live profile in the
    course's language, else the profile linked, with their photos' renditions:
    two queries, and one more when some are linked in another language."""
    links = CourseFacilitator.objects.filter(course=course).select_related(
        "facilitator__photo"
    )
    return with_card_photos(
        facilitators_in_locale([link.facilitator for link in links], course.locale_id)
    )


def facilitators_in_locale(
    people: list[FacilitatorPage], locale_id: int
) -> list[FacilitatorPage]:
    """Each person's live profile in the given locale, else the profile linked:
    no query when all are in that locale already, else one."""
    keys = [
        person.translation_key for person in people if person.locale_id != locale_id
    ]
    if not keys:
        return people
    translated = {
        profile.translation_key: profile
        for profile in FacilitatorPage.objects.live()
        .filter(translation_key__in=keys, locale_id=locale_id)
        .select_related("photo")
    }
    return [translated.get(person.translation_key, person) for person in people]


def with_card_photos(people: list[FacilitatorPage]) -> list[FacilitatorPage]:
    """The people, their photos' card renditions loaded in one query."""
    photos = [person.photo for person in people if person.photo is not None]
    prefetch_related_objects(photos, rendition_prefetch("facilitator_card"))
    return people


def split_runs(
    course, now: datetime, localized_form: Page | None = None, page_url: str = ""
) -> list[RunView]:
    """Each run with its sessions split into upcoming and past, in time order.

    `page_url` is the course's own address, from which the calendar links are
    built (once per page, not once per date).
    """
    views = []
    base = page_url if page_url.endswith("/") else page_url + "/"
    for run in course.runs.all():
        sessions = sorted(run.sessions.all(), key=lambda s: s.start)
        view = RunView(
            run=run,
            upcoming=[s for s in sessions if not s.has_ended(now)],
            past=[s for s in sessions if s.has_ended(now)],
            open_for_booking=run.is_open_for_booking(now),
        )
        if page_url:
            for session in view.upcoming:
                session.calendar_url = base + course.reverse_subpage(
                    "session_ics", args=(session.uid,)
                )
            if run.pk:
                view.calendar_url = base + course.reverse_subpage(
                    "run_ics", args=(run.pk,)
                )
        if view.open_for_booking and run.pk:
            view.form_url = course.form_url_for(run, localized_form)
        elif (
            run.pk
            and course.participation != Participation.JOIN
            and run.has_waiting_list(now)
        ):
            # Drop-ins keep no waiting list: a full date is simply not offered.
            view.waiting_list_url = course.form_url_for(run, localized_form)
        if course.participation == Participation.JOIN and run.capacity is not None:
            view.date_places = [
                (s, run.date_places_left(s)) for s in view.upcoming if s.is_core
            ]
        else:
            view.places_left = run.places_left
        views.append(view)
    return views


@dataclass
class Glance:
    """The facts a course page opens with: the next date a newcomer can book, and how."""

    run: CourseRun | None = None
    next_session: CourseSession | None = None
    formats: list[str] = field(default_factory=list)
    lowest_price: Decimal | None = None
    price_varies: bool = False
    action_url: str = ""
    # On the run, or for a drop-in on the next date; None when not limited.
    places_left: int | None = None

    @property
    def is_free(self) -> bool:
        return self.lowest_price == 0


def lowest_price(tiers: list, today: date) -> Decimal | None:
    """The lowest price anyone can book alone, or None when no tier allows it."""
    prices = [tier.price for tier in tiers if tier.is_bookable_alone(today)]
    return min(prices) if prices else None


def at_a_glance(runs: list[RunView], tiers: list, now: datetime) -> Glance:
    """The soonest open run's first bookable session, its formats and the price."""
    price = lowest_price(tiers, timezone.localdate(now))
    glance = Glance(
        lowest_price=price, price_varies=any(tier.price != price for tier in tiers)
    )
    bookable = [
        (session, view)
        for view in runs
        if view.open_for_booking
        for session in view.upcoming
        if session.is_upcoming(now)
    ]
    if not bookable:
        return glance
    session, view = min(bookable, key=lambda pair: pair[0].start)
    # Each format once, in date order: "Online, In person".
    formats = dict.fromkeys(
        str(s.get_format_display()) for s in view.upcoming if s.is_upcoming(now)
    )
    places_left = dict(view.date_places).get(session, view.places_left)
    return replace(
        glance,
        run=view.run,
        next_session=session,
        formats=list(formats),
        action_url=view.form_url,
        places_left=places_left,
    )


def current_testimonials(course) -> list[Testimonial]:
    """The course's testimonials in its language whose consent stands today."""
    return list(
        Testimonial.objects.with_current_consent()
        .filter(course__translation_key=course.translation_key, locale=course.locale_id)
        .order_by("-consent__given_on", "pk")
    )


@dataclass(frozen=True)
class EnquiryContact:
    """Where questions about a course go: its own contact, else the site's address."""

    email: str
    name: str = ""


def enquiry_contact(course, site_settings: SiteSettings) -> EnquiryContact | None:
    if course.enquiry_email:
        return EnquiryContact(course.enquiry_email, course.enquiry_name)
    if site_settings.contact_email:
        return EnquiryContact(site_settings.contact_email)
    return None


def course_context(course, request: HttpRequest) -> dict:
    saved = not getattr(request, "is_preview", False) and course.pk
    if saved:
        prefetch_related_objects([course], *course_prefetches())
        facilitators = course_facilitators(course)
    else:
        # A preview's links are unsaved and cannot be queried.
        facilitators = with_card_photos(
            facilitators_in_locale(
                [link.facilitator for link in course.course_facilitators.all()],
                course.locale_id,
            )
        )
    now = timezone.now()
    today = timezone.localdate(now)
    # One lookup of the form in the visitor's language for every run's link.
    form = course.form_page
    localized_form = (
        chrome_for(request, course).in_language(form)
        if form is not None and form.live
        else None
    )
    page_url = course.relative_url(Site.find_for_request(request), request) or ""
    runs = split_runs(course, now, localized_form, page_url)
    upcoming_runs = [view for view in runs if view.upcoming]
    past_sessions = sorted(
        (s for view in runs for s in view.past), key=lambda s: s.start, reverse=True
    )
    # Filtered in Python: a preview's tiers are unsaved and cannot be queried.
    price_tiers = [t for t in course.price_tiers.all() if t.is_current(today)]
    return {
        "runs": upcoming_runs,
        "past_sessions": past_sessions,
        "glance": at_a_glance(upcoming_runs, price_tiers, now),
        "price_tiers": price_tiers,
        "facilitators": facilitators,
        "testimonials": current_testimonials(course),
        "general_form_url": course.form_url_for(localized_form=localized_form),
        "interest_url": course.form_url_for(localized_form=localized_form)
        or SiteSettings.for_request(request).interest_url(),
        "enquiry_contact": enquiry_contact(course, SiteSettings.for_request(request)),
        "json_ld": course_json_ld_script(course, upcoming_runs, price_tiers, request),
    }
