"""The demo builds the enquiry form with routing rules, in the menu, in both languages."""

import pytest

from courses.models import CoursePage
from forms_app.models import EnquiryFormPage

pytestmark = pytest.mark.django_db


def test_demo_enquiry_form_in_both_languages(client, demo_site):
    english = EnquiryFormPage.objects.get(locale__language_code="en-gb")
    welsh = EnquiryFormPage.objects.get(locale__language_code="cy")
    assert english.show_in_menus and english.live and welsh.live
    rules = {(r.field_name, r.value, r.address) for r in english.routing_rules.all()}
    assert ("type_of_team", "Dementia care", "dementia-lead@example.org") in rules
    assert ("format", "In person", "venues@example.org") in rules
    assert {(r.field_name, r.address) for r in welsh.routing_rules.all()} == {
        (f, a) for f, _v, a in rules
    }
    home = client.get("/").content.decode()
    assert english.url in home
    html = client.get(english.url).content.decode()
    assert "Type of team" in html
    assert "dementia-lead@example.org" not in html and "bespoke@example.org" not in html
    welsh_form = welsh.get_form(page=welsh, user=None).as_div()
    assert "Gofal dementia" in welsh_form and "Math o dîm" in welsh_form

    # The bespoke workshops have no dates: their interest link is this form.
    bespoke = CoursePage.objects.get(
        slug="bespoke-team-workshops", locale__language_code="en-gb"
    )
    courses = client.get(bespoke.get_parent().url).content.decode()
    assert f'href="{english.url}">Register interest in {bespoke.title}' in courses
    course = client.get(bespoke.url).content.decode()
    assert f'<a href="{english.url}">Register your interest</a>' in course
