"""The demo content command builds the site once and changes nothing the second time."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Revision

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    project_models = [
        model
        for app in (
            "home",
            "courses",
            "facilitators",
            "forms_app",
            "places",
            "certificates",
        )
        for model in apps.get_app_config(app).get_models()
    ]
    result = {m._meta.label: m.objects.count() for m in project_models}
    result["pages"] = Page.objects.count()
    result["revisions"] = Revision.objects.count()
    return result


def test_demo_content_is_idempotent_and_serves_both_languages(
    client, demo_site, django_capture_on_commit_callbacks
):
    first = counts()
    # The second run, on the site the first one built.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=StringIO())
    assert counts() == first

    home = client.get("/")
    assert home.status_code == 200
    assert "Compassionate practice for health and care teams" in home.content.decode()

    welsh = client.get("/cy/")
    assert welsh.status_code == 200
    html = welsh.content.decode()
    assert '<html lang="cy">' in html
    assert "Ymarfer tosturiol i dimau iechyd a gofal" in html
    assert client.get("/cy/about/").status_code == 200
