"""The roles migration: the four groups, reused rather than duplicated, safe to rerun."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from staff.roles import ROLES, WAGTAIL_STARTER_GROUPS
from tests.factories.facilitators import FacilitatorLoginFactory, UserFactory

pytestmark = pytest.mark.django_db

roles_migration = import_module("staff.migrations.0001_roles")


def rights() -> dict:
    return {
        group.name: (
            sorted(group.permissions.values_list("codename", flat=True)),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page_id", "permission__codename"
                )
            ),
            GroupCollectionPermission.objects.filter(group=group).count(),
        )
        for group in Group.objects.order_by("name")
    }


def test_migration_created_the_four_groups_with_admin_access():
    for role in ROLES:
        group = Group.objects.get(name=role.group)
        assert group.permissions.filter(codename="access_admin").exists()


def test_rerunning_the_migration_changes_nothing_and_keeps_members():
    facilitator = FacilitatorLoginFactory()
    facilitators = facilitator.groups.get()
    before = rights()
    roles_migration.create_roles(apps, schema_editor=None)
    assert rights() == before
    assert Group.objects.filter(name=facilitators.name).count() == 1
    assert facilitator.groups.get().pk == facilitators.pk


def test_existing_groups_are_completed_not_duplicated():
    Group.objects.filter(name__in=[role.group for role in ROLES]).delete()
    existing = Group.objects.create(name="Communications")
    roles_migration.create_roles(apps, schema_editor=None)
    assert Group.objects.get(name="Communications").pk == existing.pk
    assert existing.permissions.filter(codename="change_routing").exists()


def test_wagtails_starter_groups_go_only_while_empty():
    empty = Group.objects.create(name=WAGTAIL_STARTER_GROUPS[0])
    in_use = Group.objects.create(name=WAGTAIL_STARTER_GROUPS[1])
    UserFactory().groups.add(in_use)
    roles_migration.create_roles(apps, schema_editor=None)
    assert not Group.objects.filter(pk=empty.pk).exists()
    assert Group.objects.filter(pk=in_use.pk).exists()


def test_the_migrations_let_administrators_alone_unlock_sign_ins():
    may_unlock = {
        group.name
        for group in Group.objects.filter(
            permissions__content_type__app_label="axes",
            permissions__codename="delete_accessattempt",
        )
    }
    assert may_unlock == {"Administrators"}


def test_the_migrations_let_communications_and_facilitators_decide_places():
    may_decide = {
        group.name
        for group in Group.objects.filter(
            permissions__content_type__app_label="places",
            permissions__codename="decide_place",
        )
    }
    assert may_decide == {"Administrators", "Communications", "Facilitators"}
