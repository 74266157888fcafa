"""Factories for course pages, runs, sessions, price tiers and testimonials."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from courses.models import (
    ConsentRecord,
    CourseIndexPage,
    CoursePage,
    CoursePriceTier,
    CourseRun,
    CourseSession,
    Testimonial,
)
from courses.rules import LONDON


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Courses"
    slug = "courses"
    intro = "Short CPD courses for health and care staff."

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "A practical workshop on listening well."
    cpd_hours = Decimal("3")

    class Meta:
        model = CoursePage


class CourseRunFactory(factory.django.DjangoModelFactory):
    course = factory.SubFactory(CoursePageFactory)
    title = factory.Sequence(lambda n: f"Run {n}")

    class Meta:
        model = CourseRun


def london(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """An aware datetime for a London wall-clock time."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


class CourseSessionFactory(factory.django.DjangoModelFactory):
    run = factory.SubFactory(CourseRunFactory)
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=3))
    format = "online"
    platform = "MS Teams"

    class Meta:
        model = CourseSession


class CoursePriceTierFactory(factory.django.DjangoModelFactory):
    course = factory.SubFactory(CoursePageFactory)
    label = "Standard"
    amount = Decimal("125")

    class Meta:
        model = CoursePriceTier


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    given_on = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    wording = "Quote may appear on the website with my job role."
    attribution = "role"
    source = "staff"

    class Meta:
        model = ConsentRecord


class TestimonialFactory(factory.django.DjangoModelFactory):
    """A live testimonial with consent matching its attribution (consent__… to vary)."""

    quote = factory.Sequence(lambda n: f"It changed how I listen, quote {n}.")
    attribution = "role"
    name = ""
    role = "Nurse, memory service"
    course = factory.SubFactory(CoursePageFactory)
    consent = factory.SubFactory(
        ConsentRecordFactory,
        attribution=factory.SelfAttribute("..attribution"),
        shown_name=factory.SelfAttribute("..name"),
        shown_role=factory.SelfAttribute("..role"),
    )

    class Meta:
        model = Testimonial


PAGE_FACTORIES = {
    CourseIndexPage: CourseIndexPageFactory,
    CoursePage: CoursePageFactory,
}
