"""Passkeys (django-otp-webauthn): who may start which ceremony, through the admin.

The ceremonies themselves run in Chromium's virtual authenticator:
tests/browser/test_two_factor.py.
"""

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from tests.support.two_factor import app_device, code_for

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passw0rd"
VERIFY = "/admin/two-factor/verify/"
PASSKEYS = "/admin/two-factor/passkeys/"
API = "/admin/two-factor/webauthn/"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )
    app_device(user)
    return user


def sign_in(client) -> None:
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302


def passkey_for(user) -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(
        user=user,
        name="Passkey",
        confirmed=True,
        credential_id=b"credential-id",
        public_key=b"public-key",
        sign_count=0,
        transports=["internal"],
    )


def test_a_password_alone_may_start_a_passkey_check_for_its_own_user(client, editor):
    passkey_for(editor)
    sign_in(client)
    response = client.post(API + "authentication/begin/")
    assert response.status_code == 200
    options = response.json()
    assert options["rpId"] == "testserver"
    assert len(options["allowCredentials"]) == 1


def test_only_a_verified_session_may_add_a_passkey(client, editor):
    sign_in(client)
    assert client.post(API + "registration/begin/").status_code == 403
    assert client.get(PASSKEYS)["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(app_device(editor)), "next": "/admin/"})
    page = client.get(PASSKEYS)
    assert page.status_code == 200
    assert 'id="passkey-register-button"' in page.content.decode()
    response = client.post(API + "registration/begin/")
    assert response.status_code == 200
    assert response.json()["rp"]["id"] == "testserver"


def test_verify_offers_a_passkey_only_to_someone_with_one(client, editor):
    sign_in(client)
    assert "passkey-verification-button" not in client.get(VERIFY).content.decode()
    passkey_for(editor)
    html = client.get(VERIFY).content.decode()
    assert 'id="passkey-verification-button"' in html
    assert "Use a passkey" in html


def test_the_account_page_links_to_adding_a_passkey(client, editor):
    sign_in(client)
    client.post(VERIFY, {"code": code_for(app_device(editor)), "next": "/admin/"})
    html = client.get("/admin/account/").content.decode()
    assert f'href="{PASSKEYS}"' in html
    assert "Add a passkey" in html
