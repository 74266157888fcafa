"""Runs, sessions and price tiers are drawn lightly in the course editor (decision 0028)."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from courses.models import CoursePage, CourseRun
from tests.courses.editor.test_past_runs import (
    edit_url,
    errors_of,
    field_prefix,
    form_data,
    publish,
)
from tests.factories.courses import (
    CoursePageFactory,
    CourseRunFactory,
    CourseSessionFactory,
)

pytestmark = pytest.mark.django_db

# Wagtail's own markup drew each upcoming session in about 16 KB.
MAX_BYTES_PER_SESSION = 9 * 1024


def add_upcoming_run(course: CoursePage, title: str, sessions: int) -> CourseRun:
    first = timezone.now().replace(second=0, microsecond=0) + timedelta(days=10)
    run = CourseRunFactory(course=course, title=title)
    for week in range(sessions):
        start = first + timedelta(weeks=week)
        CourseSessionFactory(run=run, start=start, end=start + timedelta(hours=2))
    return run


def editor_html(client, course: CoursePage, *opened: CourseRun) -> str:
    """The course editor, with the sessions of the `opened` runs in its form."""
    query = "&".join(f"sessions={run.pk}" for run in opened)
    response = client.get(edit_url(course) + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return response.content.decode()


def empty_session_rows(html: str) -> list[str]:
    """The formsets whose empty session row the page sends."""
    return re.findall(r'name="(runs-[^"]*-sessions)-__prefix__-start"', html)


def test_every_run_shares_the_one_empty_session_row(admin_client, course):
    spring = add_upcoming_run(course, "Spring cohort", 2)
    summer = add_upcoming_run(course, "Summer cohort", 2)
    publish(course)
    html = editor_html(admin_client, course, spring, summer)
    assert empty_session_rows(html) == ["runs-__prefix__-sessions"]
    soup = BeautifulSoup(html, "html.parser")
    for run in (0, 1):
        template = soup.find(id=f"id_runs-{run}-sessions-EMPTY_FORM_TEMPLATE")
        assert template["data-rows-from"] == "id_runs-EMPTY_FORM_TEMPLATE"
        assert template["data-rows-nested"] == (
            "id_runs-__prefix__-sessions-EMPTY_FORM_TEMPLATE"
        )
        assert template["data-rows-index"] == str(run)
    # The empty run row comes before the runs, so each run finds it when it starts.
    assert html.index('id="id_runs-EMPTY_FORM_TEMPLATE"') < html.index(
        'id="inline_child_runs-0"'
    )


def test_row_help_is_written_once_and_every_field_points_to_it(admin_client, course):
    run = add_upcoming_run(course, "Spring cohort", 3)
    publish(course)
    soup = BeautifulSoup(editor_html(admin_client, course, run), "html.parser")
    form = soup.find("form", id="page-edit-form")
    shown = form.find_all(string=re.compile("UK time"))
    assert len([text for text in shown if not text.find_parent("template")]) == 2
    for field in form.find_all(attrs={"aria-describedby": True}):
        for described_by in field["aria-describedby"].split():
            assert soup.find(id=described_by) is not None, (field["name"], described_by)
    start = form.find("input", attrs={"name": "runs-0-sessions-2-start"})
    help_text = soup.find(id=start["aria-describedby"])
    assert " ".join(help_text.get_text().split()) == (
        "Start: UK time (GMT or BST as on that date)."
    )
    label = form.find("label", attrs={"for": start["id"]})
    assert label.get_text(strip=True) == "Start*"


def test_a_row_field_error_is_shown_and_tied_to_its_field(admin_client, course):
    run = add_upcoming_run(course, "Spring cohort", 2)
    publish(course)
    html = editor_html(admin_client, course, run)
    data = form_data(html)
    prefix = field_prefix(html, "Spring cohort")
    data[f"{prefix}sessions-1-start"] = "not a date"
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 200
    assert "Enter a valid date/time." in errors_of(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    start = soup.find("input", attrs={"name": f"{prefix}sessions-1-start"})
    assert start["aria-invalid"] == "true"
    error_id = f"id_{prefix}sessions-1-start-errors"
    assert error_id in start["aria-describedby"].split()
    assert "Enter a valid date/time." in soup.find(id=error_id).get_text()


def test_each_upcoming_session_adds_less_than_wagtail_drew(admin_client, course_index):
    sizes = []
    for sessions in (2, 12):
        course = CoursePageFactory(parent=course_index, title=f"{sessions} sessions")
        run = add_upcoming_run(course, "Spring cohort", sessions)
        publish(course)
        sizes.append(len(editor_html(admin_client, course, run).encode()))
    assert (sizes[1] - sizes[0]) / 10 < MAX_BYTES_PER_SESSION, sizes


def test_the_editor_sends_no_indentation_and_keeps_typed_text_exactly(
    admin_client, course
):
    notes = "Bring a notebook.\n    Indented line, kept.\n\n  Last line."
    run = add_upcoming_run(course, "Spring cohort", 2)
    run.notes = notes
    run.save()
    publish(course)
    html = editor_html(admin_client, course)
    outside_kept = re.sub(
        r"<(textarea|pre|script|style)\b.*?</\1>", "<kept/>", html, flags=re.S | re.I
    )
    assert re.search(r"\n[ \t]+<", outside_kept) is None
    assert re.search(r">\s*\n\s*\n", outside_kept) is None

    data = form_data(html)
    assert data[field_prefix(html, "Spring cohort") + "notes"] == notes
    response = admin_client.post(edit_url(course), data)
    assert response.status_code == 302, errors_of(response)
    assert CoursePage.objects.get(pk=course.pk).runs.get().notes == notes
