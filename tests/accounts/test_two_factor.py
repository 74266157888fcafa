"""Every admin sign-in needs a second factor: enrolment, verification, backup codes."""

import os
import re
import subprocess
import sys
from html import unescape
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.two_factor import app_device, code_for, code_for_secret

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passw0rd"
VERIFY = "/admin/two-factor/verify/"
ENROL = "/admin/two-factor/enrol/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )


def sign_in(client, username: str = "editor", password: str = PASSWORD):
    """Sign in through the admin's login page, as a person does."""
    response = client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )
    assert response.status_code == 302, "the password was refused"
    return response


def test_password_alone_leads_to_verify_not_the_dashboard(client, editor):
    app_device(editor)
    sign_in(client)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert client.get("/admin/pages/").status_code == 302


def test_verify_with_the_app_code_opens_the_admin(client, editor):
    device = app_device(editor)
    sign_in(client)
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_verify_never_sends_anyone_off_site(client, editor):
    device = app_device(editor)
    sign_in(client)
    response = client.post(
        VERIFY, {"code": code_for(device), "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/admin/"


def test_a_wrong_code_is_refused_with_an_announced_error(client, editor):
    device = app_device(editor)
    sign_in(client)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong, "next": "/admin/"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert client.get("/admin/").status_code == 302


def test_user_without_a_device_is_sent_to_enrol(client, editor):
    sign_in(client)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fadmin%2Fpages%2F"
    assert client.get(VERIFY)["Location"].startswith(ENROL)


def test_enrolment_with_the_code_from_the_shown_secret_verifies_and_shows_backup_codes(
    client, editor
):
    sign_in(client)
    page = client.get(ENROL + "?next=/admin/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html  # the QR code, drawn inline
    assert 'autocomplete="one-time-code"' in html
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', html).group(1)
    # A refresh shows the same secret: the app scanned first still works.
    assert secret in client.get(ENROL).content.decode()

    response = client.post(ENROL, {"code": code_for_secret(secret), "next": "/admin/"})
    html = response.content.decode()
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10
    assert "no-store" in response["Cache-Control"]
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert set(
        StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)
    ) == set(codes)
    assert client.get("/admin/").status_code == 200


def test_enrolment_refuses_a_wrong_code(client, editor):
    sign_in(client)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "000000", "next": "/admin/"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_a_password_alone_cannot_enrol_a_second_app(client, editor):
    app_device(editor)
    sign_in(client)
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_a_backup_code_works_once(client, editor):
    app_device(editor)
    backup = StaticDevice.objects.create(user=editor, name="Backup codes")
    backup.token_set.create(token="abcd2345")
    sign_in(client)
    response = client.post(VERIFY, {"backup_code": "ABCD 2345", "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200

    client.post("/admin/logout/")
    sign_in(client)
    again = client.post(VERIFY, {"backup_code": "abcd2345", "next": "/admin/"})
    assert again.status_code == 200
    assert 'role="alert"' in again.content.decode()
    assert client.get("/admin/").status_code == 302


def test_previews_choosers_and_admin_api_are_refused_not_redirected(
    client, editor, home_page
):
    app_device(editor)
    sign_in(client)
    for url in (
        reverse("wagtailadmin_pages:preview_on_edit", args=[home_page.pk]),
        reverse("wagtailadmin_choose_page"),
        "/admin/api/main/pages/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
    edit = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    assert client.post(edit, {"title": "Changed"}).status_code == 403
    assert (
        client.get(edit, headers={"x-requested-with": "XMLHttpRequest"}).status_code
        == 403
    )
    home_page.refresh_from_db()
    assert home_page.title == "Test home"


def test_reset_command_removes_every_device(client, editor):
    app_device(editor)
    StaticDevice.objects.create(user=editor, name="Backup codes")
    output = StringIO()
    call_command("reset_two_factor", "editor", stdout=output)
    assert "Removed 2 device(s)" in output.getvalue()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    sign_in(client)
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_exemption_applies_only_with_debug(client, editor, settings):
    settings.TWO_FACTOR_EXEMPT_USERNAMES = ["editor"]
    sign_in(client)
    assert client.get("/admin/").status_code == 302
    settings.DEBUG = True
    assert client.get("/admin/").status_code == 200


def test_exemption_is_refused_by_the_system_check_without_debug(settings):
    settings.TWO_FACTOR_EXEMPT_USERNAMES = ["admin"]
    with pytest.raises(SystemCheckError, match=r"accounts\.E001"):
        call_command("check", stdout=StringIO(), stderr=StringIO())
    settings.DEBUG = True
    call_command("check", stdout=StringIO(), stderr=StringIO())


def test_production_settings_refuse_the_exemption(tmp_path: Path):
    """Start manage.py on production settings with the exemption copied in: it stops."""
    (tmp_path / "prod_with_exemption.py").write_text(
        "from config.settings.production import *  # noqa\n"
        "TWO_FACTOR_EXEMPT_USERNAMES = ['admin', 'facilitator']\n"
    )
    root = Path(django_settings.BASE_DIR)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prod_with_exemption",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(root / "site"), str(root)]),
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "cpd.example.org",
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": "",
    }
    result = subprocess.run(
        [sys.executable, str(root / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "accounts.E001" in unescape(result.stderr)
