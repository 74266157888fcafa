"""System checks for signing in."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def two_factor_exemption_only_in_development(app_configs, **kwargs) -> list[Error]:
    """Refuse TWO_FACTOR_EXEMPT_USERNAMES unless DEBUG is on (config.settings.dev)."""
    if settings.TWO_FACTOR_EXEMPT_USERNAMES and not settings.DEBUG:
        return [
            Error(
                "TWO_FACTOR_EXEMPT_USERNAMES lets accounts into the admin with a "
                "password alone; it is for local development only.",
                hint="Remove it from these settings; only config.settings.dev sets it.",
                id="accounts.E001",
            )
        ]
    return []
