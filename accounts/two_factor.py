"""Who needs a second factor, and enrolling, verifying and resetting their devices."""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def is_exempt(user) -> bool:
    """True for the development demo logins, and never when DEBUG is off."""
    return (
        settings.DEBUG and user.get_username() in settings.TWO_FACTOR_EXEMPT_USERNAMES
    )


def has_device(user) -> bool:
    """True once the user has confirmed an authenticator app (they verify, not enrol)."""
    return user_has_device(user, confirmed=True)


def pending_app_device(user) -> TOTPDevice:
    """The unconfirmed authenticator the user is enrolling, the same one on every visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    return device


def secret_text(device: TOTPDevice) -> str:
    """The device's key as an app expects it typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """An inline SVG QR code of the device's otpauth:// address, drawn here."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=_("QR code for your app")
    )


def finish_enrolment(request: HttpRequest, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the app with a code from it, issue fresh backup codes, mark the session verified.

    Returns the backup codes to show once, or an empty list if the code is wrong.
    """
    if not device.verify_token(code.replace(" ", "")):
        return []
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = replace_backup_codes(device.user)
    otp_login(request, device)
    return codes


def replace_backup_codes(user) -> list[str]:
    """Delete the user's backup codes and issue BACKUP_CODE_COUNT new single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=backup, token=code) for code in codes
    )
    return codes


def verify(request: HttpRequest, code: str, *, backup: bool = False) -> bool:
    """Mark the session verified if the code is the app's current one, or an unused backup code.

    Each kind of code is checked only against its own device, so a mistyped app
    code never counts against the backup codes' throttle.
    """
    model = StaticDevice if backup else TOTPDevice
    token = code.replace(" ", "").lower()
    with transaction.atomic():
        devices = model.objects.devices_for_user(request.user, confirmed=True)
        for device in devices.select_for_update():
            if device.verify_token(token):
                otp_login(request, device)
                return True
    return False


def reset_devices(user) -> int:
    """Delete every device of the user, so they enrol again at their next login."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)
