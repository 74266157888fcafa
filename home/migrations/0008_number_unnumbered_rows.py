"""Give a position to the courses pinned to the home page stored without one.

An empty `sort_order` orders nothing, so PostgreSQL could return them in any
order. Each is numbered after its numbered siblings, in the order stored
(home.ordering).
"""

from django.db import migrations

from home.ordering import number_unnumbered

MODELS = [
    "HomePageFeaturedCourse",
]


def number(apps, schema_editor):
    for name in MODELS:
        number_unnumbered(apps.get_model("home", name))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_discovery"),
    ]

    operations = [
        migrations.RunPython(number, migrations.RunPython.noop),
    ]
