"""Course fixtures shared with the course tests."""

from tests.courses.conftest import admin_client, course, course_index, run  # noqa: F401
