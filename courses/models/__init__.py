"""Course pages, their runs, sessions, prices and facilitators, and testimonials."""

from courses.models.pages import CourseIndexPage, CoursePage, Participation
from courses.models.pricing import CourseFacilitator, CoursePriceTier
from courses.models.runs import (
    CourseRun,
    CourseSession,
    SessionFormat,
    SessionStatus,
)
from courses.models.testimonials import Attribution, Testimonial, TestimonialQuerySet

__all__ = [
    "Attribution",
    "CourseFacilitator",
    "CourseIndexPage",
    "CoursePage",
    "CoursePriceTier",
    "CourseRun",
    "CourseSession",
    "Participation",
    "SessionFormat",
    "SessionStatus",
    "Testimonial",
    "TestimonialQuerySet",
]
