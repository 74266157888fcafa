"""The course editor stays light however many cohorts a course has had (decision 0028)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage, CourseRun, CourseSession
from courses.rules import in_london
from tests.factories.courses import (
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)

pytestmark = pytest.mark.django_db

MAX_EDITOR_BYTES = 250 * 1024


def add_past_runs(course: CoursePage, count: int) -> list[CourseRun]:
    """Closed cohorts of three weekly two-hour sessions, all over, oldest last."""
    now = timezone.now().replace(second=0, microsecond=0)
    runs = []
    for n in range(count):
        run = CourseRunFactory(course=course, title=f"Past cohort {n}", bookable=False)
        first = now - timedelta(weeks=8 * (n + 1))
        for week in range(3):
            start = first + timedelta(weeks=week)
            CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=2))
        runs.append(run)
    return runs


def add_current_run(course: CoursePage) -> CourseRun:
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=10)
    run = CourseRunFactory(course=course, title="Next cohort")
    for week in range(2):
        first = start + timedelta(weeks=week)
        CourseSessionFactory(run=run, start=first, end=first + timedelta(hours=2))
    return run


def publish(course: CoursePage) -> CoursePage:
    """Publish the course as stored, so its latest revision holds every run."""
    page = CoursePage.objects.get(pk=course.pk)
    # Needs no form page, so publishing checks only what these tests are about.
    page.participation = "join"
    page.save_revision().publish()
    return page


def edit_url(course: CoursePage) -> str:
    return reverse("wagtailadmin_pages:edit", args=(course.pk,))


def form_data(html: str, action: str = "action-publish") -> dict:
    """What the browser posts from the rendered edit form, untouched."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or "__prefix__" in name or field.find_parent("template"):
            continue
        if field.name == "textarea":
            data[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    # The body's blocks are built by the browser's script; this course has none.
    data["body-count"] = "0"
    data[action] = "1"
    return data


def field_prefix(html: str, value: str, suffix: str = "title") -> str:
    """The form prefix of the run whose field `suffix` holds this value."""
    soup = BeautifulSoup(html, "html.parser")
    for field in soup.find_all("input", attrs={"value": value}):
        name = field.get("name", "")
        if name.startswith("runs-") and name.endswith(f"-{suffix}"):
            return name.removesuffix(suffix)
    raise AssertionError(f"no run field holds {value!r}")


def errors_of(response) -> str:
    """The error messages the editor shows, one a line."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    shown = soup.select(".error-message, .messages .error, .help-critical")
    return "\n".join(" ".join(element.get_text().split()) for element in shown)


def editor_size(client, course: CoursePage, past: int) -> int:
    add_past_runs(course, past)
    add_current_run(course)
    publish(course)
    response = client.get(edit_url(course))
    assert response.status_code == 200
    return len(response.content)


def test_past_runs_add_only_a_line_each_to_the_editor(admin_client, course_index):
    one = editor_size(admin_client, CoursePageFactory(parent=course_index), 1)
    many = editor_size(admin_client, CoursePageFactory(parent=course_index), 31)
    assert many - one < 30 * 400, (one, many)


def test_the_editor_of_a_course_with_many_past_runs_is_under_250_kb(
    admin_client, course
):
    assert editor_size(admin_client, course, 30) < MAX_EDITOR_BYTES


def test_the_editor_needs_no_more_queries_for_more_past_runs(
    admin_client, course_index, course
):
    few = CoursePageFactory(parent=course_index, title="Few runs")
    many = CoursePageFactory(parent=course_index, title="Many runs")
    for page, past in ((few, 1), (many, 30)):
        add_past_runs(page, past)
        add_current_run(page)
        publish(page)
    counts = []
    for page in (few, many):
        admin_client.get(edit_url(page))
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(edit_url(page)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_past_runs_are_listed_not_in_the_form_and_publishing_keeps_them(
    admin_client, course
):
    past = add_past_runs(course, 5)
    add_current_run(course)
    publish(course)
    stored = {
        run.pk: sorted(run.sessions.values_list("pk", "start", "end"))
        for run in CourseRun.objects.filter(course=course)
    }
    html = admin_client.get(edit_url(course)).content.decode()
    assert 'value="Next cohort"' in html
    assert 'value="Past cohort 0"' not in html
    soup = BeautifulSoup(html, "html.parser")
    listed = soup.find(id="panel-child-content-past_runs-section")
    assert listed is not None
    assert all(run.title in listed.get_text() for run in past)

    data = form_data(html)
    data[field_prefix(html, "Next cohort") + "notes"] = "Bring a notebook."
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 302, errors_of(response)

    page = CoursePage.objects.get(pk=course.pk)
    assert page.live and page.runs.get(title="Next cohort").notes == "Bring a notebook."
    assert {
        run.pk: sorted(run.sessions.values_list("pk", "start", "end"))
        for run in CourseRun.objects.filter(course=course)
    } == stored
    revision = page.get_latest_revision()
    assert revision == page.live_revision
    in_revision = {run["pk"]: len(run["sessions"]) for run in revision.content["runs"]}
    assert in_revision == {pk: len(sessions) for pk, sessions in stored.items()}


def test_the_past_runs_list_names_the_latest_ten_and_counts_the_rest(
    admin_client, course
):
    add_past_runs(course, 12)  # "Past cohort 0" is the latest, 11 the oldest
    add_current_run(course)
    publish(course)
    html = admin_client.get(edit_url(course)).content.decode()
    listed = BeautifulSoup(html, "html.parser").find(
        id="panel-child-content-past_runs-section"
    )
    items = [" ".join(li.get_text().split()) for li in listed.find_all("li")]
    assert items[0] == "2 earlier runs"
    assert [item.split(":")[0] for item in items[1:]] == [
        f"Past cohort {n}" for n in range(9, -1, -1)
    ]


def test_a_session_clashing_with_a_past_run_is_still_refused(admin_client, course):
    (past,) = add_past_runs(course, 1)
    current = add_current_run(course)
    publish(course)
    clash = in_london(past.sessions.order_by("start").first().start)
    html = admin_client.get(
        f"{edit_url(course)}?sessions={current.pk}"
    ).content.decode()
    data = form_data(html)
    prefix = field_prefix(html, "Next cohort")
    data[f"{prefix}sessions-0-start"] = f"{clash:%Y-%m-%d %H:%M}"
    data[f"{prefix}sessions-0-end"] = f"{clash + timedelta(hours=2):%Y-%m-%d %H:%M}"
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 200
    assert "Another session already starts at this time." in errors_of(response)
    assert CourseSession.objects.filter(start=past.sessions.first().start).count() == 1


def test_cpd_hours_still_count_the_longest_run_even_when_it_is_past(
    admin_client, course
):
    add_past_runs(course, 2)  # six hours each
    add_current_run(course)  # four hours
    course.cpd_hours = 6
    course.save()
    publish(course)
    html = admin_client.get(edit_url(course)).content.decode()
    response = admin_client.post(edit_url(course), form_data(html))
    assert response.status_code == 302, errors_of(response)

    data = form_data(html)
    data["cpd_hours"] = "7"
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 200
    assert "7 CPD hours is more than the 6 hours of sessions in any run." in errors_of(
        response
    )


def test_a_past_run_still_taking_bookings_stays_in_the_form_until_closed(
    admin_client, course
):
    (past,) = add_past_runs(course, 1)
    CourseRun.objects.filter(pk=past.pk).update(bookable=True)
    add_current_run(course)
    publish(course)
    html = admin_client.get(edit_url(course)).content.decode()
    assert 'value="Past cohort 0"' in html
    response = admin_client.post(edit_url(course), form_data(html))
    assert response.status_code == 200
    assert "untick “taking bookings”" in errors_of(response)

    data = form_data(html)
    data.pop(field_prefix(html, "Past cohort 0") + "bookable")
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 302, errors_of(response)
    html = admin_client.get(edit_url(course)).content.decode()
    assert 'value="Past cohort 0"' not in html


def follow_editor_link(client, course: CoursePage, text: str) -> str:
    """The editor page a link of the course editor opens, by the link's text."""
    html = client.get(edit_url(course)).content.decode()
    link = BeautifulSoup(html, "html.parser").find("a", string=text)
    assert link is not None, text
    return client.get(link["href"]).content.decode()


def test_past_runs_open_for_editing_from_the_editor(admin_client, course):
    add_past_runs(course, 3)
    add_current_run(course)
    publish(course)
    html = follow_editor_link(admin_client, course, "Edit past runs too")
    assert 'value="Past cohort 2"' in html
    assert "Hide past runs" in html

    data = form_data(html)
    data[field_prefix(html, "Past cohort 2") + "title"] = "Spring cohort, first year"
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 302, errors_of(response)
    titles = set(
        CourseRun.objects.filter(course=course).values_list("title", flat=True)
    )
    assert titles == {
        "Past cohort 0",
        "Past cohort 1",
        "Spring cohort, first year",
        "Next cohort",
    }


def test_reverting_to_an_earlier_revision_keeps_past_runs(admin_client, course):
    add_past_runs(course, 3)
    add_current_run(course)
    earlier = publish(course).get_latest_revision()
    stored = sorted(
        CourseSession.objects.filter(run__course=course).values_list("pk", "start")
    )
    html = admin_client.get(edit_url(course)).content.decode()
    data = form_data(html)
    data[field_prefix(html, "Next cohort") + "notes"] = "Changed later."
    assert admin_client.post(edit_url(course), data).status_code == 302

    url = reverse("wagtailadmin_pages:revisions_revert", args=(course.pk, earlier.pk))
    html = admin_client.get(url).content.decode()
    assert 'value="Past cohort 0"' not in html
    response = admin_client.post(url, form_data(html))
    assert response.status_code == 302, errors_of(response)

    assert CourseRun.objects.get(course=course, title="Next cohort").notes == ""
    assert (
        sorted(
            CourseSession.objects.filter(run__course=course).values_list("pk", "start")
        )
        == stored
    )
    runs = CoursePage.objects.get(pk=course.pk).live_revision.content["runs"]
    assert len(runs) == 4


def add_running_run(course: CoursePage) -> CourseRun:
    """A cohort half-way through: three weekly sessions over, two to come."""
    first = timezone.now().replace(second=0, microsecond=0) - timedelta(weeks=3)
    run = CourseRunFactory(course=course, title="Running cohort")
    for week in range(5):
        start = first + timedelta(weeks=week, hours=1)
        CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=2))
    return run


