"""Create the Facilitators and Communications groups and the approval workflow."""

from django.db import migrations

FACILITATORS = "Facilitators"
COMMUNICATIONS = "Communications"
WORKFLOW = "Facilitator profile approval"
TASK = "Communications approval"


def permission(apps, app_label, model, codename, name):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _ = content_type_model.objects.get_or_create(
        app_label=app_label, model=model
    )
    found, _ = permission_model.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def create_groups_and_workflow(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    access_admin = permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    invite = permission(
        apps,
        "facilitators",
        "facilitatorpage",
        "invite_facilitator",
        "Can invite a facilitator to edit their profile",
    )
    facilitators, _ = group_model.objects.get_or_create(name=FACILITATORS)
    facilitators.permissions.add(access_admin)
    communications, _ = group_model.objects.get_or_create(name=COMMUNICATIONS)
    communications.permissions.add(access_admin, invite)

    content_type_model = apps.get_model("contenttypes", "ContentType")
    task_type, _ = content_type_model.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    task = task_model.objects.filter(name=TASK).first()
    if task is None:
        task = task_model.objects.create(name=TASK, content_type=task_type)
    task.groups.add(communications)
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow, _ = workflow_model.objects.get_or_create(name=WORKFLOW)
    apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("facilitators", "0002_user_shared_by_translations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)
    ]
