"""Keeping a session's register in the admin: ticks, walk-ins, Teams imports, matching."""

from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import (
    Attendance,
    AttendanceChange,
    AttendanceImport,
    Source,
    UnmatchedRow,
)
from certificates.register import record_attendance
from courses.models import CourseSession
from places.changes import record_new
from places.models import Place, PlaceChange, Status, Way
from staff.roles import COMMUNICATIONS, TRANSLATORS
from tests.courses.test_admin import (
    SOON,
    edit_sessions,
    form_errors,
    session_on,
    two_session_course,
)
from tests.places.conftest import course_index, drop_in  # noqa: F401
from tests.support.roles import client_for, staff_user

pytestmark = pytest.mark.django_db

REPORTS = Path(__file__).parent / "reports"


def register_url(session) -> str:
    return reverse("registers_admin:session", args=(session.pk,))


def shown(response) -> str:
    return response.content.decode()


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def place_for(run, name: str, email: str, status=Status.ACCEPTED, **extra) -> Place:
    return record_new(
        Place(run=run, name=name, email=email, way=Way.BOOKED, status=status, **extra),
        actor=PlaceChange.Actor.STAFF,
    )


def tick(client, session, keys: list[str], on_page: list[str]):
    return client.post(register_url(session), {"shown": on_page, "attended": keys})


def upload(client, session, path: Path, minimum: int = 60, content=None):
    report = SimpleUploadedFile(
        path.name, content if content is not None else path.read_bytes()
    )
    return client.post(
        reverse("registers_admin:import", args=(session.pk,)),
        {"report": report, "minimum_minutes": str(minimum)},
    )


@pytest.fixture
def lead(ended_cohort):
    return client_for(ended_cohort["lead"])


def test_menu_and_runs_show_only_the_facilitators_own_courses(ended_cohort, lead):
    run, other_run = ended_cohort["run"], ended_cohort["other_run"]
    first = ended_cohort["sessions"][0]
    record_attendance(
        first, place=ended_cohort["places"][0], attended=True, source=Source.REGISTER
    )

    dashboard = lead.get(reverse("wagtailadmin_home"))
    assert reverse("registers_admin:runs") in shown(dashboard)
    page = lead.get(reverse("registers_admin:runs"))

    assert page.status_code == 200
    html = shown(page)
    assert run.label in html
    assert other_run.course.title not in html
    assert register_url(first) in html
    assert first.when_text() in html
    # The newest run (the autumn cohort, still to come) is listed first.
    assert html.index(ended_cohort["next_run"].label) < html.index(run.label)
    assert lead.get(reverse("registers_admin:run", args=(run.pk,))).status_code == 200


def test_staff_without_the_permission_see_no_menu_and_are_turned_away(ended_cohort):
    translator = client_for(staff_user(TRANSLATORS, "translator"))
    session = ended_cohort["sessions"][0]

    dashboard = translator.get(reverse("wagtailadmin_home"))
    assert reverse("registers_admin:runs") not in shown(dashboard)
    for url in (reverse("registers_admin:runs"), register_url(session)):
        assert translator.get(url).status_code in (302, 403)
    response = tick(translator, session, ["place-1"], ["place-1"])
    assert response.status_code in (302, 403)
    assert not Attendance.objects.exists()


def test_another_courses_facilitator_gets_a_403_reading_and_posting(ended_cohort):
    other = client_for(ended_cohort["other_lead"])
    session = ended_cohort["sessions"][0]
    place = ended_cohort["places"][0]
    key = f"place-{place.pk}"

    assert other.get(register_url(session)).status_code == 403
    assert (
        other.get(
            reverse("registers_admin:run", args=(ended_cohort["run"].pk,))
        ).status_code
        == 403
    )
    assert tick(other, session, [key], [key]).status_code == 403
    added = other.post(
        reverse("registers_admin:add_person", args=(session.pk,)),
        {"name": "Walk In", "email": "walkin@example.org", "language": "en-gb"},
    )
    assert added.status_code == 403
    imported = upload(other, session, REPORTS / "classic-teams-utf8.csv")
    assert imported.status_code == 403
    assert not Attendance.objects.exists()
    assert not AttendanceImport.objects.exists()


