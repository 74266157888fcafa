"""Staff who edit testimonials may publish and lock them now that they have drafts."""

from django.db import migrations

from staff.roles import apply_roles


def grant(apps, schema_editor):
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0005_registers_and_certificates"),
        ("courses", "0007_consent_records_and_testimonial_drafts"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
