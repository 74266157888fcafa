"""The admin's read-only list of access records, for administrators only."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from forms_app.models import AccessRecord


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only "view" is ever granted, to superusers too: a record nobody can rewrite."""

    def user_has_permission(self, user, action: str) -> bool:
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class AccessRecordViewSet(ModelViewSet):
    model = AccessRecord
    url_prefix = "access-records"
    icon = "history"
    menu_label = _("Access records")
    menu_order = 720
    add_to_admin_menu = True
    list_display = ["at", "user", "action", "subject"]
    list_filter = ["action", "user"]
    # Required by ModelViewSet; the policy refuses the add and edit views that use it.
    form_fields = ["action", "subject"]
    inspect_view_enabled = False
    copy_view_enabled = False
