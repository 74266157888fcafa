"""Signed links in emails that let a person act on their place without signing in.

A link names one place and one action. Opening it shows a page with a button: the
change happens only on that POST, so a mail scanner that follows links changes
nothing. The signature is the only secret; the place's status decides whether the
action can still be taken.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from places.models import FollowUpInvitation, Place

SALT = "places.link"
FOLLOW_UP_SALT = "places.follow_up"


class Action:
    ACCEPT = "accept"
    DECLINE = "decline"
    CANCEL = "cancel"
    NAME = "name"  # a block booking's lead names the people on its places

    ALL = (ACCEPT, DECLINE, CANCEL, NAME)


def sign(data: dict, salt: str) -> str:
    """A token carrying the data, for a link in an email; the salt says what for."""
    return signing.dumps(data, salt=salt, compress=True)


def unsign(token: str, salt: str, max_age: timedelta | None = None) -> dict:
    """The data a token carries, or {} if it is forged, expired or made for another use."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return {}
    return data if isinstance(data, dict) else {}


def token_for(place: Place, action: str) -> str:
    return sign({"p": place.pk, "a": action}, SALT)


def read_token(token: str) -> tuple[Place, str] | None:
    """The place and action a token names, or None if it is forged or the place is gone."""
    data = unsign(token, SALT)
    if data.get("a") not in Action.ALL:
        return None
    place = Place.objects.filter(pk=data.get("p")).select_related("run").first()
    return (place, data["a"]) if place else None


def site_language(code: str) -> str:
    """The site's language for a stored code ("en" is English, "en-gb" here)."""
    try:
        return translation.get_supported_language_variant(code or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def link_for(place: Place, action: str) -> str:
    """The absolute address of the action's page, in the person's language."""
    with translation.override(site_language(place.language)):
        path = reverse("places:respond", args=[token_for(place, action)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def follow_up_link(invitation: FollowUpInvitation) -> str:
    """The address of the page where a graduate declines one follow-up session."""
    token = sign({"f": invitation.pk}, FOLLOW_UP_SALT)
    with translation.override(site_language(invitation.language)):
        path = reverse("places:follow_up", args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def read_follow_up_token(token: str) -> FollowUpInvitation | None:
    """The invitation a follow-up token names, or None if forged or gone."""
    return (
        FollowUpInvitation.objects.filter(pk=unsign(token, FOLLOW_UP_SALT).get("f"))
        .select_related("session__run")
        .first()
    )
