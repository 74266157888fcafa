"""Who may book a price tier, and how lists, pages and structured data say so."""

import importlib
import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import strip_tags
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.models import CoursePage, CoursePriceTier, Eligibility
from home.demo.translation import translate
from tests.courses.test_admin import post_course
from tests.factories.courses import CoursePageFactory, CoursePriceTierFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's text without tags and with whitespace collapsed, as read aloud."""
    html = response.content.decode().replace("&#x27;", "'")
    return " ".join(strip_tags(html).split())


def day(value) -> str:
    return formats.date_format(value, "j F Y")


@pytest.fixture
def workshop(course_index):
    """The writing workshop's three tiers; the introductory offer's end is set later."""
    page = CoursePageFactory(
        parent=course_index, title="Creative Writing", summary="A workshop."
    )
    CoursePriceTierFactory(course=page, label="Standard", amount=Decimal("125"))
    intro = CoursePriceTierFactory(
        course=page,
        label="Introductory rate",
        amount=Decimal("50"),
        compared_against=Decimal("125"),
        eligibility=Eligibility.INTRODUCTORY,
        available_until=timezone.localdate() + timedelta(weeks=3),
    )
    CoursePriceTierFactory(
        course=page,
        label="Block booking",
        amount=Decimal("400"),
        compared_against=Decimal("125"),
        places=10,
        eligibility=Eligibility.TEAM,
    )
    page.intro_tier = intro
    return page


def end_introductory_offer(workshop) -> None:
    workshop.intro_tier.available_until = timezone.localdate() - timedelta(days=1)
    workshop.intro_tier.save()


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_list_shows_the_standard_price_once_the_introductory_offer_ends(
    client, course_index, workshop
):
    end_introductory_offer(workshop)
    html = text(client.get(course_index.url))
    assert "From £125" in html
    assert "From £40" not in html and "From £50" not in html


def test_list_shows_an_open_introductory_offer_with_its_end_date(
    client, course_index, workshop
):
    until = day(workshop.intro_tier.available_until)
    html = text(client.get(course_index.url))
    assert f"From £50 (introductory offer until {until})" in html
    assert "From £40" not in html


def test_list_never_shows_a_team_price_as_from(client, course_index):
    """Issue 12: "From £60" was a team-discount price; a place was £150."""
    page = CoursePageFactory(parent=course_index, title="Team course", summary="S.")
    CoursePriceTierFactory(course=page, label="Standard", amount=Decimal("150"))
    CoursePriceTierFactory(
        course=page,
        label="Team discount",
        amount=Decimal("60"),
        compared_against=Decimal("150"),
        eligibility=Eligibility.CONDITION,
        condition="a place each when five or more from one team book together",
    )
    html = text(client.get(course_index.url))
    assert "From £150" in html
    assert "From £60" not in html


def test_a_price_free_only_on_a_condition_is_not_listed_as_free(client, course_index):
    page = CoursePageFactory(parent=course_index, title="Paid course", summary="S.")
    CoursePriceTierFactory(course=page, label="Standard", amount=Decimal("200"))
    CoursePriceTierFactory(
        course=page,
        label="Students",
        is_free=True,
        amount=None,
        eligibility=Eligibility.CONDITION,
        condition="for students on placement with us",
    )
    assert "Paid course" not in text(client.get(course_index.url + "?price=free"))
    paid = text(client.get(course_index.url + "?price=paid"))
    assert "Paid course" in paid and "From £200" in paid


def test_course_page_gives_each_condition(client, workshop):
    until = day(workshop.intro_tier.available_until)
    html = text(client.get(workshop.url))
    assert (
        "Block booking: £400 for 10 places (£40 each) "
        "(68% less than the standard £125 per place) — for teams booking together"
    ) in html
    assert "Introductory rate: £50" in html
    assert f"— introductory offer until {until}" in html


def test_an_ended_introductory_offer_disappears(client, workshop):
    end_introductory_offer(workshop)
    response = client.get(workshop.url)
    html = text(response)
    assert "Introductory rate" not in html
    assert "Standard: £125" in html
    offers = json_ld(response.content.decode())["offers"]
    assert [offer["name"] for offer in offers] == ["Standard", "Block booking"]