def test_the_register_lists_accepted_places_and_logs_only_changed_lines(
    ended_cohort, lead
):
    session = ended_cohort["sessions"][0]
    one, two, three = ended_cohort["places"]
    offered = place_for(
        ended_cohort["run"], "Offered Person", "o@example.org", "offered"
    )
    keys = [f"place-{p.pk}" for p in (one, two, three)]

    html = shown(lead.get(register_url(session)))
    for place in (one, two, three):
        assert place.email in html
    assert offered.email not in html

    response = tick(lead, session, keys[:2], keys)
    assert response.status_code == 302
    assert "2 line(s) changed" in said(response)
    assert set(Attendance.objects.present().values_list("place", flat=True)) == {
        one.pk,
        two.pk,
    }
    assert AttendanceChange.objects.count() == 2

    # Saving the same ticks again logs nothing; unticking one logs one change.
    tick(lead, session, keys[:2], keys)
    assert AttendanceChange.objects.count() == 2
    tick(lead, session, keys[:1], keys)
    assert AttendanceChange.objects.count() == 3
    line = Attendance.objects.get(place=two)
    assert not line.attended
    assert [c.attended for c in line.changes.all()] == [True, False]
    assert {c.by for c in line.changes.all()} == {ended_cohort["lead"]}

    html = shown(lead.get(register_url(session)))
    assert "2 changes" in html
    assert ended_cohort["lead"].get_username() in html


def test_lines_added_after_the_page_was_opened_are_not_unticked(ended_cohort, lead):
    session = ended_cohort["sessions"][0]
    one, two, _three = ended_cohort["places"]
    record_attendance(session, place=two, attended=True, source=Source.REGISTER)

    tick(lead, session, [f"place-{one.pk}"], [f"place-{one.pk}"])

    assert Attendance.objects.get(place=two).attended
    assert Attendance.objects.get(place=one).attended


def test_communications_staff_keep_any_register(ended_cohort):
    comms = client_for(staff_user(COMMUNICATIONS, "comms"))
    other_run = ended_cohort["other_run"]
    session = other_run.sessions.get()
    place = place_for(other_run, "Writer", "writer@example.org")
    key = f"place-{place.pk}"

    assert comms.get(register_url(session)).status_code == 200
    assert tick(comms, session, [key], [key]).status_code == 302
    assert Attendance.objects.get(place=place).attended
    assert comms.get(register_url(ended_cohort["sessions"][0])).status_code == 200


def test_adding_someone_without_a_place_keeps_answers_on_error(ended_cohort, lead):
    session = ended_cohort["sessions"][2]
    url = reverse("registers_admin:add_person", args=(session.pk,))

    response = lead.post(url, {"name": "Gwen Walk-In", "email": "not-an-email"})
    assert response.status_code == 200
    html = shown(response)
    assert 'value="Gwen Walk-In"' in html
    assert 'value="not-an-email"' in html
    assert 'aria-invalid="true"' in html
    assert "data-error-summary" in html
    assert not Attendance.objects.exists()

    response = lead.post(
        url, {"name": "Gwen Walk-In", "email": "Gwen@Example.org", "language": "cy"}
    )
    assert response.status_code == 302
    line = Attendance.objects.get()
    assert (line.name, line.email, line.language) == (
        "Gwen Walk-In",
        "gwen@example.org",
        "cy",
    )
    assert line.attended and line.place is None
    assert line.source == Source.WALK_IN
    assert "Gwen Walk-In" in shown(lead.get(register_url(session)))


def test_adding_an_email_that_holds_a_place_ticks_the_place(ended_cohort, lead):
    session = ended_cohort["sessions"][2]
    place = ended_cohort["places"][1]

    response = lead.post(
        reverse("registers_admin:add_person", args=(session.pk,)),
        {"name": "Someone", "email": place.email.upper(), "language": "en-gb"},
    )

    assert response.status_code == 302
    assert "holds a place" in said(response)
    line = Attendance.objects.get()
    assert line.place == place and line.attended
    assert line.name == place.name


