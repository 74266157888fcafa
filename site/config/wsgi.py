"""WSGI entry point (gunicorn: `gunicorn --pythonpath site config.wsgi`).

Stored pages are answered in front of Django's handler (decision 0030).
"""

import os
import sys
from pathlib import Path

# Servers that load this file by path still find the `config` package in site/.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Named in the settings, as middleware are, and imported once Django is set up:
# the page cache needs the app registry. Innermost first.
from django.conf import settings  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

for wrapper in settings.WSGI_WRAPPERS:
    application = import_string(wrapper)(application)
