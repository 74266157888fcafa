"""Communications staff and facilitators may decide places (places.decide_place)."""

from django.db import migrations

from staff.roles import apply_roles


def grant(apps, schema_editor):
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_unlock_sign_ins"),
        ("places", "0002_typed_counts_become_places"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
