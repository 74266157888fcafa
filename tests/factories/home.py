"""Factories for the home app's page types."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from home.models import AccessibilityStatementPage, ContentPage, CookiesPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Compassionate practice"
    intro = "Short courses for health and care staff."

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Content page {n}")
    intro = "A page of text."

    class Meta:
        model = ContentPage


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    title = "Accessibility statement"
    slug = "accessibility"
    scope = "This accessibility statement applies to www.example.org."
    using_the_site = "<p>You should be able to zoom in up to 400%.</p>"
    alternative_formats = "<p>Email us for large print or easy read.</p>"
    contact_email = "access@example.org"
    test_method = "<p>We test every page type with axe-core.</p>"
    prepared_on = factory.LazyFunction(
        lambda: timezone.localdate() - timedelta(days=30)
    )
    tested_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))

    class Meta:
        model = AccessibilityStatementPage


class CookiesPageFactory(wagtail_factories.PageFactory):
    title = "Cookies"
    slug = "cookies"
    intro = "The cookies this website sets."

    class Meta:
        model = CookiesPage


PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    ContentPage: ContentPageFactory,
    AccessibilityStatementPage: AccessibilityStatementPageFactory,
    CookiesPage: CookiesPageFactory,
}
