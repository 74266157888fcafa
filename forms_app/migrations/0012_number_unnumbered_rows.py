"""Give a position to the questions and routing rules of forms stored without one.

An empty `sort_order` orders nothing, so PostgreSQL could return them in any
order. Each is numbered after its numbered siblings, in the order stored
(home.ordering).
"""

from django.db import migrations

from home.ordering import number_unnumbered

MODELS = [
    "EnquiryFormField",
    "EnquiryRoutingRule",
    "ApplicationFormField",
    "ApplicationRoutingRule",
]


def number(apps, schema_editor):
    for name in MODELS:
        number_unnumbered(apps.get_model("forms_app", name))


class Migration(migrations.Migration):
    dependencies = [
        ("forms_app", "0011_sharing_image"),
    ]

    operations = [
        migrations.RunPython(number, migrations.RunPython.noop),
    ]
