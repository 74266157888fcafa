"""Signed-in clients for the four staff roles, in the groups the migration creates."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from staff.roles import apply_roles
from tests.support.two_factor import app_device


def staff_user(group: str, username: str | None = None):
    # A transactional test may have flushed the migrated groups: apply_roles restores them.
    apply_roles(apps)
    user = get_user_model().objects.create_user(
        username or f"staff-{group.lower()}", password="a-long-test-password"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def client_for(user) -> Client:
    """Signed in with a verified second factor, also from module-scoped fixtures,
    which run before conftest's per-test patch of force_login."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
    session.save()
    return client
