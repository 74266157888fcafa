"""Factories for facilitator pages."""

import factory
import wagtail_factories

from facilitators.models import FacilitatorIndexPage, FacilitatorPage


class FacilitatorIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our facilitators"
    slug = "facilitators"

    class Meta:
        model = FacilitatorIndexPage


class FacilitatorPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Facilitator {n}")
    role = "Clinical psychologist"
    bio = "<p>Runs reflective practice groups.</p>"

    class Meta:
        model = FacilitatorPage


PAGE_FACTORIES = {
    FacilitatorIndexPage: FacilitatorIndexPageFactory,
    FacilitatorPage: FacilitatorPageFactory,
}
