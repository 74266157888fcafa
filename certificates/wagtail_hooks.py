"""Admin registrations of the certificates app: issuing, correcting and revoking."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from certificates import admin_views
from certificates.reach import ISSUE_PERMISSION

admin_patterns = (
    [
        path("", admin_views.run_list, name="runs"),
        path("runs/<int:pk>/", admin_views.run_certificates, name="run"),
        path("<int:pk>/correct/", admin_views.correct, name="correct"),
        path("<int:pk>/revoke/", admin_views.revoke_view, name="revoke"),
        path("<int:pk>/pdf/", admin_views.download, name="download"),
    ],
    "certificates_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("certificates/", include(admin_patterns))]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(ISSUE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        _("Certificates"),
        reverse("certificates_admin:runs"),
        name="certificates",
        icon_name="doc-full",
        order=260,
    )
