from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("forms_app", "0005_periodic_jobs_and_send_task"),
    ]

    operations = [
        migrations.CreateModel(
            name="RateLimitCounter",
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
                ("key", models.CharField(max_length=64, unique=True)),
                ("window_start", models.DateTimeField(db_index=True)),
                ("count", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "rate limit counter",
                "verbose_name_plural": "rate limit counters",
            },
        ),
    ]
