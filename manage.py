#!/usr/bin/env python
"""Django's command-line utility for this project."""

import os
import sys
from pathlib import Path

# The configuration package lives in site/config; `site` itself is Python's own module.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    # Imported once the settings module is named, as Django's own manage.py does.
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
