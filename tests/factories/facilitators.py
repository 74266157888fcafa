"""Factories for facilitator pages, their photos and the logins that edit them."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from facilitators.models import FacilitatorIndexPage, FacilitatorPage
from facilitators.permissions import ensure_groups


class FacilitatorIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our facilitators"
    slug = "facilitators"
    intro = "The people who lead our courses."

    class Meta:
        model = FacilitatorIndexPage


class PortraitFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Portrait {n}")
    file = factory.django.ImageField(width=600, height=750, color="teal")
    focal_point_x = 300
    focal_point_y = 250
    focal_point_width = 200
    focal_point_height = 200


class FacilitatorPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Dr Demo Person {n}")
    role = "Clinical psychologist"
    bio = "<p>Runs reflective practice groups for ward teams.</p>"

    class Meta:
        model = FacilitatorPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Demo"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("a-long-test-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class FacilitatorLoginFactory(UserFactory):
    @factory.post_generation
    def group(self, create: bool, extracted, **kwargs) -> None:
        if create:
            self.groups.add(ensure_groups()[0])


class CommunicationsStaffFactory(UserFactory):
    @factory.post_generation
    def group(self, create: bool, extracted, **kwargs) -> None:
        if create:
            self.groups.add(ensure_groups()[1])


PAGE_FACTORIES = {
    FacilitatorIndexPage: FacilitatorIndexPageFactory,
    FacilitatorPage: FacilitatorPageFactory,
}
