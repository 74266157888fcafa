"""The real page editor: the weekly generator and every publish-time check."""

from calendar import MONDAY, TUESDAY, WEDNESDAY
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.demo.relative_dates import next_clock_change, weekday_on_or_after
from courses.models import CoursePage, Testimonial
from courses.rules import LONDON

pytestmark = pytest.mark.django_db


def weeks_ahead(weeks: int, weekday: int = MONDAY) -> date:
    """The weekday on or after this many weeks from today (negative: in the past)."""
    return weekday_on_or_after(timezone.localdate() + timedelta(weeks=weeks), weekday)


# Relative to today, so the publish checks see these as upcoming or past.
SOON = weeks_ahead(8)
PAST = weeks_ahead(-26)
A_WEDNESDAY = weeks_ahead(8, WEDNESDAY)
A_TUESDAY = weeks_ahead(8, TUESDAY)


def session(start: str, end: str, **extra) -> dict:
    return {
        "start": start,
        "end": end,
        "format": "online",
        "status": "scheduled",
        "platform": "MS Teams",
        **extra,
    }


def session_on(day: date, start: str = "15:00", end: str = "17:00") -> dict:
    """A session on a day at London wall-clock times, as the admin form posts it."""
    return session(f"{day} {start}", f"{day} {end}")


def run(title: str = "Spring cohort", sessions=(), **extra) -> dict:
    data = {
        "title": title,
        "notes": "",
        "bookable": "on",
        "generate_format": "online",
        "sessions": sessions
        if isinstance(sessions, dict)
        else inline_formset(list(sessions)),
    }
    data.update(extra)
    return data


def post_course(client, parent, runs=(), tiers=(), action="action-publish", **fields):
    data = {
        "title": "Compassionate Leadership Training",
        "slug": "compassionate-leadership",
        "summary": "Six weekly online sessions for leaders.",
        "body": streamfield([]),
        "cpd_hours": "12",
        # Needs no form page, so publishing checks only what these tests are about.
        "participation": "join",
        "completion": "all",
        "price_tiers": inline_formset(list(tiers)),
        "course_facilitators": inline_formset([]),
        "runs": inline_formset(list(runs)),
        action: "1",
    }
    data.update(fields)
    url = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", parent.pk))
    return client.post(url, nested_form_data(data))


def published_course() -> CoursePage:
    return CoursePage.objects.live().get(slug="compassionate-leadership")


def test_generator_makes_weekly_sessions_across_the_clock_change(
    admin_client, course_index
):
    change = next_clock_change(timezone.localdate() + timedelta(weeks=2))
    # From the Monday two weeks before the change, skipping the Monday after it.
    first, skipped = change - timedelta(days=13), change + timedelta(days=1)
    generator = {
        "generate_count": "6",
        "generate_from": first.isoformat(),
        "generate_start_time": "15:00",
        "generate_end_time": "17:00",
        "generate_skip": skipped.isoformat(),
        "generate_platform": "MS Teams",
    }
    response = post_course(admin_client, course_index, runs=[run(**generator)])
    assert response.status_code == 302, response.content.decode()[:3000]
    sessions = list(
        published_course()
        .runs.get()
        .sessions.order_by("start")
        .values_list("start", "end")
    )
    starts = [start.astimezone(UTC) for start, _end in sessions]
    before, after = (
        datetime.combine(day, time(12), tzinfo=LONDON).utcoffset()
        for day in (change - timedelta(days=1), skipped)
    )
    assert before != after
    # 15:00 in London is 15:00 UTC less the offset in force that side of the change.
    assert starts == [
        datetime.combine(day, time(15), tzinfo=UTC)
        - (after if day > change else before)
        for day in (first + timedelta(weeks=n) for n in (0, 1, 3, 4, 5, 6))
    ]
    assert all((end - start).seconds == 7200 for start, end in sessions)


def test_generator_refuses_incomplete_instructions(admin_client, course_index):
    response = post_course(admin_client, course_index, runs=[run(generate_count="3")])
    assert response.status_code == 200
    assert "Needed to generate sessions." in response.content.decode()
    assert not CoursePage.objects.filter(slug="compassionate-leadership").exists()


def test_valid_course_publishes(admin_client, course_index):
    response = post_course(
        admin_client,
        course_index,
        runs=[
            run(
                sessions=[
                    session_on(SOON),
                    session_on(SOON + timedelta(weeks=1)),
                ]
            )
        ],
        cpd_hours="4",
        tiers=[
            {
                "label": "Per person",
                "amount": "200",
                "places": "1",
                "eligibility": "anyone",
            }
        ],
    )
    assert response.status_code == 302
    course = published_course()
    assert course.runs.get().sessions.count() == 2
    assert course.price_tiers.get().amount == 200


