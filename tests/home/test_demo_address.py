"""`make run PORT=…` and the demo: printed logins and the Site record use that port."""

import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]


def test_make_run_passes_its_address_to_the_demo_and_the_server():
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=9201"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "load_demo_content --base-url http://127.0.0.1:9201" in plan
    assert "Serving http://127.0.0.1:9201/" in plan
    assert "8000" not in plan


def test_demo_prints_and_records_the_address_it_is_served_on(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    # Not a transactional test: a flush would remove the tree other tests need.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", base_url="http://127.0.0.1:9201", stdout=out)
    printed = out.getvalue()
    assert "Admin login: http://127.0.0.1:9201/admin/" in printed
    assert "Facilitator login: http://127.0.0.1:9201/admin/" in printed
    assert ":8000" not in printed
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:9201"


def test_an_address_without_a_scheme_is_refused_before_anything_is_built():
    with pytest.raises(CommandError, match="is not an address such as"):
        call_command("load_demo_content", base_url="127.0.0.1:9201")
    assert not Site.objects.filter(hostname="127.0.0.1").exists()


def test_development_prints_which_demo_logins_skip_the_second_factor(
    demo_site, settings, django_capture_on_commit_callbacks
):
    assert "skip the second factor" not in demo_site.output
    settings.DEBUG = True
    settings.TWO_FACTOR_EXEMPT_USERNAMES = ["admin", "facilitator"]
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=out)
    assert "admin, facilitator skip the second factor" in out.getvalue()
