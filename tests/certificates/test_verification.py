"""The public verification page: a form for the code, the result, 404 and 429."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.issuing import issue_for_run
from certificates.models import CertificateStatus
from forms_app.rate_limits import count_hit
from tests.certificates.conftest import attend

pytestmark = pytest.mark.django_db

FORM = "/certificates/verify/"


@pytest.fixture
def certificate(ended_cohort):
    attend(ended_cohort["sessions"], ended_cohort["places"][0], 6)
    (issued,) = issue_for_run(ended_cohort["run"])
    return issued


def typed_loosely(code: str) -> str:
    """How a person might type a code from paper: lower case, spaces, O for 0."""
    return " ".join(code.lower().split("-")).replace("0", "o")


def test_the_form_asks_for_the_code_with_a_label_and_hint(client, home_page):
    for prefix, lang in (("", "en-gb"), ("/cy", "cy")):
        response = client.get(prefix + FORM)
        html = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in html
        assert re.search(r'<label for="id_code">', html)
        assert 'aria-describedby="id_code-hint"' in html
        assert 'name="robots" content="noindex"' in html


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_typed_code_shows_who_which_course_and_hours(client, certificate, prefix):
    response = client.get(prefix + FORM, {"code": typed_loosely(certificate.code)})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{certificate.code}" in html
    assert 'class="notice notice--success"' in html
    assert certificate.name in html
    assert "Compassionate Leadership" in html
    assert ">12 (" in html  # 12 CPD hours, 9 of them participatory
    # The answer is kept in the box for another try.
    assert f'value="{typed_loosely(certificate.code)}"' in html
    # Nothing else: not the email address, nor the dates attended.
    assert certificate.email not in html


def test_the_form_and_the_code_address_show_the_same_result(client, certificate):
    by_form = client.get(FORM, {"code": certificate.code}).content.decode()
    by_link = client.get(f"{FORM}{certificate.code}/").content.decode()

    def result(html: str) -> str:
        return re.search(r'<div class="notice.*?</dl>', html, re.S).group(0)

    assert result(by_form) == result(by_link)


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (CertificateStatus.SUPERSEDED, "has been superseded"),
        (CertificateStatus.REVOKED, "has been revoked"),
    ],
)
def test_superseded_and_revoked_codes_say_so(client, certificate, status, words):
    # No function supersedes or revokes yet: set the status as one would.
    certificate.status = status
    certificate.save(update_fields=["status"])
    for address in (FORM + f"?code={certificate.code}", f"{FORM}{certificate.code}/"):
        html = client.get(address).content.decode()
        assert words in html
        assert "is valid" not in html


def test_an_empty_or_malformed_code_is_an_error_tied_to_the_box(client, home_page):
    for typed in ("", "7K3M-Q9"):
        response = client.get(FORM, {"code": typed})
        html = response.content.decode()
        assert response.status_code == 400
        assert "data-error-summary" in html
        assert '<a href="#id_code">' in html
        assert 'aria-invalid="true"' in html
        assert 'aria-describedby="id_code-hint id_code-error"' in html
        assert 'id="id_code-error"' in html
        if typed:
            assert f'value="{typed}"' in html


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_an_unknown_code_is_a_friendly_404(client, certificate, prefix):
    unknown = "2222-3333-4444" if certificate.code != "2222-3333-4444" else "5555"
    for address in (f"{prefix}{FORM}?code={unknown}", f"{prefix}{FORM}{unknown}/"):
        response = client.get(address)
        html = response.content.decode()
        assert response.status_code == 404
        assert {
            "": "No certificate has this code",
            "/cy": "Does dim tystysgrif gyda",
        }[prefix] in html
        assert certificate.name not in html


@pytest.mark.parametrize(("prefix", "lang"), [("", "en-gb"), ("/cy", "cy")])
def test_over_the_limit_a_visitor_gets_a_friendly_429(
    client, certificate, settings, prefix, lang
):
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = 2
    assert client.get(prefix + FORM, {"code": certificate.code}).status_code == 200
    assert client.get(f"{prefix}{FORM}{certificate.code}/").status_code == 200
    for address in (
        f"{prefix}{FORM}?code={certificate.code}",
        f"{prefix}{FORM}{certificate.code}/",
    ):
        response = client.get(address)
        html = response.content.decode()
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0
        assert f'<html lang="{lang}">' in html
        assert "<h1>" in html
        assert certificate.name not in html
    # The empty form costs nothing and stays open.
    assert client.get(prefix + FORM).status_code == 200
    # Another visitor has their own count.
    other = client.get(FORM, {"code": certificate.code}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


def test_forms_posts_do_not_reset_the_verification_count(db):
    """Each limiter clears only its own ended windows, whatever the other's length."""
    start = timezone.now()
    hour, ten_minutes = timedelta(hours=1), timedelta(minutes=10)
    count_hit("verify:visitor", limit=5, window=hour, now=start)
    # A new visitor to a form, twenty minutes on, clears the forms' ended windows.
    count_hit("f" * 64, limit=5, window=ten_minutes, now=start + 2 * ten_minutes)
    again = count_hit(
        "verify:visitor", limit=5, window=hour, now=start + 3 * ten_minutes
    )
    assert again.count == 2


def test_the_footer_links_to_the_verification_page(client, home_page):
    html = client.get("/").content.decode()
    assert f'href="{FORM}"' in html
    assert 'href="/certificates/record/"' in html
