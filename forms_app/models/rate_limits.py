"""Counters of recent form posts per visitor, shared by every process through the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """Posts counted for one visitor since `window_start`; see forms_app.rate_limits."""

    # A keyed hash of the visitor's address, never the address itself.
    key = models.CharField(max_length=64, unique=True)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate limit counter")
        verbose_name_plural = _("rate limit counters")

    def __str__(self) -> str:
        return f"{self.key[:8]}…: {self.count}"