def test_a_stored_runs_sessions_are_listed_out_of_the_form_and_still_count(
    admin_client, course
):
    run = add_running_run(course)
    course.cpd_hours = 10
    course.save()
    publish(course)
    stored = sorted(run.sessions.values_list("pk", "start", "end"))
    html = admin_client.get(edit_url(course)).content.decode()
    prefix = field_prefix(html, "Running cohort")
    assert f'name="{prefix}sessions-0-start"' not in html
    assert f'name="{prefix}generate_count"' not in html
    # Listed, the run sends its sessions' counts and nothing to add rows with.
    assert f'name="{prefix}sessions-TOTAL_FORMS" value="0"' in html
    assert f'id="id_{prefix}sessions-ADD"' not in html
    assert f'id="id_{prefix}sessions-EMPTY_FORM_TEMPLATE"' not in html
    assert "This run\u2019s 5 sessions stay out of the form" in html
    listed = BeautifulSoup(html, "html.parser").select(".course-editor-sessions li")
    assert [item.get_text().split(",")[0] for item in listed] == [
        f"{in_london(start):%A %-d %B %Y}" for _pk, start, _end in stored
    ]

    data = form_data(html)
    data[f"{prefix}notes"] = "Two weeks to go."
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 302, errors_of(response)
    assert sorted(run.sessions.values_list("pk", "start", "end")) == stored
    revision = CoursePage.objects.get(pk=course.pk).live_revision
    assert len(revision.content["runs"][0]["sessions"]) == 5

    data["cpd_hours"] = "11"
    response = admin_client.post(edit_url(course), data)
    assert "11 CPD hours is more than the 10 hours of sessions in any run." in (
        errors_of(response)
    )

    # A session added beside the listed ones still may not clash with them.
    over = in_london(stored[0][1])
    data["cpd_hours"] = "10"
    data.update(
        {
            f"{prefix}sessions-TOTAL_FORMS": "1",
            f"{prefix}sessions-0-start": f"{over:%Y-%m-%d %H:%M}",
            f"{prefix}sessions-0-end": f"{over + timedelta(hours=2):%Y-%m-%d %H:%M}",
            f"{prefix}sessions-0-format": "online",
            f"{prefix}sessions-0-status": "scheduled",
            f"{prefix}sessions-0-ORDER": "1",
        }
    )
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 200
    assert "Another session already starts at this time." in errors_of(response)


