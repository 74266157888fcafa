"""Admin URLs, menu items and dashboard panel for submissions, deliveries and access records."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.permissions import register_permission_policy

from courses.models import CoursePage
from forms_app import admin_views
from forms_app.access_viewset import AccessRecordViewSet, ReadOnlyPermissionPolicy
from forms_app.course_forms import needs_application_form
from forms_app.dashboard import (
    failed_or_stuck_deliveries,
    never_notified_count,
    oldest_waiting_delivery,
    worker_seems_absent,
)
from forms_app.models import AccessRecord
from forms_app.panels import ROUTING_PERMISSION
from forms_app.periodic import job_health
from forms_app.reach import scope_forms_for_user

admin_patterns = (
    [
        path("submissions/<int:pk>/", admin_views.submission_detail, name="submission"),
        path("submissions/<int:pk>/release/", admin_views.release, name="release"),
        path(
            "submissions/<int:pk>/deliveries/<int:delivery_pk>/resend/",
            admin_views.resend_delivery,
            name="resend",
        ),
        path("person/", admin_views.person, name="person"),
        path("person/erase/", admin_views.erase_person, name="erase_person"),
        path(
            "courses/<int:course_pk>/add-application-form/",
            admin_views.add_application_form,
            name="add_application_form",
        ),
    ],
    "forms_app_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("forms-app/", include(admin_patterns)),
        # Listed before wagtail.contrib.forms' own (app order), so this path answers.
        path(
            "forms/submissions/<int:page_id>/delete/",
            admin_views.RecordedDeleteSubmissionsView.as_view(),
            name="forms_app_delete_submissions",
        ),
    ]


register_permission_policy(AccessRecord, ReadOnlyPermissionPolicy(AccessRecord))


@hooks.register("register_admin_viewset")
def register_access_records():
    return AccessRecordViewSet("access_records")


class PrivacyMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PRIVACY_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_person_menu_item():
    return PrivacyMenuItem(
        _("Find a person's data"),
        reverse("forms_app_admin:person"),
        name="person-data",
        icon_name="user",
        order=710,
    )


class DeliveryPanel(Component):
    """Failed or stuck emails and submissions whose staff were never notified."""

    name = "email_deliveries"
    template_name = "forms_app/admin/dashboard_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        submissions = admin_views.submissions_for_user(self.request.user)
        # Messages about no submission (e.g. to a person named on a block booking)
        # are for staff who run every form, not for a facilitator.
        messages_too = self.request.user.has_perm(ROUTING_PERMISSION)
        oldest = oldest_waiting_delivery(submissions, messages_too)
        return {
            "oldest_waiting": oldest,
            "worker_absent": worker_seems_absent(oldest),
            "problems": list(
                failed_or_stuck_deliveries(submissions, messages_too)[:10]
            ),
            "never_notified": never_notified_count(submissions),
            "sweep": job_health("sweep"),
        }


@hooks.register("construct_homepage_panels")
def add_delivery_panel(request, panels) -> None:
    if get_forms_for_user(request.user).exists():
        panels.append(DeliveryPanel(request))


@hooks.register("filter_form_submissions_for_user")
def facilitators_see_their_courses(user, pages):
    return scope_forms_for_user(user, pages)


class AddApplicationFormButton(PageMenuItem):
    label = _("Add an application form")
    icon_name = "form"
    url_name = "forms_app_admin:add_application_form"

    def is_shown(self, user) -> bool:
        permissions = self.page.permissions_for_user(user)
        return permissions.can_edit() and permissions.can_add_subpage()


@hooks.register("register_page_header_buttons")
def offer_application_form(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, CoursePage) and needs_application_form(
        page.specific_deferred
    ):
        yield AddApplicationFormButton(page=page, priority=5)
