"""The permission matrix of docs/permissions.md, cell by cell, over HTTP.

Each cell signs in one role and opens one admin area. Where Wagtail refuses, the
cell expects the admin's refusal (or a 403). Two actions are not refused but
withheld: without "publish" the page editor offers no Publish button, and without
the routing permission it shows no routing panel, so those cells look for the
control instead.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail_factories import ImageFactory

from staff.roles import ADMINISTRATORS, COMMUNICATIONS, FACILITATORS, TRANSLATORS
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.courses import TestimonialFactory as QuoteFactory  # not Test*
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)
from tests.factories.forms_app import (
    ApplicationFormPageFactory,
    DeliveryFactory,
    EnquiryFormPageFactory,
    EnquiryRoutingRuleFactory,
    SubmissionFactory,
)
from tests.factories.home import ContentPageFactory, HomePageFactory
from tests.support.admin import assert_refused
from tests.support.roles import client_for, staff_user
from tests.support.translation import TranslationEditor, welsh

pytestmark = pytest.mark.django_db

ROLES = (ADMINISTRATORS, COMMUNICATIONS, FACILITATORS, TRANSLATORS)
ALL = set(ROLES)
STAFF = {ADMINISTRATORS, COMMUNICATIONS}
EDITORS = {ADMINISTRATORS, COMMUNICATIONS, TRANSLATORS}
ONLY_ADMINISTRATORS = {ADMINISTRATORS}


@dataclass
class Place:
    """Everything the cells open: one of each page type and each kind of record."""

    root: Page
    home: Page
    spare_home: Page
    pages: dict[str, Page]
    welsh_home: Page
    testimonial: object
    image: object
    document: object
    submission: object
    delivery: object
    site: Site


def published(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_place() -> Place:
    english, _ = Locale.objects.get_or_create(language_code="en-gb")
    Locale.objects.get_or_create(language_code="cy")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    home = published(HomePageFactory(parent=root, slug="matrix-home"))
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True
    )
    facilitator = staff_user(FACILITATORS)
    # The roles' groups and the other users exist before any page is made.
    for role in (ADMINISTRATORS, COMMUNICATIONS, TRANSLATORS):
        staff_user(role)
    course_index = published(CourseIndexPageFactory(parent=home))
    course = published(CoursePageFactory(parent=course_index))
    facilitator_index = published(FacilitatorIndexPageFactory(parent=home))
    profile = FacilitatorPageFactory(
        parent=facilitator_index, user=facilitator, owner=facilitator
    )
    enquiry = EnquiryFormPageFactory(parent=home, slug="enquiry")
    EnquiryRoutingRuleFactory(page=enquiry, address="routing-marker@example.org")
    submission = SubmissionFactory(page=published(enquiry))
    # Translated as staff do it: through wagtail-localize's submit view.
    client = client_for(staff_user(ADMINISTRATORS, username="translation-setup"))
    TranslationEditor(client, TestCase.captureOnCommitCallbacks).submit(
        home, "cy", include_subtree=False
    )
    collection = Collection.get_first_root_node()
    return Place(
        root=root,
        home=home,
        spare_home=published(HomePageFactory(parent=root, slug="spare-home")),
        pages={
            "home": home,
            "content": published(ContentPageFactory(parent=home)),
            "course index": course_index,
            "course": course,
            "facilitator index": facilitator_index,
            "facilitator profile": published(profile),
            "enquiry form": enquiry,
            "application form": published(ApplicationFormPageFactory(parent=course)),
        },
        welsh_home=welsh(home),
        testimonial=QuoteFactory(course=course),
        image=ImageFactory(collection=collection),
        document=get_document_model().objects.create(
            title="Leaflet", file="leaflet.pdf", collection=collection
        ),
        submission=submission,
        delivery=DeliveryFactory(submission=submission, status="failed"),
        site=site,
    )


@pytest.fixture(scope="module")
def place(django_db_setup, django_db_blocker) -> Iterator[Place]:
    """Built once for all cells; each cell's own changes roll back with its test."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_place()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def refused(response: HttpResponse) -> None:
    if response.status_code != 403:
        assert_refused(response)


