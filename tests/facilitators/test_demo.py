"""The demo builder adds fictional facilitators and a working facilitator login."""

import pytest
from django.urls import reverse

from facilitators.demo import FACILITATOR_PASSWORD, FACILITATOR_USERNAME
from facilitators.models import FacilitatorPage
from tests.support.admin import assert_refused

pytestmark = pytest.mark.django_db


def test_demo_facilitators_and_login(client, settings, demo_site):
    out = demo_site.output
    assert (
        f"Facilitator login: {settings.WAGTAILADMIN_BASE_URL}/admin/  username "
        f"{FACILITATOR_USERNAME}  password {FACILITATOR_PASSWORD}"
    ) in out
    assert "Admin login:" in out

    english = FacilitatorPage.objects.filter(locale__language_code="en-gb")
    assert english.count() == 4
    assert all("(demo)" in page.title and page.photo_id for page in english)
    assert FacilitatorPage.objects.filter(locale__language_code="cy").count() == 4

    html = client.get("/facilitators/").content.decode()
    assert html.count('class="card facilitator-card"') == 4
    welsh = FacilitatorPage.objects.get(
        locale__language_code="cy", slug="dr-priya-halden"
    )
    assert welsh.role == "Seicolegydd clinigol"

    assert client.login(username=FACILITATOR_USERNAME, password=FACILITATOR_PASSWORD)
    own = english.get(user__username=FACILITATOR_USERNAME)
    other = english.exclude(pk=own.pk).first()
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    )
    assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])))
