"""Work every task worker does now and then, claimed by one worker at a time."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicJob(models.Model):
    """One repeating job (the email sweep, task pruning): when it is due and who has it.

    A worker claims the row with a conditional update that sets `claimed_until`;
    a killed worker's claim simply expires and the next worker takes it over.
    """

    name = models.CharField(max_length=40, unique=True)
    due_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when operations were told the job is late; cleared when it next succeeds.
    late_alert_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.name