def test_a_session_added_beside_listed_ones_takes_its_place_by_date(
    admin_client, course
):
    run = add_running_run(course)
    publish(course)
    starts = sorted(run.sessions.values_list("start", flat=True))
    html = admin_client.get(edit_url(course)).content.decode()
    prefix = field_prefix(html, "Running cohort")
    between = in_london(starts[3] + timedelta(days=2))
    data = form_data(html)
    data.update(
        {
            f"{prefix}sessions-TOTAL_FORMS": "1",
            f"{prefix}sessions-0-start": f"{between:%Y-%m-%d %H:%M}",
            f"{prefix}sessions-0-end": f"{between + timedelta(hours=2):%Y-%m-%d %H:%M}",
            f"{prefix}sessions-0-format": "online",
            f"{prefix}sessions-0-status": "scheduled",
            f"{prefix}sessions-0-ORDER": "1",
        }
    )
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 302, errors_of(response)
    in_order = list(
        run.sessions.order_by("sort_order", "pk").values_list("sort_order", "start")
    )
    assert [order for order, _start in in_order] == list(range(6))
    assert [start for _order, start in in_order] == sorted(
        [*starts, between.astimezone(starts[0].tzinfo)]
    )


def cancel_session(client, course: CoursePage, html: str, session_prefix: str) -> None:
    """Post the editor's form as shown, with this session's status set to cancelled."""
    data = form_data(html)
    data[f"{session_prefix}-status"] = "cancelled"
    response = client.post(edit_url(course), data)
    assert response.status_code == 302, errors_of(response)


