"""Validate and clean email addresses and display names before they reach headers."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class InvalidRecipientError(ValueError):
    """A delivery's recipient is not one plain, valid address; never retried."""


def split_addresses(value: str) -> list[str]:
    """Split a comma-separated list of addresses, dropping blanks."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def validate_address_list(value: str) -> None:
    """Reject a comma-separated list containing anything but plain email addresses."""
    for address in split_addresses(value):
        if not is_valid_address(address):
            raise ValidationError(
                _("%(address)s is not a valid email address."),
                params={"address": address},
            )


def is_valid_address(address: str) -> bool:
    """True for one plain address with no control characters, display name or list."""
    if CONTROL_CHARACTERS.search(address) or "," in address or "<" in address:
        return False
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def clean_header_text(value: str, max_length: int = 120) -> str:
    """Collapse control characters (CR, LF, tabs...) to spaces so text is one header line."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", value or "").split())[:max_length]
