"""A verified authenticator app for test users, and the code it would show now."""

import time
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app, created once, as enrolment leaves it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True
    )


def code_for(device: TOTPDevice) -> str:
    """The code the app would show, never one the device has already accepted.

    A TOTP code works once: a second sign-in within the same 30 seconds gets the
    next step's code, which the device accepts within its tolerance of one step.
    """
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time = device.t0 + (device.last_t + 1 - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"


def code_for_secret(secret: str) -> str:
    """The code an app shows now for a key typed in as the enrolment page shows it."""
    key = secret.replace(" ", "")
    key += "=" * (-len(key) % 8)
    totp = TOTP(b32decode(key))
    totp.time = time.time()
    return f"{totp.token():06d}"