def test_structured_data_offers_carry_their_conditions(client, workshop):
    offers = {
        offer["name"]: offer
        for offer in json_ld(client.get(workshop.url).content.decode())["offers"]
    }
    assert "eligibleQuantity" not in offers["Standard"]
    assert "validThrough" not in offers["Standard"]
    block = offers["Block booking"]
    assert block["price"] == "400.00"
    assert block["eligibleQuantity"] == {
        "@type": "QuantitativeValue",
        "value": 10,
    }
    assert block["description"] == "for teams booking together"
    intro = offers["Introductory rate"]
    assert intro["validThrough"] == workshop.intro_tier.available_until.isoformat()
    assert intro["description"].startswith("introductory offer until ")


def test_bookable_alone_rule_agrees_with_its_queryset(workshop):
    today = timezone.localdate()
    extra = [
        CoursePriceTierFactory(
            course=workshop,
            label="Ended",
            amount=Decimal("30"),
            eligibility=Eligibility.INTRODUCTORY,
            available_until=today - timedelta(days=1),
        ),
        CoursePriceTierFactory(
            course=workshop,
            label="Last day",
            amount=Decimal("35"),
            eligibility=Eligibility.INTRODUCTORY,
            available_until=today,
        ),
        CoursePriceTierFactory(
            course=workshop,
            label="NHS staff",
            amount=Decimal("90"),
            eligibility=Eligibility.CONDITION,
            condition="for NHS staff",
        ),
    ]
    tiers = CoursePriceTier.objects.filter(course=workshop)
    assert len(extra) == 3
    for method, rule in (
        ("bookable_alone", "is_bookable_alone"),
        ("current", "is_current"),
    ):
        in_python = {t.label for t in tiers if getattr(t, rule)(today)}
        in_sql = set(getattr(tiers, method)(today).values_list("label", flat=True))
        assert in_python == in_sql, method
    assert {t.label for t in tiers.bookable_alone(today)} == {
        "Standard",
        "Introductory rate",
        "Last day",
    }
    assert "Ended" not in {t.label for t in tiers.current(today)}


def edit_with_tiers(course: CoursePage, tiers: list[dict]) -> dict:
    return nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "body": streamfield([]),
            "cpd_hours": "",
            # Needs no form page, so publishing checks only what these tests are about.
            "participation": "join",
            "completion": "all",
            "price_tiers": inline_formset(tiers),
            "course_facilitators": inline_formset([]),
            "runs": inline_formset([]),
            "action-publish": "1",
        }
    )


def tier(**fields) -> dict:
    return {"label": "Tier", "amount": "400", "places": "1", **fields}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"label": "Block booking", "eligibility": "team"},
            "A team booking needs at least 2 places.",
        ),
        (
            {"label": "Introductory rate", "eligibility": "introductory"},
            "Give the last day of the introductory offer.",
        ),
        (
            {"label": "NHS rate", "eligibility": "condition"},
            "Describe who may book this price.",
        ),
    ],
    ids=["team-without-places", "introductory-without-end", "condition-without-text"],
)
def test_admin_edit_refuses_a_conditional_tier_without_its_details(
    admin_client, course_index, fields, message
):
    post_course(admin_client, course_index, cpd_hours="")
    course = CoursePage.objects.get(slug="compassionate-leadership")
    url = reverse("wagtailadmin_pages:edit", args=(course.pk,))
    response = admin_client.post(url, edit_with_tiers(course, [tier(**fields)]))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not course.price_tiers.exists()


def test_admin_edit_saves_a_team_tier(admin_client, course_index):
    post_course(admin_client, course_index, cpd_hours="")
    course = CoursePage.objects.get(slug="compassionate-leadership")
    url = reverse("wagtailadmin_pages:edit", args=(course.pk,))
    until = timezone.localdate() + timedelta(weeks=4)
    response = admin_client.post(
        url,
        edit_with_tiers(
            course,
            [
                tier(label="Block booking", eligibility="team", places="10"),
                tier(
                    label="Introductory rate",
                    amount="50",
                    eligibility="introductory",
                    available_until=until.isoformat(),
                ),
            ],
        ),
    )
    assert response.status_code == 302
    saved = {t.label: t for t in CoursePage.objects.get(pk=course.pk).price_tiers.all()}
    assert saved["Block booking"].eligibility == Eligibility.TEAM
    assert saved["Introductory rate"].available_until == until


