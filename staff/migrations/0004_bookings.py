"""Communications staff and administrators see bookings and mark invoices and payments."""

from django.db import migrations

from staff.roles import apply_roles


def grant(apps, schema_editor):
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0003_decide_places"),
        ("places", "0006_bookings"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
