"""Registers for facilitators and communications staff; certificates for communications."""

from django.db import migrations

from staff.roles import apply_roles


def grant(apps, schema_editor):
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0004_bookings"),
        ("certificates", "0001_registers_and_certificates"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
