"""First sign-in: enrol an authenticator app, then verify; each page passes axe-core."""

import re

from django.contrib.auth import get_user_model
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import Browser, expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_journeys import log_in
from tests.support.two_factor import code_for_secret

PASSWORD = "a-long-Passw0rd"


def test_first_sign_in_enrols_an_app_then_verifies(
    browser: Browser, page, site_url, screenshot, screenshot_path
):
    get_user_model().objects.create_superuser("newcomer", "n@example.org", PASSWORD)
    page.goto(site_url + "/admin/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/admin/two-factor/enrol/"))
    expect(
        page.get_by_role("heading", name="Set up your second factor")
    ).to_be_visible()
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    assert_no_axe_violations(page, "the enrolment page")
    screenshot("enrol")
    secret = page.locator("#two-factor-secret").inner_text()

    page.get_by_label("Code from your app").fill(code_for_secret(secret))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your backup codes")).to_be_visible()
    expect(page.locator(".backup-codes li")).to_have_count(10)
    assert_no_axe_violations(page, "the backup codes page")
    screenshot("backup-codes")
    page.get_by_role("link", name="Continue to the admin").click()
    expect(page).to_have_url(site_url + "/admin/")
    expect(page).to_have_title(re.compile("Dashboard"))

    # A later sign-in asks for the code; a wrong one is announced.
    context = browser.new_context(viewport=page.viewport_size, locale="en-GB")
    later = context.new_page()
    later.goto(site_url + "/admin/login/")
    later.get_by_label("Username").fill("newcomer")
    later.get_by_label("Password").fill(PASSWORD)
    later.get_by_role("button", name="Sign in").click()
    expect(later).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    # The address changes before the page has loaded: wait for its heading.
    expect(later.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    assert_no_axe_violations(later, "the verify page")
    later.get_by_label("Or a backup code").fill("notacode")
    later.get_by_role("button", name="Continue").click()
    expect(later.get_by_role("alert")).to_contain_text("did not work")
    assert_no_axe_violations(later, "the verify page with an error")
    later.screenshot(path=screenshot_path("verify-error--desktop"), full_page=True)
    context.close()


def test_lockout_page_passes_axe(page, site_url, screenshot):
    page.goto(site_url + "/admin/login/")
    for _ in range(5):
        page.get_by_label("Username").fill("someone")
        page.get_by_label("Password").fill("wrong-password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Sign-in paused")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("UK time")
    assert_no_axe_violations(page, "the lockout page")
    screenshot("locked-out")


def test_demo_logins_verify_with_a_device(page, site_url):
    log_in(page, site_url, ("admin", "cpd-demo-admin"))
    expect(page).to_have_title(re.compile("Dashboard"))


def test_passkey_added_after_the_app_then_confirms_a_later_sign_in(
    browser: Browser, site_url
):
    """Chromium's virtual authenticator stands in for a phone or security key.

    WebAuthn refuses an IP address as the relying party, so this test opens the
    live server as localhost, the name the passkey is then bound to.
    """
    site = site_url.replace("127.0.0.1", "localhost")
    get_user_model().objects.create_superuser("keyholder", "k@example.org", PASSWORD)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    # The package's module scripts and JSON config run under the admin's CSP.
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    client = page.context.new_cdp_session(page)
    client.send("WebAuthn.enable")
    client.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    log_in(page, site, ("keyholder", PASSWORD))

    page.goto(site + "/admin/two-factor/passkeys/")
    expect(page.get_by_role("heading", name="Add a passkey")).to_be_visible()
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator("#passkey-register-status-message")).to_contain_text(
        "Registration successful"
    )

    page.get_by_role("button", name="Sign out").click()
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("keyholder")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    page.get_by_role("button", name="Use a passkey").click()
    expect(page).to_have_url(site + "/admin/")
    expect(page).to_have_title(re.compile("Dashboard"))
    assert WebAuthnCredential.objects.filter(user__username="keyholder").count() == 1
    assert problems == []
    context.close()