def test_welsh_tiers_keep_who_may_book_and_translate_the_condition(
    client, workshop, course_index, home_page, django_capture_on_commit_callbacks
):
    CoursePriceTierFactory(
        course=workshop,
        label="NHS Wales",
        amount=Decimal("90"),
        eligibility=Eligibility.CONDITION,
        condition="for NHS Wales staff",
    )
    for page, title in (
        (home_page, "Hafan prawf"),
        (course_index, "Cyrsiau"),
        (workshop, "Ysgrifennu Creadigol"),
    ):
        # One block per page: each publish must commit before its children are added.
        with django_capture_on_commit_callbacks(execute=True):
            translate(
                page, "cy", {page.title: title, "for NHS Wales staff": "i staff GIG"}
            )
    welsh = CoursePage.objects.get(
        translation_key=workshop.translation_key, locale__language_code="cy"
    )
    fields = ("eligibility", "available_until", "places", "amount")
    assert sorted(welsh.price_tiers.values_list(*fields)) == sorted(
        workshop.price_tiers.values_list(*fields)
    )
    assert welsh.price_tiers.get(eligibility="condition").condition == "i staff GIG"
    until = formats.date_format(workshop.intro_tier.available_until, "j F Y")
    with translation.override("cy"):
        welsh_until = formats.date_format(workshop.intro_tier.available_until, "j F Y")
    html = text(client.get(welsh.url))
    assert "— i dimau sy'n archebu gyda'i gilydd" in html
    assert f"— cynnig cyflwyniadol tan {welsh_until}" in html
    assert "— i staff GIG" in html
    assert "for teams booking together" not in html and until not in html


def test_migration_makes_blocks_team_bookings_in_rows_and_revisions(course_index):
    page = CoursePageFactory(parent=course_index, title="Old course", summary="S.")
    CoursePriceTierFactory(course=page, label="Standard", amount=Decimal("125"))
    CoursePriceTierFactory(course=page, label="Block", amount=Decimal("400"), places=10)
    revision = page.save_revision()
    # As a revision saved before tiers had eligibility.
    for row in revision.content["price_tiers"]:
        del row["eligibility"]
    revision.save()
    migration = importlib.import_module(
        "courses.migrations.0003_price_tier_eligibility"
    )
    migration.blocks_become_team_bookings(django_apps, None)
    stored = dict(page.price_tiers.values_list("label", "eligibility"))
    editor = CoursePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    in_editor = {t.label: t.eligibility for t in editor.price_tiers.all()}
    assert stored == in_editor == {"Standard": "anyone", "Block": "team"}


def test_a_course_only_for_teams_lists_its_price_with_the_condition(
    client, course_index
):
    page = CoursePageFactory(parent=course_index, title="Team day", summary="S.")
    CoursePriceTierFactory(
        course=page,
        label="Team day",
        amount=Decimal("900"),
        places=12,
        eligibility=Eligibility.TEAM,
    )
    expected = "Team day: £900 for 12 places (£75 each) — for teams booking together"
    assert expected in text(client.get(course_index.url))
    assert "Team day" in text(client.get(course_index.url + "?price=paid"))
    assert "Team day" not in text(client.get(course_index.url + "?price=free"))


def test_autosave_keeps_a_tier_still_being_typed(admin_client, course_index):
    post_course(admin_client, course_index, cpd_hours="")
    course = CoursePage.objects.get(slug="compassionate-leadership")
    data = edit_with_tiers(course, [{"label": "Standard", "places": "1"}])
    del data["action-publish"]
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        data,
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is True, response.json()
    draft = CoursePage.objects.get(pk=course.pk).get_latest_revision().as_object()
    assert [t.label for t in draft.price_tiers.all()] == ["Standard"]
    assert not course.price_tiers.exists()


def test_publishing_a_tier_without_an_amount_is_refused(admin_client, course_index):
    post_course(admin_client, course_index, cpd_hours="")
    course = CoursePage.objects.get(slug="compassionate-leadership")
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        edit_with_tiers(course, [{"label": "Standard", "places": "1"}]),
    )
    assert response.status_code == 200
    assert "Give an amount, or tick “free”." in response.content.decode()
    assert not course.price_tiers.exists()