@pytest.mark.parametrize(
    ("runs", "fields", "tiers", "message"),
    [
        (
            [run(sessions=[session_on(SOON, "17:00", "15:00")])],
            {"cpd_hours": ""},
            [],
            "The session ends before it starts.",
        ),
        (
            [
                run(
                    sessions=[
                        session_on(SOON + timedelta(weeks=1)),
                        session_on(SOON),
                    ]
                )
            ],
            {},
            [],
            "Sessions are out of order",
        ),
        (
            [run(sessions=[session_on(SOON), session_on(SOON)])],
            {},
            [],
            "Another session already starts at this time.",
        ),
        (
            [
                run(
                    title=f"Tuesday {A_WEDNESDAY.day} {A_WEDNESDAY:%B %Y}",
                    sessions=[session_on(A_WEDNESDAY, "09:30", "12:30")],
                )
            ],
            {"cpd_hours": "3"},
            [],
            f"{A_WEDNESDAY.day} {A_WEDNESDAY:%B %Y} is a Wednesday",
        ),
        (
            [
                run(
                    title="Workshop",
                    notes=(
                        f"Join us on Tuesday {A_TUESDAY.day} {A_TUESDAY:%B} "
                        f"{A_TUESDAY.year - 1}."
                    ),
                    sessions=[session_on(A_TUESDAY, "09:30", "12:30")],
                )
            ],
            {"cpd_hours": "3"},
            [],
            f"gives the year {A_TUESDAY.year - 1}",
        ),
        (
            [run(sessions=[session_on(SOON)])],
            {"cpd_hours": "12"},
            [],
            "12 CPD hours is more than the 2 hours of sessions",
        ),
        (
            [run(sessions=[session_on(PAST)])],
            {"cpd_hours": "2"},
            [],
            "Every session of this run is in the past",
        ),
        (
            [],
            {},
            [
                {
                    "label": "Introductory rate (70% off)",
                    "amount": "50",
                    "compared_against": "125",
                    "places": "1",
                    "eligibility": "anyone",
                }
            ],
            "The text claims 70% but the numbers give 60%.",
        ),
        (
            [],
            {},
            [
                {
                    "label": "Special offer",
                    "description": "Save 20%",
                    "amount": "50",
                    "places": "1",
                    "eligibility": "anyone",
                }
            ],
            "the numbers give no discount",
        ),
    ],
    ids=[
        "ends-before-start",
        "out-of-order",
        "duplicate",
        "weekday",
        "year",
        "cpd-hours",
        "bookable-past",
        "discount-claim",
        "discount-without-comparison",
    ],
)
def test_publish_time_checks(admin_client, course_index, runs, fields, tiers, message):
    response = post_course(admin_client, course_index, runs=runs, tiers=tiers, **fields)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html.replace("&#x27;", "'")
    assert not CoursePage.objects.filter(slug="compassionate-leadership").exists()


def test_past_bookable_run_can_be_saved_as_draft(admin_client, course_index):
    response = post_course(
        admin_client,
        course_index,
        runs=[run(sessions=[session_on(PAST)])],
        cpd_hours="2",
        action="action-save",
    )
    assert response.status_code == 302
    assert not CoursePage.objects.get(slug="compassionate-leadership").live


def edit_data(course, session_start: str, session_end: str, **run_extra) -> dict:
    run_row = course.runs.get()
    session_row = run_row.sessions.get()
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "body": streamfield([]),
        "cpd_hours": "",
        # Needs no form page, so publishing checks only what these tests are about.
        "participation": "join",
        "completion": "all",
        "price_tiers": inline_formset([]),
        "course_facilitators": inline_formset([]),
        "runs": inline_formset(
            [
                run(
                    id=str(run_row.pk),
                    sessions=inline_formset(
                        [session(session_start, session_end, id=str(session_row.pk))],
                        initial=1,
                    ),
                    **run_extra,
                )
            ],
            initial=1,
        ),
        "action-publish": "1",
    }
    return nested_form_data(data)


def test_editing_a_time_in_the_admin_raises_sequence(admin_client, course_index):
    post_course(
        admin_client,
        course_index,
        runs=[run(sessions=[session_on(SOON)])],
        cpd_hours="",
    )
    course = published_course()
    original = course.runs.get().sessions.get()
    url = reverse("wagtailadmin_pages:edit", args=(course.pk,))
    response = admin_client.post(
        url, edit_data(course, f"{SOON} 16:00", f"{SOON} 18:00")
    )
    assert response.status_code == 302
    changed = published_course().runs.get().sessions.get()
    assert changed.uid == original.uid
    assert changed.sequence == original.sequence + 1
    assert changed.start == datetime.combine(SOON, time(16), tzinfo=LONDON)


