"""Administrators may unlock a locked-out sign-in (axes.delete_accessattempt)."""

from django.db import migrations

from staff.roles import apply_roles


def grant(apps, schema_editor):
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_roles"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
