"""Enrol an authenticator app, confirm a sign-in with it or with a backup code,
and (staff with the right) list and clear lockouts."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied

from accounts.forms import EnrolForm, VerifyForm
from accounts.passkeys import has_passkey
from accounts.two_factor import (
    finish_enrolment,
    has_device,
    pending_app_device,
    qr_code_svg,
    secret_text,
    verify,
)
from accounts.unlock import current_lockouts, may_unlock, unlock


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _with_next(name: str, next_url: str) -> HttpResponse:
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


@never_cache
@sensitive_post_parameters("code")
def enrol(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if has_device(request.user):
        # Only someone without an app may add one: a password alone must not.
        return _with_next("accounts_two_factor_verify", next_url)
    device = pending_app_device(request.user)
    form = EnrolForm(request.POST or None)
    if form.is_valid():
        codes = finish_enrolment(request, device, form.cleaned_data["code"])
        if codes:
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": next_url},
            )
        form.add_error(
            "code", _("That code did not match. Enter the code your app shows now.")
        )
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": qr_code_svg(device),
            "secret": secret_text(device),
        },
    )


@never_cache
@sensitive_post_parameters("code", "backup_code")
def verify_sign_in(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if not has_device(request.user):
        return _with_next("accounts_two_factor_enrol", next_url)
    form = VerifyForm(request.POST or None)
    if form.is_valid():
        backup = not form.cleaned_data["code"]
        code = form.cleaned_data["backup_code" if backup else "code"]
        if verify(request, code, backup=backup):
            return redirect(next_url)
        form.add_error(
            "backup_code" if backup else "code",
            _("That code did not work. Check it and try again in a moment."),
        )
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": next_url, "has_passkey": has_passkey(request.user)},
    )


@never_cache
def passkeys(request: HttpRequest) -> HttpResponse:
    """Add a passkey; the middleware lets only a verified session reach this."""
    return render(request, "accounts/passkeys.html", {"next": _next_url(request)})


@never_cache
def lockouts(request: HttpRequest) -> HttpResponse:
    """Current lockouts, each with a button that clears it."""
    if not may_unlock(request.user):
        return permission_denied(request)
    return render(
        request, "accounts/admin/lockouts.html", {"lockouts": current_lockouts()}
    )


@require_POST
def unlock_sign_in(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_unlock(request.user):
        return permission_denied(request)
    username = unlock(pk)
    if username is None:
        messages.info(request, _("That lockout had already ended."))
    else:
        messages.success(request, _("%(username)s unlocked.") % {"username": username})
    return redirect("accounts_lockouts")
