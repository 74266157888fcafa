"""Signed-in clients for the four staff roles, in the groups the migration creates."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from staff.roles import apply_roles


def staff_user(group: str, username: str | None = None):
    # A transactional test may have flushed the migrated groups: apply_roles restores them.
    apply_roles(apps)
    user = get_user_model().objects.create_user(
        username or f"staff-{group.lower()}", password="a-long-test-password"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def client_for(user) -> Client:
    # The lead makes force_login carry a verified second factor.
    client = Client()
    client.force_login(user)
    return client
