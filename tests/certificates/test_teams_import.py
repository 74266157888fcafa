"""Reading the attendance reports Microsoft Teams produces, in both layouts."""

from pathlib import Path

import pytest

from certificates.teams import ReportError, duration_seconds, read_report

REPORTS = Path(__file__).parent / "reports"


def by_name(people) -> dict:
    return {person.name: person for person in people}


def test_new_teams_report_in_utf16_with_tabs_reads_the_participants_section():
    people = by_name(read_report((REPORTS / "new-teams-utf16.csv").read_bytes()))

    assert set(people) == {
        "Lead Facilitator",
        "Person One",
        "Person Two",
        "Person Three",
        "Dr Unknown Visitor",
    }
    # The per-person section only: the activities below it are not counted twice.
    assert people["Person Three"].minutes == 105
    assert people["Person One"].minutes == 119
    assert people["Person One"].email == "person1@example.org"
    assert people["Person Two"].email == ""
    assert people["Person Two"].minutes == 20
    assert people["Lead Facilitator"].is_organiser
    assert not people["Person One"].is_organiser


def test_classic_report_in_utf8_with_bom_sums_rejoins():
    people = by_name(read_report((REPORTS / "classic-teams-utf8.csv").read_bytes()))

    assert set(people) == {"Lead Facilitator", "Person One", "Person Two"}
    # 40m + 1h 5m 59s, and 59s + 45m 12s: seconds summed, then whole minutes.
    assert people["Person One"].minutes == 105
    assert people["Person One"].rows == 2
    assert people["Person Two"].minutes == 46
    assert people["Lead Facilitator"].minutes == 124


def test_activities_alone_are_summed_per_person():
    text = (
        "3. In-Meeting Activities\n"
        "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
        "Person Three\t10:02\t10:50\t48m\tperson3@example.org\tAttendee\n"
        "Person Three\t11:02\t11:59\t57m 12s\tPerson3@Example.org\tAttendee\n"
    )
    (person,) = read_report(text.encode("utf-16"))

    assert person.minutes == 105
    assert person.email == "person3@example.org"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h 5m 3s", 3903),
        ("45m 12s", 2712),
        ("59s", 59),
        ("2h", 7200),
        ("1h 4s", 3604),
        ("01:05:03", 3903),
        ("45:12", 2712),
        ("", 0),
    ],
)
def test_durations(text, seconds):
    assert duration_seconds(text) == seconds


def test_a_guest_upn_is_not_taken_for_an_email():
    text = (
        "Full Name,Join Time,Leave Time,Duration,Participant ID (UPN),Role\n"
        "Guest Person,a,b,50m,guest_example.org#EXT#@centre.onmicrosoft.com,Attendee\n"
        "Staff Person,a,b,50m,staff@example.org,Presenter\n"
    )
    people = by_name(read_report(text.encode("utf-8")))

    assert people["Guest Person"].email == ""
    assert people["Staff Person"].email == "staff@example.org"
    assert people["Staff Person"].is_organiser


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff\xfe\x00garbage",
        b"Name,Email\nPerson One,person1@example.org\n",
        b"just some words\n",
    ],
)
def test_files_that_are_not_reports_are_refused_with_a_reason(content):
    with pytest.raises(ReportError) as refused:
        read_report(content)
    assert str(refused.value)
