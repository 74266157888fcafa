"""Fixtures shared with the course, form and places tests."""

from tests.courses.conftest import admin_client, course, course_index, run  # noqa: F401
from tests.forms_app.conftest import post_form, privacy_page  # noqa: F401
from tests.places.conftest import cohort  # noqa: F401
