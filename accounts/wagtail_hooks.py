from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import views
from accounts.unlock import may_unlock


@hooks.register("register_admin_urls")
def two_factor_urls() -> list:
    return [
        path(
            "two-factor/verify/",
            views.verify_sign_in,
            name="accounts_two_factor_verify",
        ),
        path("two-factor/enrol/", views.enrol, name="accounts_two_factor_enrol"),
        path(
            "two-factor/passkeys/",
            views.passkeys,
            name="accounts_two_factor_passkeys",
        ),
        # django-otp-webauthn's JSON endpoints and its JavaScript catalogue.
        path("two-factor/webauthn/", include("django_otp_webauthn.urls")),
        path("locked-out-sign-ins/", views.lockouts, name="accounts_lockouts"),
        path(
            "locked-out-sign-ins/<int:pk>/unlock/",
            views.unlock_sign_in,
            name="accounts_unlock",
        ),
    ]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_unlock(request.user)


@hooks.register("register_settings_menu_item")
def lockouts_menu_item() -> MenuItem:
    return LockoutsMenuItem(
        _("Locked-out sign-ins"),
        reverse("accounts_lockouts"),
        name="locked-out-sign-ins",
        icon_name="lock",
        order=650,
    )


@hooks.register("register_account_menu_item")
def passkeys_account_item(request) -> dict:
    return {
        "url": reverse("accounts_two_factor_passkeys"),
        "label": _("Add a passkey"),
        "help_text": _(
            "Confirm later sign-ins with your phone, computer or security key"
            " instead of a code."
        ),
    }
