"""The demo prints a login per staff role, each in the group the migration made."""

import pytest
from django.contrib.auth import get_user_model

from staff.demo import DEMO_LOGINS
from tests.support.roles import client_for

pytestmark = pytest.mark.django_db


def test_demo_logins_for_communications_and_translators(demo_site, settings):
    for group_name, (username, password) in DEMO_LOGINS.items():
        assert (
            f"{group_name} login: {settings.WAGTAILADMIN_BASE_URL}/admin/  "
            f"username {username}  password {password}"
        ) in demo_site.output
        user = get_user_model().objects.get(username=username)
        assert user.check_password(password)
        assert list(user.groups.values_list("name", flat=True)) == [group_name]
        assert client_for(user).get("/admin/").status_code == 200