def allowed(response: HttpResponse) -> None:
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        # A redirect to the dashboard or the login page is a refusal, not success.
        assert response["Location"] != reverse("wagtailadmin_home")
        assert not response["Location"].startswith(reverse("wagtailadmin_login"))


@dataclass(frozen=True)
class Area:
    """How a role meets one admin area, and which roles may use it."""

    open: Callable[[Client, Place], HttpResponse]
    roles: set[str]
    # When set, the area is a control on a page that may still open: this is its mark.
    control: str = ""


# Where each page type may be added: singletons go under a home page that has none.
ADD_UNDER = {
    "home": ("home", "homepage", lambda p: p.root),
    "content": ("home", "contentpage", lambda p: p.home),
    "course index": ("courses", "courseindexpage", lambda p: p.spare_home),
    "course": ("courses", "coursepage", lambda p: p.pages["course index"]),
    "facilitator index": (
        "facilitators",
        "facilitatorindexpage",
        lambda p: p.spare_home,
    ),
    "facilitator profile": (
        "facilitators",
        "facilitatorpage",
        lambda p: p.pages["facilitator index"],
    ),
    "enquiry form": ("forms_app", "enquiryformpage", lambda p: p.home),
    "application form": (
        "forms_app",
        "applicationformpage",
        lambda p: p.pages["course"],
    ),
}


def page_areas() -> dict[str, Area]:
    areas = {}
    for name, (app, model, parent) in ADD_UNDER.items():
        editors = EDITORS | ({FACILITATORS} if name == "facilitator profile" else set())

        def add(c, p, app=app, model=model, parent=parent):
            return c.get(
                reverse("wagtailadmin_pages:add", args=[app, model, parent(p).pk])
            )

        def edit(c, p, name=name):
            return c.get(reverse("wagtailadmin_pages:edit", args=[p.pages[name].pk]))

        areas[f"{name}: add"] = Area(add, STAFF)
        areas[f"{name}: edit"] = Area(edit, editors)
        areas[f"{name}: publish"] = Area(edit, STAFF, control='name="action-publish"')
    return areas


def submissions_url(p: Place) -> str:
    return reverse("wagtailforms:list_submissions", args=[p.pages["enquiry form"].pk])


