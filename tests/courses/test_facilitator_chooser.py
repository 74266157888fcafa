"""The course editor's facilitator chooser: the facilitator index, English profiles only."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils.http import urlencode

from courses.models import CourseFacilitator
from facilitators.models import FacilitatorPage
from home.demo.translation import translate
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles(home_page, django_capture_on_commit_callbacks) -> list[FacilitatorPage]:
    """Two English profiles under the facilitator index, each with a Welsh copy."""
    index = FacilitatorIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    people = [
        FacilitatorPageFactory(parent=index, title=title)
        for title in ("Dr Maren Ellery", "Tomos ap Rhys")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, "cy", {index.title: "Ein hwyluswyr"})
        for person in people:
            person.save_revision().publish()
            translate(person, "cy", {person.role: "Seicolegydd clinigol"})
    return people


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(user)
    return client


def chooser_url(edit_html: str, row: str) -> str:
    """The address the facilitator widget of this inline row opens, as its script does."""
    pattern = (
        rf'new PageChooser\("id_course_facilitators-{row}-facilitator", (\{{.*?\}})\)'
    )
    options = json.loads(re.search(pattern, edit_html).group(1))
    url = options["modalUrl"]
    if options.get("parentId"):
        url += f"{options['parentId']}/"
    return f"{url}?{urlencode({'page_type': ','.join(options['modelNames'])})}"


def offered(response) -> tuple[int, set[int]]:
    """The chooser's starting page and the pages it lets the editor choose."""
    assert response.status_code == 200
    data = response.json()
    soup = BeautifulSoup(data["html"], "html.parser")
    ids = {int(link["data-id"]) for link in soup.select("a.choose-page[data-id]")}
    return data["parent_page_id"], ids


def test_new_facilitator_row_opens_at_the_english_facilitator_index(
    editor, course, profiles
):
    html = editor.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    parent, ids = offered(editor.get(chooser_url(html, "__prefix__")))
    assert parent == profiles[0].get_parent().pk
    assert ids == {person.pk for person in profiles}


def test_chosen_facilitator_reopens_at_the_english_index(editor, course, profiles):
    CourseFacilitator.objects.create(course=course, facilitator=profiles[0])
    html = editor.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    parent, ids = offered(editor.get(chooser_url(html, "0")))
    assert parent == profiles[0].get_parent().pk
    assert ids == {person.pk for person in profiles}


def test_searching_for_a_facilitator_finds_only_the_english_profile(
    editor, course, profiles
):
    welsh = FacilitatorPage.objects.filter(locale__language_code="cy")
    assert welsh.count() == 2
    response = editor.get(
        "/admin/choose-page/search/",
        {"page_type": "facilitators.facilitatorpage", "q": "Maren"},
    )
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    ids = {int(link["data-id"]) for link in soup.select("a.choose-page[data-id]")}
    assert ids == {profiles[0].pk}
