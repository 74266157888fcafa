"""Local development: debug on, console email, an insecure key that never leaves this machine."""

from config.env import env_list, env_str

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# Serve static files straight from the apps, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# The demo's printed logins skip the second factor here, and only here:
# a system check refuses this setting whenever DEBUG is off.
TWO_FACTOR_EXEMPT_USERNAMES = ["admin", "facilitator", "communications", "translator"]
