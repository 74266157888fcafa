"""Communications staff and administrators see bookings and mark invoices and payments."""

from django.db import migrations

from staff.roles import apply_roles


def grant(apps, schema_editor):
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_unlock_sign_ins"),
        ("places", "0005_bookings"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
