"""Factories for the home app's page types."""

import factory
import wagtail_factories

from home.models import ContentPage, HomePage


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


PAGE_FACTORIES = {HomePage: HomePageFactory, ContentPage: ContentPageFactory}