def test_generator_adds_to_an_existing_run_through_the_edit_form(
    admin_client, course_index
):
    post_course(
        admin_client,
        course_index,
        runs=[run(sessions=[session_on(SOON)])],
        cpd_hours="",
    )
    course = published_course()
    url = reverse("wagtailadmin_pages:edit", args=(course.pk,))
    response = admin_client.post(
        url,
        edit_data(
            course,
            f"{SOON} 15:00",
            f"{SOON} 17:00",
            generate_count="2",
            generate_from=(SOON + timedelta(weeks=1)).isoformat(),
            generate_start_time="15:00",
            generate_end_time="17:00",
        ),
    )
    assert response.status_code == 302
    sessions = published_course().runs.get().sessions.all()
    assert [s.start.date() for s in sessions] == [
        SOON + timedelta(weeks=n) for n in range(3)
    ]


def test_preview_renders_unsaved_runs(admin_client, course_index):
    post_course(
        admin_client,
        course_index,
        runs=[run(sessions=[session_on(SOON)])],
        cpd_hours="",
    )
    course = published_course()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(course.pk,))
    data = edit_data(course, f"{SOON} 15:00", f"{SOON} 17:00")
    data["runs-0-id"] = ""
    data["runs-0-sessions-0-id"] = ""
    data["runs-INITIAL_FORMS"] = "0"
    data["runs-0-sessions-INITIAL_FORMS"] = "0"
    data["runs-0-title"] = "Preview cohort"
    assert admin_client.post(url, data).status_code == 200
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Preview cohort" in response.content.decode()


