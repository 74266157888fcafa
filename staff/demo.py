"""Demo logins for the communications and translator roles, in the migrated groups."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from home.demo.site import DemoSite
from staff.roles import COMMUNICATIONS, TRANSLATORS, apply_roles

# Printed by `make run`, demo only.
DEMO_LOGINS = {
    COMMUNICATIONS: ("communications", "cpd-demo-communications"),
    TRANSLATORS: ("translator", "cpd-demo-translator"),
}


def ensure_login(group_name: str, username: str, password: str):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def build(demo_site: DemoSite) -> str:
    """A login per role beside the admin and facilitator logins already printed."""
    apply_roles(apps)  # the migration made the groups; this only restores a flush
    lines = []
    for group_name, (username, password) in DEMO_LOGINS.items():
        ensure_login(group_name, username, password)
        lines.append(
            f"{group_name} login: {demo_site.base_url}{reverse('wagtailadmin_home')}  "
            f"username {username}  password {password}"
        )
    return "\n".join(lines)
