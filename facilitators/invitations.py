"""Invite a facilitator: link a login to their profile and email a set-password link."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from facilitators.models import FacilitatorPage
from facilitators.permissions import ensure_groups


class InvitationError(Exception):
    """The invitation cannot go ahead; the message says why, for staff."""


def set_password_url(user) -> str:
    """An absolute link to the admin's set-a-new-password form for this user."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def login_for(email: str, name: str):
    """The login with this email address, created without a usable password if new."""
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    first_name, _space, last_name = name.rpartition(" ")
    user = user_model(
        username=email.lower(),
        email=email,
        first_name=first_name or name,
        last_name=last_name if first_name else "",
    )
    user.set_unusable_password()
    user.save()
    return user


def check_link_allowed(profile: FacilitatorPage, user) -> None:
    """Refuse to move a profile to another login, or give a login a second profile."""
    if profile.user_id not in (None, user.pk):
        raise InvitationError(_("This profile is already linked to another login."))
    elsewhere = FacilitatorPage.objects.filter(user=user).exclude(
        translation_key=profile.translation_key
    )
    if elsewhere.exists():
        raise InvitationError(_("That login already edits another profile."))
    if user.is_superuser:
        raise InvitationError(_("An administrator login cannot be a facilitator's."))


@transaction.atomic
def link_login(profile: FacilitatorPage, email: str):
    """Create or find the login, put it in Facilitators and make it own the profile."""
    user = login_for(email, profile.title)
    check_link_allowed(profile, user)
    user.is_active = True
    user.save(update_fields=["is_active"])
    user.groups.add(ensure_groups()[0])
    # Every translation shares the login; a queryset update adds no revision.
    FacilitatorPage.objects.filter(translation_key=profile.translation_key).update(
        user=user, owner=user
    )
    profile.user = user
    profile.owner = user
    return user


def send_invitation(profile: FacilitatorPage, user) -> None:
    """Email the set-password link; the message never contains a password."""
    context = {
        "profile": profile,
        "user": user,
        "set_password_url": set_password_url(user),
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailadmin_pages:edit", args=[profile.pk]),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = render_to_string(
        "facilitators/emails/invitation_subject.txt", context
    ).strip()
    body = render_to_string("facilitators/emails/invitation.txt", context)
    send_mail(subject, body, None, [user.email])


def invite_facilitator(profile: FacilitatorPage, email: str):
    """Link a login to the profile and send the invitation; returns the login."""
    user = link_login(profile, email)
    send_invitation(profile, user)
    return user
