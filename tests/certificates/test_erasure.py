"""Erasing a person in the admin reaches registers and certificates."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from certificates.issuing import issue_for_run
from certificates.models import Attendance, Certificate, CertificateStatus
from tests.certificates.conftest import attend

pytestmark = pytest.mark.django_db


def test_erasing_a_person_drops_their_register_and_revokes_their_certificate(
    ended_cohort,
):
    sessions = ended_cohort["sessions"]
    erased, kept = ended_cohort["places"][:2]
    attend(sessions, erased, 6)
    attend(sessions, kept, 5)
    issue_for_run(ended_cohort["run"])
    code = Certificate.objects.get(email=erased.email).code

    admin = Client()
    admin.force_login(
        get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-1")
    )
    response = admin.post(
        "/admin/forms-app/person/erase/", {"email": erased.email.upper()}
    )

    assert response.status_code == 302
    assert not Attendance.objects.filter(email__iexact=erased.email).exists()
    gone = Certificate.objects.get(code=code)
    assert (gone.name, gone.email, gone.status) == ("", "", CertificateStatus.REVOKED)
    page = Client().get(f"/certificates/verify/{code}/")
    assert "revoked" in page.content.decode()
    assert erased.name not in page.content.decode()
    # The other person keeps their register and certificate.
    assert Attendance.objects.filter(email=kept.email).count() == 5
    assert Certificate.objects.get(email=kept.email).status == CertificateStatus.VALID
