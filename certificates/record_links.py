"""Links to a person's CPD record, sent by email on request; no account needed.

A link names one certificate (never the address) and opens the record of every
certificate issued to that certificate's address. It is signed and lasts
CERTIFICATES_RECORD_LINK_DAYS. Anyone can type anyone's address, so a request
always gets the same answer, and one address receives at most
CERTIFICATES_RECORD_LINKS_PER_ADDRESS_PER_DAY links in 24 hours.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from certificates.issuing import centre_name
from certificates.models import Certificate
from forms_app.models import Delivery
from forms_app.outbox import queue_message
from places.links import sign, unsign

SALT = "certificates.record"
RULE = "certificates:record"


def token_for(certificate: Certificate) -> str:
    return sign({"c": certificate.pk}, SALT)


def read_token(token: str) -> str | None:
    """The address whose record a token opens, or None if forged, expired or gone."""
    data = unsign(
        token, SALT, max_age=timedelta(days=settings.CERTIFICATES_RECORD_LINK_DAYS)
    )
    if "c" not in data:
        return None
    return (
        Certificate.objects.filter(pk=data.get("c"))
        .values_list("email", flat=True)
        .first()
    )


def link_for(certificate: Certificate, language: str) -> str:
    """The absolute address of the record page, in the language asked in."""
    with translation.override(language):
        path = reverse("certificates:record", args=[token_for(certificate)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def daily_limit_reached(address: str, now: datetime | None = None) -> bool:
    """Whether this address already had its day's share of record links."""
    since = (now or timezone.now()) - timedelta(hours=24)
    sent = Delivery.objects.filter(
        rule=RULE, recipient__iexact=address, created_at__gte=since
    ).count()
    return sent >= settings.CERTIFICATES_RECORD_LINKS_PER_ADDRESS_PER_DAY


def render_email(certificate: Certificate, language: str) -> tuple[str, str]:
    """(subject, body) of the email with the link; it repeats nothing typed."""
    with translation.override(language):
        text = render_to_string(
            "certificates/emails/record_link.txt",
            {
                "centre": centre_name(),
                "link": link_for(certificate, language),
                "days": settings.CERTIFICATES_RECORD_LINK_DAYS,
            },
        )
    subject, _sep, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def send_record_link(typed: str, language: str) -> Delivery | None:
    """Queue the link to the record of this address, if it holds any certificate.

    None when it holds none or had its day's links: the visitor is told the same.
    """
    newest = Certificate.objects.for_email(typed).order_by("-issued_at", "-pk").first()
    if newest is None:
        return None
    with transaction.atomic():
        if daily_limit_reached(newest.email):
            return None
        subject, body = render_email(newest, language)
        return queue_message(newest.email, subject, body, rule=RULE)
