"""Factories for course pages, runs, sessions, price tiers and testimonials."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from courses.models import (
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


class TestimonialFactory(factory.django.DjangoModelFactory):
    quote = factory.Sequence(lambda n: f"It changed how I listen, quote {n}.")
    attribution = "role"
    role = "Nurse, memory service"
    course = factory.SubFactory(CoursePageFactory)
    consent_given_on = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    consent_terms = "Quote may appear on the website with my job role."

    class Meta:
        model = Testimonial


PAGE_FACTORIES = {
    CourseIndexPage: CourseIndexPageFactory,
    CoursePage: CoursePageFactory,
}
