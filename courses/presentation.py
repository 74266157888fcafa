"""What a course page shows: runs with upcoming and past sessions, prices, people."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from wagtail.images import get_image_model

from courses.models.pricing import CourseFacilitator
from courses.models.runs import CourseRun
from courses.models.testimonials import Testimonial
from courses.structured_data import course_json_ld_script

FACILITATOR_PHOTO = "fill-160x160"


@dataclass
class RunView:
    """A run as the course page presents it."""

    run: CourseRun
    upcoming: list = field(default_factory=list)
    past: list = field(default_factory=list)
    open_for_booking: bool = False
    form_url: str = ""


def course_prefetches() -> list:
    """Lookups that load a course's children in a fixed number of queries."""
    return [
        Prefetch("runs", queryset=CourseRun.objects.prefetch_related("sessions")),
        "price_tiers",
        Prefetch(
            "course_facilitators",
            queryset=CourseFacilitator.objects.select_related(
                "facilitator"
            ).prefetch_related(
                Prefetch(
                    "facilitator__photo",
                    queryset=get_image_model().objects.prefetch_renditions(
                        FACILITATOR_PHOTO
                    ),
                )
            ),
        ),
    ]


def split_runs(course, now: datetime) -> list[RunView]:
    """Each run with its sessions split into upcoming and past, in time order."""
    views = []
    for run in course.runs.all():
        sessions = sorted(run.sessions.all(), key=lambda s: s.start)
        view = RunView(
            run=run,
            upcoming=[s for s in sessions if not s.has_ended(now)],
            past=[s for s in sessions if s.has_ended(now)],
            open_for_booking=run.is_open_for_booking(now),
        )
        if view.open_for_booking and run.pk:
            view.form_url = course.form_url_for(run)
        views.append(view)
    return views


def current_testimonials(course) -> list[Testimonial]:
    """The course's testimonials in its language whose consent stands today."""
    return list(
        Testimonial.objects.with_current_consent()
        .filter(course__translation_key=course.translation_key, locale=course.locale_id)
        .order_by("-consent_given_on", "pk")
    )


def course_context(course, request: HttpRequest) -> dict:
    if not getattr(request, "is_preview", False) and course.pk:
        prefetch_related_objects([course], *course_prefetches())
    now = timezone.now()
    today = timezone.localdate(now)
    runs = split_runs(course, now)
    upcoming_runs = [view for view in runs if view.upcoming]
    past_sessions = sorted(
        (s for view in runs for s in view.past), key=lambda s: s.start, reverse=True
    )
    # Filtered in Python: a preview's tiers are unsaved and cannot be queried.
    price_tiers = [t for t in course.price_tiers.all() if t.is_current(today)]
    return {
        "runs": upcoming_runs,
        "past_sessions": past_sessions,
        "price_tiers": price_tiers,
        "facilitators": [link.facilitator for link in course.course_facilitators.all()],
        "testimonials": current_testimonials(course),
        "general_form_url": course.form_url_for(),
        "json_ld": course_json_ld_script(course, upcoming_runs, price_tiers, request),
    }
