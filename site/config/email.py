"""Map EMAIL_PROVIDER and its variables to Django and anymail email settings."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_required, env_str

BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "postmark": "anymail.backends.postmark.EmailBackend",
    "mailgun": "anymail.backends.mailgun.EmailBackend",
    "amazon_ses": "anymail.backends.amazon_ses.EmailBackend",
}


def email_settings(provider: str) -> dict:
    """Return the settings that send mail through the named provider."""
    if provider not in BACKENDS:
        choices = ", ".join(sorted(BACKENDS))
        raise ImproperlyConfigured(f"EMAIL_PROVIDER must be one of: {choices}.")
    settings: dict = {"EMAIL_BACKEND": BACKENDS[provider]}
    # API providers get the same time limit as SMTP, so a hung provider fails fast.
    anymail: dict = {"REQUESTS_TIMEOUT": env_int("EMAIL_TIMEOUT", 20)}
    if provider == "smtp":
        settings |= {
            "EMAIL_HOST": env_str("EMAIL_HOST", "localhost"),
            "EMAIL_PORT": env_int("EMAIL_PORT", 587),
            "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER"),
            "EMAIL_HOST_PASSWORD": env_str("EMAIL_HOST_PASSWORD"),
            "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", True),
            "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL", False),
        }
    elif provider == "postmark":
        anymail["POSTMARK_SERVER_TOKEN"] = env_required("POSTMARK_SERVER_TOKEN")
        if env_str("POSTMARK_API_URL"):
            anymail["POSTMARK_API_URL"] = env_str("POSTMARK_API_URL")
    elif provider == "mailgun":
        anymail["MAILGUN_API_KEY"] = env_required("MAILGUN_API_KEY")
        anymail["MAILGUN_SENDER_DOMAIN"] = env_str("MAILGUN_SENDER_DOMAIN")
        anymail["MAILGUN_API_URL"] = env_str(
            "MAILGUN_API_URL", "https://api.mailgun.net/v3"
        )
        if env_str("MAILGUN_WEBHOOK_SIGNING_KEY"):
            anymail["MAILGUN_WEBHOOK_SIGNING_KEY"] = env_str(
                "MAILGUN_WEBHOOK_SIGNING_KEY"
            )
    elif provider == "amazon_ses":
        anymail["AMAZON_SES_CLIENT_PARAMS"] = {
            "region_name": env_str("AWS_REGION", "eu-west-2")
        }
    if env_str("ANYMAIL_WEBHOOK_SECRET"):
        anymail["WEBHOOK_SECRET"] = env_str("ANYMAIL_WEBHOOK_SECRET")
    settings["ANYMAIL"] = anymail
    return settings
