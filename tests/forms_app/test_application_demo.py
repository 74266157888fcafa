"""The demo builds both course forms, attached to their courses, in two languages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import formats, timezone, translation

from courses.demo.offerings import introductory_offer_ends, welsh_cohort_title
from courses.rules import in_london
from forms_app.models import ApplicationFormPage

pytestmark = pytest.mark.django_db


def test_demo_course_forms_in_both_languages_and_idempotent(
    client, settings, demo_site, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["*"]
    # The second run, on the site the first one built.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=StringIO())
    forms = ApplicationFormPage.objects.filter(locale__language_code="en-gb")
    assert sorted(forms.values_list("slug", flat=True)) == ["apply", "book", "join"]
    assert ApplicationFormPage.objects.filter(locale__language_code="cy").count() == 3
    apply = forms.get(slug="apply")
    course = apply.get_parent().specific
    assert course.form_page_id == apply.pk
    run = apply.open_runs()[0]
    course_html = client.get(course.url).content.decode()
    assert f"{apply.url}?run={run.pk}" in course_html
    form_html = client.get(apply.url, {"run": run.pk}).content.decode()
    assert "Current role" in form_html and run.title in form_html
    book = forms.get(slug="book")
    book_html = client.get(book.url).content.decode()
    ends = formats.date_format(introductory_offer_ends(timezone.localdate()), "j F Y")
    # The prices are the course's tiers, asked by the form itself, not a question.
    assert f"Introductory rate: £50 (introductory offer until {ends})" in book_html
    assert "Block booking: £400 for 10 places (for teams booking together)" in (
        book_html
    )
    assert 'name="places"' in book_html and 'name="payer"' in book_html
    assert not book.form_fields.filter(clean_name__in=["price", "number_of_places"])
    welsh_book = book.get_translation(book.get_translations().first().locale)
    with translation.override("cy"):
        welsh_ends = formats.date_format(
            introductory_offer_ends(timezone.localdate()), "j F Y"
        )
    welsh_book_html = client.get(welsh_book.url).content.decode()
    assert f"Cyfradd gyflwyniadol: £50 (cynnig cyflwyniadol tan {welsh_ends})" in (
        welsh_book_html
    )
    welsh = apply.get_translation(
        ApplicationFormPage.objects.filter(locale__language_code="cy").first().locale
    )
    assert welsh.live
    first = in_london(run.sessions.order_by("start").first().start).date()
    assert run.get_translation(welsh.locale).title == welsh_cohort_title(first)
    labels = [field.label for field in welsh.form_fields.all()]
    assert labels[0] == "Eich rôl bresennol"
    assert [f.clean_name for f in welsh.form_fields.all()] == [
        f.clean_name for f in apply.form_fields.all()
    ]
    assert welsh.team_addresses == apply.team_addresses
    welsh_html = client.get(welsh.url).content.decode()
    assert "Eich rôl bresennol" in welsh_html and 'name="run"' in welsh_html


def test_demo_drop_ins_sign_up_for_a_date_or_the_series_in_both_languages(
    client, settings, demo_site
):
    settings.ALLOWED_HOSTS = ["*"]
    join = ApplicationFormPage.objects.get(slug="join", locale__language_code="en-gb")
    course = join.get_parent().specific
    assert course.participation == "join" and course.form_page_id == join.pk
    series = join.open_runs()[0]
    assert series.sessions.count() == 5
    assert (
        f'href="{join.url}?run={series.pk}"' in client.get(course.url).content.decode()
    )
    form_html = client.get(join.url).content.decode()
    assert "the whole series" in form_html
    assert form_html.count('name="run"') == 6  # five dates and the series
    welsh_course = course.get_translations().get()
    welsh_join = join.get_translations().get()
    assert welsh_join.live
    welsh_html = client.get(welsh_course.url).content.decode()
    assert f'href="{welsh_join.url}?run=' in welsh_html
    assert 'name="run"' in client.get(welsh_join.url).content.decode()