AREAS: dict[str, Area] = {
    **page_areas(),
    "testimonials: list": Area(
        lambda c, p: c.get(reverse("wagtailsnippets_courses_testimonial:list")), STAFF
    ),
    "testimonials: add": Area(
        lambda c, p: c.get(reverse("wagtailsnippets_courses_testimonial:add")), STAFF
    ),
    "testimonials: edit": Area(
        lambda c, p: c.get(
            reverse("wagtailsnippets_courses_testimonial:edit", args=[p.testimonial.pk])
        ),
        STAFF,
    ),
    "images: list": Area(lambda c, p: c.get(reverse("wagtailimages:index")), STAFF),
    "images: edit": Area(
        lambda c, p: c.get(reverse("wagtailimages:edit", args=[p.image.pk])), STAFF
    ),
    "documents: list": Area(lambda c, p: c.get(reverse("wagtaildocs:index")), STAFF),
    "documents: edit": Area(
        lambda c, p: c.get(reverse("wagtaildocs:edit", args=[p.document.pk])), STAFF
    ),
    "submissions: list": Area(lambda c, p: c.get(submissions_url(p)), STAFF),
    "submissions: detail": Area(
        lambda c, p: c.get(
            reverse("forms_app_admin:submission", args=[p.submission.pk])
        ),
        STAFF,
    ),
    "submissions: CSV export": Area(
        lambda c, p: c.get(submissions_url(p), {"export": "csv"}), STAFF
    ),
    "submissions: delete selected": Area(
        lambda c, p: c.post(
            reverse(
                "wagtailforms:delete_submissions", args=[p.pages["enquiry form"].pk]
            )
            + f"?selected-submissions={p.submission.pk}"
        ),
        STAFF,
    ),
    "delivery: resend": Area(
        lambda c, p: c.post(
            reverse("forms_app_admin:resend", args=[p.submission.pk, p.delivery.pk])
        ),
        STAFF,
    ),
    # Facilitators open it too: it lists only the runs of courses they lead.
    "places: runs": Area(
        lambda c, p: c.get(reverse("places_admin:runs")),
        STAFF | {FACILITATORS},
    ),
    # Facilitators keep the registers of the courses they lead (certificates.reach).
    "registers: runs": Area(
        lambda c, p: c.get(reverse("registers_admin:runs")),
        STAFF | {FACILITATORS},
    ),
    "routing addresses": Area(
        lambda c, p: c.get(
            reverse("wagtailadmin_pages:edit", args=[p.pages["enquiry form"].pk])
        ),
        STAFF,
        control="routing-marker@example.org",
    ),
    "person: search": Area(
        lambda c, p: c.get(
            reverse("forms_app_admin:person"), {"email": "nobody@example.org"}
        ),
        ONLY_ADMINISTRATORS,
    ),
    "person: erase": Area(
        lambda c, p: c.post(
            reverse("forms_app_admin:erase_person"), {"email": "nobody@example.org"}
        ),
        ONLY_ADMINISTRATORS,
    ),
    "access records": Area(
        lambda c, p: c.get(reverse("access_records:index")), ONLY_ADMINISTRATORS
    ),
    "bookings and invoices: list": Area(
        lambda c, p: c.get(reverse("bookings:index")), STAFF
    ),
    "bookings and invoices: CSV export": Area(
        lambda c, p: c.get(reverse("places_bookings_export")), STAFF
    ),
    "locked-out sign-ins": Area(
        lambda c, p: c.get(reverse("accounts_lockouts")), ONLY_ADMINISTRATORS
    ),
    "site settings": Area(
        lambda c, p: c.get(
            reverse("wagtailsettings:edit", args=["home", "sitesettings", p.site.pk])
        ),
        STAFF,
    ),
    "users": Area(
        lambda c, p: c.get(reverse("wagtailusers_users:index")), ONLY_ADMINISTRATORS
    ),
    "groups": Area(
        lambda c, p: c.get(reverse("wagtailusers_groups:index")), ONLY_ADMINISTRATORS
    ),
    "localize: submit translation": Area(
        lambda c, p: c.get(
            reverse(
                "wagtail_localize:submit_page_translation", args=[p.pages["content"].pk]
            )
        ),
        EDITORS,
    ),
    "localize: translate": Area(
        lambda c, p: c.get(reverse("wagtailadmin_pages:edit", args=[p.welsh_home.pk])),
        EDITORS,
        control="js-translation-editor",
    ),
    "localize: publish translation": Area(
        lambda c, p: c.post(
            reverse("wagtailadmin_pages:edit", args=[p.welsh_home.pk]),
            {"action": "publish"},
        ),
        STAFF,
    ),
}


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(place: Place, role: str, area: str) -> None:
    user = Group.objects.get(name=role).user_set.get(username=f"staff-{role.lower()}")
    cell = AREAS[area]
    response = cell.open(client_for(user), place)
    if role in cell.roles:
        allowed(response)
        if cell.control:
            assert cell.control in response.content.decode()
    elif cell.control and response.status_code == 200:
        assert cell.control not in response.content.decode()
    else:
        refused(response)


def test_every_role_is_a_group_with_admin_access(place: Place) -> None:
    for role in ROLES:
        assert (
            Group.objects.get(name=role)
            .permissions.filter(codename="access_admin")
            .exists()
        )
    assert Locale.objects.filter(language_code="cy").exists()
