"""Give a position to the facilitators listed on a course stored without one.

An empty `sort_order` orders nothing, so PostgreSQL could return them in any
order. Each is numbered after its numbered siblings, in the order stored
(home.ordering).
"""

from django.db import migrations

from home.ordering import number_unnumbered

MODELS = [
    "CourseFacilitator",
]


def number(apps, schema_editor):
    for name in MODELS:
        number_unnumbered(apps.get_model("courses", name))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0009_number_unnumbered_rows"),
    ]

    operations = [
        migrations.RunPython(number, migrations.RunPython.noop),
    ]
