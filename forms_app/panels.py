"""Admin panels and page form that keep routing addresses to permitted users."""

from wagtail.admin.panels import InlinePanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

ROUTING_PERMISSION = "forms_app.change_routing"
ROUTING_RELATION = "routing_rules"


def may_change_routing(user) -> bool:
    """Whether this user may see and change a form's routing addresses."""
    return bool(user and user.has_perm(ROUTING_PERMISSION))


class RoutingInlinePanel(InlinePanel):
    """An inline panel of routing rules shown only to users who may change routing."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            request = kwargs.get("request")
            if not may_change_routing(getattr(request, "user", None)):
                # Without the formset the panel renders nothing and saves nothing.
                kwargs["form"] = None
            super().__init__(**kwargs)

        def is_shown(self) -> bool:
            return self.form is not None and super().is_shown()


class RoutingPageForm(WagtailAdminFormPageForm):
    """Drops the routing-rule formset for users without the routing permission."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_change_routing(self.for_user):
            self.formsets.pop(ROUTING_RELATION, None)
