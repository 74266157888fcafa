"""Data migrations tested as they run: back to an old schema, rows stored, forward."""

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migration_test(test):
    """Mark a test that unapplies and reapplies migrations (slow; CI runs these
    on PostgreSQL), with the database put back for the tests after it."""
    database = pytest.mark.django_db(transaction=True, serialized_rollback=True)
    return pytest.mark.migrations(database(test))


def locale(apps: Apps, language_code: str):
    """The locale for a language at an old schema, made if the test needs it."""
    Locale = apps.get_model("wagtailcore", "Locale")
    return Locale.objects.get_or_create(language_code=language_code)[0]


def migrate_back_to(targets: list[tuple[str, str]]) -> Apps:
    """Unapply migrations down to `targets`; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_forward() -> None:
    """Apply every migration again, data migrations included."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def bare_page(apps: Apps, model: str, locale, slug: str):
    """A page of the given type ("app.Model") under the root at an old schema:
    enough to hang its child rows on."""
    Page = apps.get_model("wagtailcore", "Page")
    model_class = apps.get_model(model)
    # A form page's old model keeps Wagtail's form mixin, which names its
    # templates from `template` on creation; the old model has none.
    if not hasattr(model_class, "template"):
        model_class.template = "page.html"
    root = Page.objects.get(depth=1)
    return model_class.objects.create(
        title=slug,
        slug=slug,
        path=root.path + str(9000 + Page.objects.filter(depth=2).count()),
        depth=2,
        locale=locale,
        content_type_id=root.content_type_id,
    )


def bare_course(apps: Apps, locale, slug: str = "course"):
    """A course page under the root at an old schema: enough for runs and testimonials."""
    return bare_page(apps, "courses.CoursePage", locale, slug)
