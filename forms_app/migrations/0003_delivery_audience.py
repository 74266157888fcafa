from django.db import migrations, models
from django.db.models import Q


def fill_audience(apps, schema_editor):
    """Derive each existing delivery's audience from its kind and rule label."""
    Delivery = apps.get_model("forms_app", "Delivery")
    Delivery.objects.filter(kind="acknowledgement").update(audience="applicant")
    Delivery.objects.filter(kind="failure_alert").update(audience="operations")
    notifications = Delivery.objects.filter(kind="notification")
    notifications.filter(
        Q(rule__startswith="facilitator") | Q(rule__startswith="course-facilitator")
    ).update(audience="facilitator")
    # BaseRoutingRule.describe() writes "answer:<field>=<value>".
    notifications.filter(rule__startswith="answer:").update(audience="answer_rule")


class Migration(migrations.Migration):
    dependencies = [
        ("forms_app", "0002_application_forms"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="audience",
            field=models.CharField(
                choices=[
                    ("team", "Team"),
                    ("answer_rule", "Answer rule"),
                    ("facilitator", "Facilitator"),
                    ("applicant", "Applicant"),
                    ("operations", "Operations"),
                ],
                default="team",
                help_text="Whom the email is for, e.g. a facilitator or the applicant.",
                max_length=16,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_audience, migrations.RunPython.noop),
    ]
