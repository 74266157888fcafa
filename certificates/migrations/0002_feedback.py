"""Feedback after a run: requests and responses."""

import django.db.models.deletion
import places.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('certificates', '0001_registers_and_certificates'),
        ('courses', '0007_consent_records_and_testimonial_drafts'),
        ('places', '0006_bookings'),
    ]

    operations = [
        migrations.CreateModel(
            name='FeedbackRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(blank=True, max_length=200)),
                ('email', models.EmailField(blank=True, help_text='Empty once the person is erased.', max_length=254)),
                ('language', models.CharField(default=places.models.default_language, max_length=16)),
                ('sent_at', models.DateTimeField()),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('place', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='places.place')),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='feedback_requests', to='courses.courserun')),
            ],
            options={
                'verbose_name': 'feedback request',
                'verbose_name_plural': 'feedback requests',
            },
        ),
        migrations.CreateModel(
            name='FeedbackResponse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rating', models.PositiveSmallIntegerField(choices=[(1, '1'), (2, '2'), (3, '3'), (4, '4'), (5, '5')])),
                ('helped', models.TextField(blank=True, max_length=2000)),
                ('to_change', models.TextField(blank=True, max_length=2000)),
                ('quote_choice', models.CharField(choices=[('no', 'No'), ('named', 'Yes, with my name and role'), ('role', 'Yes, with my role only'), ('anonymous', 'Yes, anonymously')], default='no', max_length=20)),
                ('role', models.CharField(blank=True, max_length=120)),
                ('shown_name', models.CharField(blank=True, max_length=120)),
                ('quote', models.TextField(blank=True, max_length=800)),
                ('submitted_at', models.DateTimeField()),
                ('consent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='courses.consentrecord')),
                ('request', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='response', to='certificates.feedbackrequest')),
                ('testimonial', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='courses.testimonial')),
            ],
            options={
                'verbose_name': 'feedback response',
                'verbose_name_plural': 'feedback responses',
            },
        ),
        migrations.AddConstraint(
            model_name='feedbackrequest',
            constraint=models.UniqueConstraint(condition=models.Q(('email', ''), _negated=True), fields=('run', 'email'), name='one_feedback_request_per_person_and_run'),
        ),
    ]