def test_someone_added_without_a_place_then_given_one_stays_one_line(
    ended_cohort, lead
):
    session = ended_cohort["sessions"][1]
    lead.post(
        reverse("registers_admin:add_person", args=(session.pk,)),
        {"name": "Late Booker", "email": "late@example.org", "language": "en-gb"},
    )
    place = place_for(ended_cohort["run"], "Late Booker", "late@example.org")
    key = f"place-{place.pk}"

    html = shown(lead.get(register_url(session)))
    assert html.count("late@example.org") == 1
    assert f'value="{key}" id="attended-{key}" checked' in html

    tick(lead, session, [], [key])

    line = Attendance.objects.get()
    assert line.place == place and not line.attended


def test_a_teams_import_with_one_unknown_name_leaves_that_row_to_match(
    ended_cohort, lead
):
    """Acceptance: upload a report, one row matches nobody; a person matches it."""
    lead_user = ended_cohort["lead"]
    lead_user.email = "lead-a@example.org"
    lead_user.save()
    session = ended_cohort["sessions"][3]
    one, two, three = ended_cohort["places"]
    two.name = "Person Two"
    two.save()
    visitor = place_for(ended_cohort["run"], "Dr U. Visitor", "drv@example.org")

    response = upload(lead, session, REPORTS / "new-teams-utf16.csv", minimum=60)

    assert response.status_code == 302, shown(response)
    messages = said(response)
    assert "2 ticked present" in messages
    assert "1 below the minimum" in messages
    assert "1 left to match" in messages
    assert "1 row(s) of the course's facilitators were left out" in messages
    report = AttendanceImport.objects.get()
    assert (report.rows_read, report.rows_matched, report.minimum_minutes) == (5, 3, 60)
    lines = {line.place: line for line in Attendance.objects.filter(session=session)}
    assert (lines[one].attended, lines[one].minutes) == (True, 119)
    assert (lines[three].attended, lines[three].minutes) == (True, 105)
    # Matched by its one exact name, but in the meeting too briefly: noted, not ticked.
    assert (lines[two].attended, lines[two].minutes) == (False, 20)
    assert lines[two].changes.get().source == Source.IMPORT
    assert visitor not in lines
    row = UnmatchedRow.objects.get()
    assert (row.name, row.minutes, row.outcome) == ("Dr Unknown Visitor", 110, "open")

    page = shown(lead.get(register_url(session)))
    assert "Report rows to match" in page
    assert "Dr Unknown Visitor" in page
    assert reverse("registers_admin:match", args=(row.pk,)) in page

    # Another course's facilitator cannot match it.
    other = client_for(ended_cohort["other_lead"])
    match_url = reverse("registers_admin:match", args=(row.pk,))
    assert other.post(match_url, {"choice": f"place-{visitor.pk}"}).status_code == 403

    response = lead.post(match_url, {"choice": f"place-{visitor.pk}"})

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.outcome == UnmatchedRow.Outcome.MATCHED
    assert row.decided_by == lead_user
    line = Attendance.objects.get(session=session, place=visitor)
    assert (line.attended, line.minutes) == (True, 110)
    change = line.changes.get()
    assert change.source == Source.IMPORT
    assert "matched by hand" in change.note
    assert row.attendance == line
    assert "Report rows to match" not in shown(lead.get(register_url(session)))


def test_importing_the_same_report_again_changes_nothing(ended_cohort, lead):
    session = ended_cohort["sessions"][3]
    upload(lead, session, REPORTS / "classic-teams-utf8.csv", minimum=60)
    changes = AttendanceChange.objects.count()

    response = upload(lead, session, REPORTS / "classic-teams-utf8.csv", minimum=60)

    assert "0 ticked present" in said(response)
    assert AttendanceChange.objects.count() == changes


