"""A course that promises a form has one: publish checks, the chooser, the add button."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.models import CoursePage
from forms_app.course_forms import needs_application_form
from forms_app.models import ApplicationFormPage
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.forms_app import (
    ApplicationFormPageFactory,
    EnquiryFormPageFactory,
)
from tests.support.admin import assert_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "pw"
    )
    client.force_login(user)
    return client


@pytest.fixture
def course(home_page) -> CoursePage:
    index = CourseIndexPageFactory(parent=home_page)
    page = CoursePageFactory(
        parent=index, title="Compassionate Leadership", participation="join"
    )
    page.save_revision().publish()
    return page


def edit_course(
    client: Client,
    course: CoursePage,
    participation: str,
    form_page: Page | None = None,
    action: str = "action-publish",
):
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "body": streamfield([]),
        "cpd_hours": "",
        "participation": participation,
        "completion": "all",
        "form_page": str(form_page.pk) if form_page else "",
        "price_tiers": inline_formset([]),
        "course_facilitators": inline_formset([]),
        "runs": inline_formset([]),
        action: "1",
    }
    url = reverse("wagtailadmin_pages:edit", args=(course.pk,))
    return client.post(url, nested_form_data(data))


def published_form(course: CoursePage, **fields) -> Page:
    form = ApplicationFormPageFactory(parent=course, **fields)
    form.save_revision().publish()
    return form


def form_page_error(response) -> str:
    assert response.status_code == 200, response.status_code
    errors = response.context["form"].errors
    assert "form_page" in errors, errors
    return " ".join(errors["form_page"])


@pytest.mark.parametrize("participation", ["apply", "book"])
def test_a_course_promising_a_form_cannot_publish_without_one(
    admin_client, course, participation
):
    response = edit_course(admin_client, course, participation)
    assert "Add an application form below this course" in form_page_error(response)
    course.refresh_from_db()
    assert course.participation == "join"


def test_a_draft_promising_a_form_still_saves(admin_client, course):
    response = edit_course(admin_client, course, "apply", action="action-save")
    assert response.status_code == 302
    course.refresh_from_db()
    draft = course.get_latest_revision_as_object()
    assert draft.participation == "apply"


def test_a_page_that_is_not_a_form_is_refused(admin_client, course, home_page):
    response = edit_course(admin_client, course, "apply", form_page=home_page)
    assert "is not a form page" in form_page_error(response)


def test_an_application_form_from_another_course_is_refused(
    admin_client, course, home_page
):
    other = CoursePageFactory(parent=course.get_parent(), title="Another course")
    response = edit_course(
        admin_client, course, "apply", form_page=published_form(other)
    )
    assert "not one from elsewhere" in form_page_error(response)


def test_an_unpublished_form_is_refused(admin_client, course):
    form = ApplicationFormPageFactory(parent=course, live=False)
    response = edit_course(admin_client, course, "apply", form_page=form)
    assert "publish the form first" in form_page_error(response)


def test_a_course_publishes_with_its_own_published_form(admin_client, course):
    form = published_form(course)
    response = edit_course(admin_client, course, "apply", form_page=form)
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.participation, course.form_page_id) == ("apply", form.pk)


def test_enquire_needs_an_enquiry_form(admin_client, course, home_page):
    response = edit_course(admin_client, course, "enquire")
    assert "Choose the enquiry form" in form_page_error(response)
    enquiry = EnquiryFormPageFactory(parent=home_page)
    enquiry.save_revision().publish()
    response = edit_course(admin_client, course, "enquire", form_page=enquiry)
    assert response.status_code == 302


def test_join_needs_no_form(admin_client, course):
    course.participation = "apply"
    course.save_revision().publish()
    response = edit_course(admin_client, course, "join")
    assert response.status_code == 302


def test_the_form_chooser_lists_only_form_pages(admin_client, course, home_page):
    published_form(course, title="Apply for leadership")
    enquiry = EnquiryFormPageFactory(parent=home_page, title="General enquiries")
    enquiry.save_revision().publish()
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=(course.pk,)))
    widget = editor.context["form"].fields["form_page"].widget
    assert sorted(widget.model_names) == [
        "forms_app.applicationformpage",
        "forms_app.enquiryformpage",
    ]

    # The widget's script opens the chooser with these page types, as here.
    def search(words: str) -> str:
        return admin_client.get(
            reverse("wagtailadmin_choose_page_search"),
            {"page_type": ",".join(widget.model_names), "q": words},
        ).content.decode()

    leadership = search("leadership")
    assert "Apply for leadership" in leadership
    # The course itself matches the words too, but is not offered.
    assert "There is 1 match" in leadership
    assert "General enquiries" in search("enquiries")
    assert "Test home" not in search("test home")


def add_form_url(course: CoursePage) -> str:
    return reverse("forms_app_admin:add_application_form", args=(course.pk,))


def test_a_course_that_takes_applications_offers_to_add_its_form(admin_client, course):
    editor = reverse("wagtailadmin_pages:edit", args=(course.pk,))
    assert add_form_url(course) not in admin_client.get(editor).content.decode()
    edit_course(admin_client, course, "apply", action="action-save")
    assert add_form_url(course) in admin_client.get(editor).content.decode()
    confirm = admin_client.get(add_form_url(course))
    assert confirm.status_code == 200
    assert not ApplicationFormPage.objects.exists()


def test_adding_the_form_makes_a_draft_child_chosen_in_the_course_draft(
    admin_client, course
):
    edit_course(admin_client, course, "apply", action="action-save")
    response = admin_client.post(add_form_url(course))
    form = ApplicationFormPage.objects.child_of(course).get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(form.pk,))
    assert not form.live
    assert [field.label for field in form.form_fields.all()][:2] == [
        "Current role",
        "Organisation",
    ]
    course.refresh_from_db()
    draft = course.get_latest_revision_as_object()
    assert (draft.participation, draft.form_page_id) == ("apply", form.pk)
    # A second visit opens the form that exists instead of adding another.
    again = admin_client.post(add_form_url(course))
    assert again.url == response.url
    assert ApplicationFormPage.objects.count() == 1


def test_the_apply_button_shows_once_the_added_form_is_published(admin_client, course):
    run = CourseRunFactory(course=course, title="Spring cohort", bookable=True)
    start = timezone.now().replace(microsecond=0) + timedelta(weeks=6)
    CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=2))
    edit_course(admin_client, course, "apply", action="action-save")
    admin_client.post(add_form_url(course))
    form = ApplicationFormPage.objects.child_of(course).get()

    refused = edit_course(admin_client, course, "apply", form_page=form)
    assert "publish the form first" in form_page_error(refused)

    form.get_latest_revision().publish()
    published = edit_course(admin_client, course, "apply", form_page=form)
    assert published.status_code == 302
    public = Client().get(course.url).content.decode()
    assert f'href="{form.url}?run={run.pk}"' in public


def test_a_translated_course_is_not_offered_a_form_of_its_own(course, locales):
    course.participation = "apply"
    welsh = course.copy_for_translation(locales["cy"], copy_parents=True)
    assert needs_application_form(course)
    assert not needs_application_form(welsh)


def test_someone_who_cannot_edit_the_course_cannot_add_its_form(client, course):
    user = get_user_model().objects.create_user("reader", "r@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    course.participation = "apply"
    course.save_revision().publish()
    assert_refused(client.post(add_form_url(course)))
    assert not ApplicationFormPage.objects.exists()
