"""Data migrations tested as they run: back to an old schema, rows stored, forward."""

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_back_to(targets: list[tuple[str, str]]) -> Apps:
    """Unapply migrations down to `targets`; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_forward() -> None:
    """Apply every migration again, data migrations included."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def bare_course(apps: Apps, locale, slug: str = "course"):
    """A course page under the root at an old schema: enough for runs and testimonials."""
    Page = apps.get_model("wagtailcore", "Page")
    CoursePage = apps.get_model("courses", "CoursePage")
    root = Page.objects.get(depth=1)
    return CoursePage.objects.create(
        title=slug,
        slug=slug,
        path=root.path + str(9000 + CoursePage.objects.count()),
        depth=2,
        locale=locale,
        content_type_id=root.content_type_id,
    )