def test_a_name_two_people_share_is_never_guessed(ended_cohort, lead):
    session = ended_cohort["sessions"][0]
    one, two, _three = ended_cohort["places"]
    for place in (one, two):
        place.name = "Sam Jones"
        place.save()
    content = (
        b"Full Name,Join Time,Leave Time,Duration,Email,Role\n"
        b"Sam Jones,a,b,1h 50m,,Attendee\n"
    )

    upload(lead, session, REPORTS / "ambiguous.csv", content=content)

    assert not Attendance.objects.exists()
    assert UnmatchedRow.objects.get().name == "Sam Jones"


def test_unmatched_rows_can_be_added_as_newcomers_or_dismissed(ended_cohort, lead):
    session = ended_cohort["sessions"][0]
    content = (
        b"Full Name,Join Time,Leave Time,Duration,Email,Role\n"
        b"New Face,a,b,1h 50m,new.face@example.org,Attendee\n"
        b"Test Call,a,b,2m,,Attendee\n"
    )
    upload(lead, session, REPORTS / "two.csv", content=content)
    new_face = UnmatchedRow.objects.get(name="New Face")
    test_call = UnmatchedRow.objects.get(name="Test Call")

    # A row without an email cannot become a person on its own.
    response = lead.post(
        reverse("registers_admin:match", args=(test_call.pk,)), {"choice": "new"}
    )
    assert "no email address" in said(response)
    lead.post(
        reverse("registers_admin:match", args=(test_call.pk,)), {"choice": "dismiss"}
    )
    lead.post(reverse("registers_admin:match", args=(new_face.pk,)), {"choice": "new"})

    line = Attendance.objects.get()
    assert (line.email, line.name, line.minutes, line.attended, line.place) == (
        "new.face@example.org",
        "New Face",
        110,
        True,
        None,
    )
    outcomes = dict(UnmatchedRow.objects.values_list("name", "outcome"))
    assert outcomes == {"New Face": "matched", "Test Call": "dismissed"}


def test_a_file_that_is_not_a_report_is_refused_with_the_minimum_kept(
    ended_cohort, lead
):
    session = ended_cohort["sessions"][0]

    response = upload(
        lead, session, REPORTS / "list.csv", minimum=75, content=b"Name,Email\n"
    )

    assert response.status_code == 200
    html = shown(response)
    assert "No table of participants" in html
    assert 'value="75"' in html
    assert 'aria-invalid="true"' in html
    assert not AttendanceImport.objects.exists()


def test_a_drop_in_register_lists_that_dates_places_and_the_series(drop_in, db):  # noqa: F811
    comms = client_for(staff_user(COMMUNICATIONS, "comms"))
    first, second, _third = drop_in["sessions"]
    run = drop_in["run"]
    dated = place_for(run, "First Date", "first@example.org", session=first)
    series = place_for(run, "Whole Series", "series@example.org")

    first_page = shown(comms.get(register_url(first)))
    second_page = shown(comms.get(register_url(second)))

    assert dated.email in first_page and series.email in first_page
    assert dated.email not in second_page and series.email in second_page


def test_a_session_with_a_register_cannot_be_removed_by_editing(
    admin_client,
    course_index,  # noqa: F811
):
    course, (first, second) = two_session_course(admin_client, course_index)
    record_attendance(
        second,
        attended=True,
        source=Source.WALK_IN,
        name="Walk In",
        email="walkin@example.org",
    )
    sessions = [
        {**session_on(SOON), "id": str(first.pk)},
        {**session_on(second.start.date()), "id": str(second.pk), "DELETE": "1"},
    ]

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        edit_sessions(course, sessions, cpd_hours="2", **{"action-publish": "1"}),
    )

    assert response.status_code == 200
    errors = [text for _field, text in form_errors(response.context["form"])]
    assert any("has places or a register" in e for e in errors), errors
    assert CourseSession.objects.filter(pk=second.pk).exists()
    assert Attendance.objects.filter(session=second, attended=True).exists()