def test_edit_form_shows_nested_sessions_and_generator(admin_client, course, run):
    edit = reverse("wagtailadmin_pages:edit", args=(course.pk,))
    response = admin_client.get(f"{edit}?sessions={run.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="runs-0-sessions-0-start"' in html
    assert 'name="runs-0-generate_count"' in html
    assert "Add weekly sessions" in html


def test_testimonial_snippet_can_be_created_in_the_admin(admin_client, course):
    response = admin_client.post(
        reverse("wagtailsnippets_courses_testimonial:add"),
        {
            "quote": "A calm, useful morning.",
            "attribution": "role",
            "role": "Occupational therapist",
            "course": str(course.pk),
            "consent_given_on": (timezone.localdate() - timedelta(days=60)).isoformat(),
            "consent_wording": "Website, with my role.",
            "consent_attribution": "role",
            "locale": str(course.locale_id),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Testimonial.objects.get().role == "Occupational therapist"


def form_errors(form) -> list[tuple[str, str]]:
    """Every error on a page form and its nested formsets, as (prefixed field, text)."""
    found = [
        (
            form.add_prefix(name) if name != "__all__" else f"{form.prefix}:__all__",
            str(m),
        )
        for name, messages in form.errors.items()
        for m in messages
    ]
    for formset in getattr(form, "formsets", {}).values():
        found += [
            (f"{formset.prefix}:__all__", str(m)) for m in formset.non_form_errors()
        ]
        for child in formset.forms:
            found += form_errors(child)
    return found


def edit_sessions(course, sessions: list[dict], **fields) -> dict:
    """The edit form of a one-run course with these sessions, as the browser posts it."""
    run_row = course.runs.get()
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "body": streamfield([]),
        "cpd_hours": str(course.cpd_hours or ""),
        # Needs no form page, so publishing checks only what these tests are about.
        "participation": "join",
        "completion": "all",
        "price_tiers": inline_formset([]),
        "course_facilitators": inline_formset([]),
        "runs": inline_formset(
            [run(id=str(run_row.pk), sessions=inline_formset(sessions, initial=2))],
            initial=1,
        ),
    }
    data.update(fields)
    return nested_form_data(data)


def two_session_course(client, course_index) -> tuple[CoursePage, list]:
    """A published four-hour course of two weekly two-hour sessions."""
    response = post_course(
        client,
        course_index,
        runs=[run(sessions=[session_on(SOON), session_on(SOON + timedelta(weeks=1))])],
        cpd_hours="4",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    course = published_course()
    return course, list(course.runs.get().sessions.order_by("start"))


def test_end_before_start_is_the_only_error_on_publish(admin_client, course_index):
    course, (first, second) = two_session_course(admin_client, course_index)
    later = SOON + timedelta(weeks=1)
    sessions = [
        {**session_on(SOON), "id": str(first.pk)},
        # The end typed an hour before the start: no knock-on CPD-hours error.
        {**session_on(later, "15:00", "14:00"), "id": str(second.pk)},
    ]
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        edit_sessions(course, sessions, **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert form_errors(response.context["form"]) == [
        ("runs-0-sessions-1-end", "The session ends before it starts.")
    ]


def test_autosave_of_a_half_written_session_is_not_held_up(admin_client, course_index):
    course, (first, second) = two_session_course(admin_client, course_index)
    sessions = [
        {**session_on(SOON), "id": str(first.pk)},
        {**session_on(SOON + timedelta(weeks=1)), "id": str(second.pk)},
        # A third session being typed: its date is earlier than the one above so far.
        session_on(SOON, "09:00", "08:00"),
    ]
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        edit_sessions(course, sessions, cpd_hours="40"),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is True, response.json()


@pytest.mark.parametrize("action", ["action-save", "action-publish"])
def test_generator_refuses_a_session_that_is_already_listed(
    admin_client, course_index, action
):
    generator = {
        "generate_count": "2",
        "generate_from": SOON.isoformat(),
        "generate_start_time": "15:00",
        "generate_end_time": "17:00",
        "generate_platform": "MS Teams",
    }
    response = post_course(
        admin_client,
        course_index,
        runs=[run(sessions=[session_on(SOON)], **generator)],
        cpd_hours="",
        action=action,
    )
    assert response.status_code == 200
    assert form_errors(response.context["form"]) == [
        (
            "runs-0-generate_from",
            f"A generated session clashes with one already listed on "
            f"{SOON.day} {SOON:%B %Y}.",
        )
    ]


GENERATOR = {
    "generate_count": "4",
    "generate_from": SOON.isoformat(),
    "generate_start_time": "15:00",
    "generate_end_time": "17:00",
    "generate_platform": "MS Teams",
}


def new_course_data(**run_fields) -> dict:
    """A never-published course with one run, as the create form posts it."""
    return nested_form_data(
        {
            "title": "Compassionate Leadership Training",
            "slug": "compassionate-leadership",
            "summary": "Six weekly online sessions for leaders.",
            "body": streamfield([]),
            "cpd_hours": "",
            "participation": "join",
            "completion": "all",
            "price_tiers": inline_formset([]),
            "course_facilitators": inline_formset([]),
            "runs": inline_formset([run(**run_fields)]),
        }
    )


def generated_in_draft(page_pk: int) -> list:
    page = CoursePage.objects.get(pk=page_pk).get_latest_revision_as_object()
    return [s.start for run_row in page.runs.all() for s in run_row.sessions.all()]


def test_autosave_never_runs_the_generator_only_an_explicit_save_does(
    admin_client, course_index
):
    create = reverse(
        "wagtailadmin_pages:add", args=("courses", "coursepage", course_index.pk)
    )
    json = {"Accept": "application/json"}
    # Wagtail's autosave script posts the whole form as it stands; ours marks it.
    data = {**new_course_data(**GENERATOR), "autosave": "1"}
    first = admin_client.post(create, data, headers=json).json()
    assert first["success"] is True, first
    assert generated_in_draft(first["pk"]) == []

    # The next autosaves go to the edit view with the ids Wagtail handed back.
    edit = reverse("wagtailadmin_pages:edit", args=(first["pk"],))
    data |= first["field_updates"] | {"overwrite_revision_id": first["revision_id"]}
    for _autosave in range(3):
        again = admin_client.post(edit, data, headers=json).json()
        assert again["success"] is True, again
        data["overwrite_revision_id"] = again["revision_id"]
    assert generated_in_draft(first["pk"]) == []

    # "Save draft" is the editor's own choice: now the four sessions appear, once.
    del data["autosave"], data["overwrite_revision_id"]
    assert admin_client.post(edit, data).status_code == 302
    assert admin_client.post(edit, data).status_code == 302
    starts = generated_in_draft(first["pk"])
    assert sorted(s.date() for s in starts) == [
        SOON + timedelta(weeks=n) for n in range(4)
    ]


def test_autosave_of_a_generator_still_being_typed_reports_no_error(
    admin_client, course_index
):
    create = reverse(
        "wagtailadmin_pages:add", args=("courses", "coursepage", course_index.pk)
    )
    data = {**new_course_data(generate_count="4"), "autosave": "1"}
    response = admin_client.post(create, data, headers={"Accept": "application/json"})
    assert response.json()["success"] is True, response.json()
