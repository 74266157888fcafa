"""Testimonials get drafts and publishing; consent becomes its own fixed record.

Every existing testimonial stays live, and its consent fields move into a
ConsentRecord recorded by staff (translations share their source's record).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_consent_into_records(apps, schema_editor):
    Testimonial = apps.get_model("courses", "Testimonial")
    ConsentRecord = apps.get_model("courses", "ConsentRecord")
    now = django.utils.timezone.now()
    records = {}
    for testimonial in Testimonial.objects.order_by("pk"):
        record = records.get(testimonial.translation_key)
        if record is None:
            record = ConsentRecord.objects.create(
                name=testimonial.name,
                given_on=testimonial.consent_given_on,
                wording=testimonial.consent_terms,
                attribution=testimonial.attribution,
                shown_name=testimonial.name,
                shown_role=testimonial.role,
                expires_on=testimonial.consent_expires_on,
                withdrawn_on=testimonial.consent_withdrawn_on,
                source="staff",
                recorded_at=now,
            )
            records[testimonial.translation_key] = record
        Testimonial.objects.filter(pk=testimonial.pk).update(
            consent=record,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_completion_and_participatory_hours"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ConsentRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=200)),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("given_on", models.DateField()),
                ("wording", models.TextField(max_length=2000)),
                ("language", models.CharField(blank=True, max_length=16)),
                (
                    "attribution",
                    models.CharField(
                        choices=[
                            ("named", "Named"),
                            ("role", "Role only"),
                            ("anonymous", "Anonymous"),
                        ],
                        max_length=20,
                    ),
                ),
                ("shown_name", models.CharField(blank=True, max_length=120)),
                ("shown_role", models.CharField(blank=True, max_length=120)),
                ("expires_on", models.DateField(blank=True, null=True)),
                ("withdrawn_on", models.DateField(blank=True, null=True)),
                ("withdrawal_note", models.TextField(blank=True, max_length=1000)),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("feedback_form", "Feedback form"),
                            ("staff", "Recorded by staff from paper or email"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "recorded_at",
                    models.DateTimeField(default=django.utils.timezone.now),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "consent record",
                "verbose_name_plural": "consent records",
                "ordering": ["-given_on", "pk"],
            },
        ),
        migrations.AddField(
            model_name="testimonial",
            name="expire_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="expiry date/time"
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="expired",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="expired"
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="go_live_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="go live date/time"
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="has_unpublished_changes",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="has unpublished changes"
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="last_published_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="last published at"
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="live",
            field=models.BooleanField(
                default=True, editable=False, verbose_name="live"
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="locked",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="locked"
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="locked_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="locked at"
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="locked_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="locked_%(class)ss",
                to=settings.AUTH_USER_MODEL,
                verbose_name="locked by",
            ),
        ),
        migrations.AddField(
            model_name="testimonial",
            name="consent",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="testimonials",
                to="courses.consentrecord",
            ),
        ),
        migrations.RunPython(move_consent_into_records, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="testimonial",
            name="consent",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="testimonials",
                to="courses.consentrecord",
            ),
        ),
        migrations.RemoveField(
            model_name="testimonial",
            name="consent_expires_on",
        ),
        migrations.RemoveField(
            model_name="testimonial",
            name="consent_given_on",
        ),
        migrations.RemoveField(
            model_name="testimonial",
            name="consent_terms",
        ),
        migrations.RemoveField(
            model_name="testimonial",
            name="consent_withdrawn_on",
        ),
        migrations.AlterModelOptions(
            name="testimonial",
            options={
                "ordering": ["-consent__given_on", "pk"],
                "verbose_name": "testimonial",
                "verbose_name_plural": "testimonials",
            },
        ),
    ]
