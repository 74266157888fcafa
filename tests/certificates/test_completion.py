"""The completion rule counts core sessions attended per person."""

import pytest

from certificates.completion import attendees
from certificates.issuing import issue_for_run
from certificates.models import Certificate, CertificateStatus, Source
from certificates.register import record_attendance
from tests.certificates.conftest import attend

pytestmark = pytest.mark.django_db


def test_only_the_person_at_five_or_more_of_six_completes(ended_cohort):
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    six, four, two = ended_cohort["places"]
    attend(sessions, six, 6)
    attend(sessions, four, 4)
    attend(sessions, two, 2)

    counts = {person.email: person.attended for person in attendees(run)}
    assert counts == {six.email: 6, four.email: 4, two.email: 2}

    issued = issue_for_run(run)

    assert [certificate.email for certificate in issued] == [six.email]
    certificate = issued[0]
    assert certificate.status == CertificateStatus.VALID
    assert certificate.sessions_attended == 6
    assert certificate.sessions_needed == 5
    assert str(certificate.cpd_hours) == "12.0"
    assert len(certificate.dates) == 6
    # Issuing again adds nobody: the one who completed already holds a valid one.
    assert issue_for_run(run) == []
    assert Certificate.objects.count() == 1


def test_a_unticked_session_no_longer_counts(ended_cohort):
    run, sessions = ended_cohort["run"], ended_cohort["sessions"]
    place = ended_cohort["places"][0]
    attend(sessions, place, 5)
    record_attendance(sessions[0], place=place, attended=False, source=Source.REGISTER)

    assert issue_for_run(run) == []
    assert place.attendance.get(session=sessions[0]).changes.count() == 2
