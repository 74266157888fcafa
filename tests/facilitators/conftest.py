"""A published facilitator index with two profiles, their logins and a comms user."""

import pytest
from wagtail.models import Page

from facilitators.models import FacilitatorIndexPage, FacilitatorPage
from tests.factories.facilitators import (
    CommunicationsStaffFactory,
    FacilitatorIndexPageFactory,
    FacilitatorLoginFactory,
    FacilitatorPageFactory,
    PortraitFactory,
)


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def index(home_page) -> FacilitatorIndexPage:
    return publish(FacilitatorIndexPageFactory(parent=home_page))


def linked_profile(index: FacilitatorIndexPage, title: str, user) -> FacilitatorPage:
    profile = FacilitatorPageFactory(
        parent=index, title=title, photo=PortraitFactory(), user=user
    )
    return publish(profile)


@pytest.fixture
def facilitator(db):
    return FacilitatorLoginFactory(username="maren", email="maren@example.org")


@pytest.fixture
def other_facilitator(db):
    return FacilitatorLoginFactory(username="tomos", email="tomos@example.org")


@pytest.fixture
def own_profile(index, facilitator) -> FacilitatorPage:
    return linked_profile(index, "Dr Maren Ellery", facilitator)


@pytest.fixture
def other_profile(index, other_facilitator) -> FacilitatorPage:
    return linked_profile(index, "Tomos ap Rhys", other_facilitator)


@pytest.fixture
def communications(db):
    return CommunicationsStaffFactory(username="comms", email="comms@example.org")


@pytest.fixture
def facilitator_client(client, facilitator, own_profile, other_profile):
    client.force_login(facilitator)
    return client
