"""Passkeys (WebAuthn, through django-otp-webauthn) as a second factor.

Unless PASSKEY_RP_ID and PASSKEY_ORIGINS pin them, the relying party is the
host the admin is opened at and the only origin accepted is that address itself.
Django has already refused any host not in ALLOWED_HOSTS, and a phishing site
relaying to us still fails: the browser puts its own origin in what it signs.
"""

from django.conf import settings
from django.http import HttpRequest
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential


def relying_party_id(request: HttpRequest) -> str:
    """PASSKEY_RP_ID, or the requested host without its port (OTP_WEBAUTHN_RP_ID_CALLABLE)."""
    return settings.PASSKEY_RP_ID or request.get_host().rsplit(":", 1)[0]


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        if settings.OTP_WEBAUTHN_ALLOWED_ORIGINS:
            return list(settings.OTP_WEBAUTHN_ALLOWED_ORIGINS)
        return [f"{self.request.scheme}://{self.request.get_host()}"]


def has_passkey(user) -> bool:
    """True once the user has registered a passkey they can confirm a sign-in with."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
