"""The four staff groups and their rights (staff/roles.py), reusing existing groups."""

from django.db import migrations

from staff.roles import apply_roles


def create_roles(apps, schema_editor):
    apply_roles(apps)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("home", "0005_site_settings_enquiry_page"),
        ("courses", "0003_price_tier_eligibility"),
        ("facilitators", "0006_plain_model_names"),
        ("forms_app", "0008_accessrecord"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
