"""Course pages, their runs, sessions, prices and facilitators, and testimonials."""

from courses.models.consent import (
    Attribution,
    ConsentIsFixed,
    ConsentRecord,
    ConsentSource,
)
from courses.models.pages import CourseIndexPage, CoursePage, Participation
from courses.models.pricing import (
    CourseFacilitator,
    CoursePriceTier,
    CoursePriceTierQuerySet,
    Eligibility,
)
from courses.models.runs import (
    CourseRun,
    CourseSession,
    SessionFormat,
    SessionStatus,
)
from courses.models.testimonials import (
    ConsentNotCurrent,
    Testimonial,
    TestimonialQuerySet,
)

__all__ = [
    "Attribution",
    "ConsentIsFixed",
    "ConsentNotCurrent",
    "ConsentRecord",
    "ConsentSource",
    "CourseFacilitator",
    "CourseIndexPage",
    "CoursePage",
    "CoursePriceTier",
    "CoursePriceTierQuerySet",
    "CourseRun",
    "CourseSession",
    "Eligibility",
    "Participation",
    "SessionFormat",
    "SessionStatus",
    "Testimonial",
    "TestimonialQuerySet",
]
