"""Send an admin request from a session without a second factor to verify or enrol."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.two_factor import has_device, is_exempt

# Admin views a signed-in person without a second factor may still reach.
OPEN_VIEWS = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "accounts_two_factor_verify",
        "accounts_two_factor_enrol",
        # A passkey confirms the sign-in. Registering one needs a verified session.
        "otp_webauthn:credential-authentication-begin",
        "otp_webauthn:credential-authentication-complete",
        "otp_webauthn:js-i18n-catalog",
    }
)


def is_page_navigation(request: HttpRequest) -> bool:
    """True for a person opening an admin page; False for previews, choosers and JSON."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return False
    if request.headers.get("sec-fetch-dest", "document") != "document":
        return False
    segments = request.path_info.strip("/").split("/")
    return not any(
        "preview" in segment or segment.startswith("choose") or segment == "api"
        for segment in segments
    )


class TwoFactorMiddleware:
    """Admin pages need a verified second factor (django-otp) on top of the password."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, args, kwargs):
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        if request.resolver_match.view_name in OPEN_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        # Wagtail itself turns away anyone without admin access.
        if not user.has_perm("wagtailadmin.access_admin") or is_exempt(user):
            return None
        if not is_page_navigation(request):
            return HttpResponseForbidden(
                _("Confirm your sign-in with your second factor first.")
            )
        step = (
            "accounts_two_factor_verify"
            if has_device(user)
            else "accounts_two_factor_enrol"
        )
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(step)}?{query}")
