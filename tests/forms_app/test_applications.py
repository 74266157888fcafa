"""Course applications over HTTP: the run question, routing, Welsh, facilitators' reach."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.utils import timezone

from courses.models import CourseFacilitator
from facilitators.models import FacilitatorIndexPage
from forms_app.models import ApplicationFormPage, Submission
from forms_app.spam import issue_form_token
from home.demo.translation import translate
from staff.roles import ADMINISTRATORS, COMMUNICATIONS, TRANSLATORS
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)
from tests.factories.facilitators import (
    FacilitatorIndexPageFactory,
    FacilitatorLoginFactory,
    FacilitatorPageFactory,
    UserFactory,
)
from tests.factories.forms_app import (
    ApplicationFormFieldFactory,
    ApplicationFormPageFactory,
    EnquiryFormPageFactory,
    SubmissionFactory,
)
from tests.support.admin import assert_refused
from tests.support.roles import staff_user


def make_run(course, title: str, days: int, **fields):
    run = CourseRunFactory(course=course, title=title, **fields)
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=2))
    CourseSessionFactory(
        run=run,
        start=start + timedelta(weeks=1),
        end=start + timedelta(weeks=1, hours=2),
    )
    return run


def make_course(index, title: str, lead_login):
    course = CoursePageFactory(parent=index, title=title, participation="apply")
    facilitators = FacilitatorIndexPage.objects.get()
    profile = FacilitatorPageFactory(
        parent=facilitators, title=f"Lead of {title}", user=lead_login
    )
    CourseFacilitator.objects.create(course=course, facilitator=profile)
    form = ApplicationFormPageFactory(parent=course, slug="apply", title="Apply")
    ApplicationFormFieldFactory(page=form, label="Current role", required=True)
    ApplicationFormFieldFactory(
        page=form, label="How many people do you lead", field_type="number"
    )
    form.save_revision().publish()
    course.form_page = form
    course.save_revision().publish()
    return course, ApplicationFormPage.objects.get(pk=form.pk)


@pytest.fixture
def setting(home_page, privacy_page):
    index = CourseIndexPageFactory(parent=home_page)
    FacilitatorIndexPageFactory(parent=home_page)
    lead_a = FacilitatorLoginFactory(username="lead-a")
    lead_b = FacilitatorLoginFactory(username="lead-b")
    course_a, form_a = make_course(index, "Compassionate Leadership", lead_a)
    course_b, form_b = make_course(index, "Creative Writing", lead_b)
    return {
        "course_a": course_a,
        "form_a": form_a,
        "run_a": make_run(course_a, "Spring cohort", 20),
        "closed_a": make_run(course_a, "Autumn cohort", 5, bookable=False),
        "lead_a": lead_a,
        "course_b": course_b,
        "form_b": form_b,
        "run_b": make_run(course_b, "March workshop", 30),
        "lead_b": lead_b,
    }


def answers(run=None, **overrides) -> dict:
    data = {
        "contact_name": "Rhiannon Evans",
        "contact_email": "rhiannon@example.org",
        "current_role": "Ward manager",
        "how_many_people_do_you_lead": "12",
        "website": "",
        "form_token": issue_form_token(time.time() - 60),
        "run": str(run.pk) if run is not None else None,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_application_stores_course_run_locale_reference_and_routes(setting, post_form):
    form, run = setting["form_a"], setting["run_a"]
    response = post_form(form, answers(run))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.reference.startswith("APP-")
    assert submission.course_page_id == setting["course_a"].pk
    assert submission.run == run
    assert submission.locale.language_code == "en-gb"
    assert "run" not in submission.form_data
    rules = dict(submission.deliveries.values_list("recipient", "rule"))
    assert rules["courses@example.org"] == "team"
    assert rules["lead-a@example.org"].startswith("course-facilitator:")
    assert "lead-b@example.org" not in rules

    thanks = Client().get(response["Location"]).content.decode()
    assert submission.reference in thanks and "Spring cohort" in thanks

    notification = next(m for m in mail.outbox if m.to == ["lead-a@example.org"])
    assert notification.reply_to == ["rhiannon@example.org"]
    assert "Spring cohort" in notification.body
    assert "Spring cohort" in notification.alternatives[0][0]
    ack = next(m for m in mail.outbox if "rhiannon@example.org" in m.to[0])
    assert submission.reference in ack.body and "Spring cohort" in ack.body


def test_run_is_preselected_from_the_link_and_only_open_runs_are_offered(
    client, setting
):
    form, run, closed = setting["form_a"], setting["run_a"], setting["closed_a"]
    html = client.get(form.url, {"run": run.pk}).content.decode()
    chosen = re.search(rf'<input[^>]*value="{run.pk}"[^>]*>', html).group(0)
    assert "checked" in chosen
    assert "Autumn cohort" not in html
    for ignored in (closed.pk, setting["run_b"].pk, "x1"):
        html = client.get(form.url, {"run": ignored}).content.decode()
        assert "checked" not in html and 'name="run"' in html


def test_course_page_links_to_the_form_with_the_run(client, setting):
    html = client.get(setting["course_a"].url).content.decode()
    assert f"{setting['form_a'].url}?run={setting['run_a'].pk}" in html


def test_closed_or_missing_run_is_refused_with_a_clear_error(setting, post_form):
    form = setting["form_a"]
    closed = post_form(form, answers(setting["closed_a"]))
    assert closed.status_code == 200
    assert "no longer open for booking" in closed.content.decode()
    assert 'value="Ward manager"' in closed.content.decode()
    missing = post_form(form, answers())
    assert "Choose the dates you would like to attend." in missing.content.decode()
    other_course = post_form(form, answers(setting["run_b"]))
    assert "no longer open for booking" in other_course.content.decode()
    assert not Submission.objects.exists()


def test_without_open_runs_the_form_registers_interest(setting, post_form, client):
    setting["run_a"].bookable = False
    setting["run_a"].save()
    form = setting["form_a"]
    html = client.get(form.url).content.decode()
    assert "No dates are open for booking" in html
    assert 'name="run"' not in html
    assert post_form(form, answers()).status_code == 302
    submission = Submission.objects.get()
    assert submission.run is None
    assert "lead-a@example.org" in [m.to[0] for m in mail.outbox]


@pytest.fixture
def welsh_form(setting, django_capture_on_commit_callbacks):
    course, form = setting["course_a"], setting["form_a"]
    with django_capture_on_commit_callbacks(execute=True):
        translate(course, "cy", {course.title: "Arweinyddiaeth Dosturiol"})
    # The course's translation must be published before its form's can be.
    with django_capture_on_commit_callbacks(execute=True):
        page = translate(
            form,
            "cy",
            {
                form.title: "Gwneud cais",
                "Current role": "Rôl bresennol",
                form.thank_you_text: "Mae'r hwyluswyr yn darllen pob cais.",
            },
        )
    return ApplicationFormPage.objects.get(pk=page.pk)


def test_welsh_application_lands_in_the_same_list_with_the_same_routing(
    setting, welsh_form, post_form
):
    welsh_run = setting["run_a"].get_translation(welsh_form.locale)
    assert welsh_form.url.startswith("/cy/")
    response = post_form(welsh_form, answers(welsh_run))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.page_id == setting["form_a"].pk
    assert submission.locale.language_code == "cy"
    assert submission.run == setting["run_a"]
    assert submission.course_page_id == setting["course_a"].pk
    recipients = {m.to[0] for m in mail.outbox}
    assert {"courses@example.org", "lead-a@example.org"} <= recipients
    ack = next(m for m in mail.outbox if "rhiannon@example.org" in m.to[0])
    assert "Mae'r hwyluswyr yn darllen pob cais." in ack.body
    assert '<html lang="cy">' in ack.alternatives[0][0]


@pytest.fixture
def both_submitted(setting, post_form):
    post_form(setting["form_a"], answers(setting["run_a"]))
    post_form(
        setting["form_b"],
        answers(setting["run_b"], contact_email="sam@example.org"),
    )
    return (
        Submission.objects.get(page=setting["form_a"]),
        Submission.objects.get(page=setting["form_b"]),
    )


def denied(response) -> bool:
    """Wagtail's admin answers a permission denial with 403 or a redirect home."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_facilitator_sees_only_their_courses_submissions(setting, both_submitted):
    mine, theirs = both_submitted
    client = logged_in(setting["lead_a"])
    forms_index = client.get("/admin/forms/").content.decode()
    assert f"/admin/forms/submissions/{setting['form_a'].pk}/" in forms_index
    assert f"/admin/forms/submissions/{setting['form_b'].pk}/" not in forms_index

    own_list = client.get(f"/admin/forms/submissions/{setting['form_a'].pk}/")
    assert own_list.status_code == 200 and mine.reference in own_list.content.decode()
    assert "Spring cohort" in own_list.content.decode()
    other = client.get(f"/admin/forms/submissions/{setting['form_b'].pk}/")
    assert denied(other)

    assert client.get(f"/admin/forms-app/submissions/{mine.pk}/").status_code == 200
    assert denied(client.get(f"/admin/forms-app/submissions/{theirs.pk}/"))

    url = f"/admin/forms/submissions/{setting['form_a'].pk}/"
    export = client.get(url, {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert mine.reference in text and "Spring cohort" in text
    other_export = client.get(
        f"/admin/forms/submissions/{setting['form_b'].pk}/", {"export": "csv"}
    )
    assert denied(other_export)
    assert denied(client.get("/admin/forms-app/person/", {"email": "x@example.org"}))


def test_submissions_list_filters_and_exports_by_run(setting, post_form):
    spring, autumn = setting["run_a"], setting["closed_a"]
    post_form(setting["form_a"], answers(spring))
    SubmissionFactory(
        page=setting["form_a"],
        course_page=setting["course_a"],
        run=autumn,
        reference="APP-AUTM",
        contact_email="earlier@example.org",
        form_data={},
    )
    client = logged_in(setting["lead_a"])
    url = f"/admin/forms/submissions/{setting['form_a'].pk}/"

    listing = client.get(url).content.decode()
    assert 'name="run"' in listing
    assert "Spring cohort" in listing and "Autumn cohort" in listing
    assert "March workshop" not in listing, "another course's dates are not offered"

    only_autumn = client.get(url, {"run": autumn.pk}).content.decode()
    assert "APP-AUTM" in only_autumn and "rhiannon@example.org" not in only_autumn
    export = client.get(url, {"run": spring.pk, "export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert "rhiannon@example.org" in text and "APP-AUTM" not in text


def test_enquiry_submissions_have_no_dates_filter(
    admin_client, home_page, privacy_page
):
    form = EnquiryFormPageFactory(parent=home_page, slug="enquiry")
    html = admin_client.get(f"/admin/forms/submissions/{form.pk}/").content.decode()
    assert 'name="status"' in html and 'name="run"' not in html


def test_person_search_by_a_facilitator_finds_only_their_courses(
    setting, both_submitted
):
    mine, theirs = both_submitted
    lead = setting["lead_a"]
    lead.user_permissions.add(Permission.objects.get(codename="delete_submission"))
    client = logged_in(lead)
    found = client.get("/admin/forms-app/person/", {"email": "rhiannon@example.org"})
    assert found.status_code == 200 and mine.reference in found.content.decode()
    hidden = client.get("/admin/forms-app/person/", {"email": "sam@example.org"})
    assert hidden.status_code == 200
    assert theirs.reference not in hidden.content.decode()
    export = client.get(
        "/admin/forms-app/person/", {"email": "sam@example.org", "export": "csv"}
    )
    assert theirs.reference not in export.content.decode()


def test_facilitator_cannot_edit_the_course(setting):
    client = logged_in(setting["lead_a"])
    assert_refused(client.get(f"/admin/pages/{setting['course_a'].pk}/edit/"))


def test_staff_beyond_facilitators_keep_what_their_permissions_allow(
    setting, both_submitted
):
    mine, theirs = both_submitted
    superuser = UserFactory(is_superuser=True, is_staff=True)
    admin = logged_in(superuser)
    for submission in (mine, theirs):
        response = admin.get(f"/admin/forms-app/submissions/{submission.pk}/")
        assert response.status_code == 200
    # Communications staff read every form's submissions (docs/permissions.md);
    # translators edit the same pages but read none.
    staff = logged_in(staff_user(COMMUNICATIONS))
    for submission in (mine, theirs):
        response = staff.get(f"/admin/forms-app/submissions/{submission.pk}/")
        assert response.status_code == 200
    translator = logged_in(staff_user(TRANSLATORS))
    assert denied(translator.get(f"/admin/forms-app/submissions/{mine.pk}/"))


def test_a_facilitator_who_is_also_an_administrator_reads_every_submission(
    setting, both_submitted
):
    mine, theirs = both_submitted
    lead = setting["lead_a"]
    administrators = staff_user(ADMINISTRATORS).groups.get()
    lead.groups.add(administrators)
    client = logged_in(lead)
    for submission in (mine, theirs):
        response = client.get(f"/admin/forms-app/submissions/{submission.pk}/")
        assert response.status_code == 200
