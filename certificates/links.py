"""Signed download links for certificates, sent to the person who holds one.

The signature is the only secret and it does not expire: the certificate's status
decides whether the link still gives a PDF (a superseded or revoked one does not).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate
from places.links import sign, unsign

SALT = "certificates.download"


def download_token(certificate: Certificate) -> str:
    return sign({"c": certificate.pk}, SALT)


def read_download_token(token: str) -> Certificate | None:
    """The certificate a token names, or None if it is forged or the certificate gone."""
    return Certificate.objects.filter(pk=unsign(token, SALT).get("c")).first()


def download_link(certificate: Certificate) -> str:
    """The absolute address of the certificate's PDF, in the person's language."""
    with translation.override(certificate.language):
        path = reverse("certificates:download", args=[download_token(certificate)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
