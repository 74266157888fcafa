"""Number runs, sessions and price tiers that were stored without an order.

The demo content stored them with an empty `sort_order`, which orders nothing:
PostgreSQL could return a run's sessions in any order, and the editor then read
them as out of order. Sessions are numbered by their start, runs by their first
session's start and price tiers as they were stored; rows already numbered keep
their order, so a run or a page is renumbered only if part of it was left empty.
"""

from django.db import migrations
from django.db.models import F, Min


def _number(rows) -> None:
    for index, row in enumerate(rows):
        if row.sort_order != index:
            row.sort_order = index
            row.save(update_fields=["sort_order"])


def number_unnumbered_rows(apps, schema_editor):
    CourseSession = apps.get_model("courses", "CourseSession")
    CourseRun = apps.get_model("courses", "CourseRun")
    CoursePriceTier = apps.get_model("courses", "CoursePriceTier")

    runs = CourseSession.objects.filter(sort_order__isnull=True).values("run_id")
    for run_id in runs.distinct().values_list("run_id", flat=True):
        _number(CourseSession.objects.filter(run_id=run_id).order_by("start", "pk"))

    courses = CourseRun.objects.filter(sort_order__isnull=True).values("course_id")
    for course_id in courses.distinct().values_list("course_id", flat=True):
        _number(
            CourseRun.objects.filter(course_id=course_id)
            .annotate(first_start=Min("sessions__start"))
            .order_by(F("first_start").asc(nulls_last=True), "pk")
        )

    courses = CoursePriceTier.objects.filter(sort_order__isnull=True).values("course_id")
    for course_id in courses.distinct().values_list("course_id", flat=True):
        _number(
            CoursePriceTier.objects.filter(course_id=course_id).order_by(
                F("sort_order").asc(nulls_last=True), "pk"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0008_sharing_image_and_enquiry_contact"),
    ]

    operations = [
        migrations.RunPython(number_unnumbered_rows, migrations.RunPython.noop),
    ]
