"""Photos are chosen by communications staff: their permission and image rights."""

from django.db import migrations


def grant_photo_rights(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _ = content_type_model.objects.get_or_create(
        app_label="facilitators", model="facilitatorpage"
    )
    choose_photo, _ = permission_model.objects.get_or_create(
        content_type=content_type,
        codename="choose_facilitator_photo",
        defaults={"name": "Can choose a facilitator's photo"},
    )
    communications = apps.get_model("auth", "Group").objects.get(
        name="Communications"
    )
    communications.permissions.add(choose_photo)
    root = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    if root is None:
        return
    collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for codename in ("add_image", "choose_image"):
        permission = permission_model.objects.filter(
            content_type__app_label="wagtailimages", codename=codename
        ).first()
        if permission is not None:
            collection_permission.objects.get_or_create(
                group=communications, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("facilitators", "0003_groups_and_approval_workflow"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="facilitatorpage",
            options={
                "permissions": [
                    (
                        "invite_facilitator",
                        "Can invite a facilitator to edit their profile",
                    ),
                    ("choose_facilitator_photo", "Can choose a facilitator's photo"),
                ],
                "verbose_name": "facilitator",
            },
        ),
        migrations.RunPython(grant_photo_rights, migrations.RunPython.noop),
    ]