def test_a_runs_sessions_and_generator_open_from_the_editor(admin_client, course):
    run = add_running_run(course)
    add_current_run(course)
    publish(course)
    html = follow_editor_link(admin_client, course, "Edit these 5 sessions")
    prefix = field_prefix(html, "Running cohort")
    assert f'name="{prefix}sessions-4-start"' in html
    assert f'name="{prefix}generate_count"' in html
    other = field_prefix(html, "Next cohort")
    assert f'name="{other}sessions-0-start"' not in html

    cancel_session(admin_client, course, html, f"{prefix}sessions-4")
    last = run.sessions.order_by("start").last()
    assert last.status == "cancelled"
    assert run.sessions.count() == 5


def test_every_session_of_a_running_cohort_opens_when_asked(admin_client, course):
    run = add_running_run(course)
    publish(course)
    html = admin_client.get(edit_url(course) + "?past_runs=1").content.decode()
    prefix = field_prefix(html, "Running cohort")
    assert f'name="{prefix}sessions-4-start"' in html
    cancel_session(admin_client, course, html, f"{prefix}sessions-0")
    first = run.sessions.order_by("start").first()
    assert first.status == "cancelled"
    assert run.sessions.count() == 5


def test_revisions_of_a_course_with_past_runs_can_be_compared(admin_client, course):
    add_past_runs(course, 2)
    add_current_run(course)
    publish(course)
    html = admin_client.get(edit_url(course)).content.decode()
    data = form_data(html)
    data[field_prefix(html, "Next cohort") + "notes"] = "Changed."
    assert admin_client.post(edit_url(course), data).status_code == 302
    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=(course.pk, "earliest", "latest")
    )
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Changed." in response.content.decode()
