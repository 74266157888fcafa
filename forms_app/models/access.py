"""Who viewed, exported, searched, resent or erased applicant data, and when."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessRecordQuerySet(models.QuerySet):
    def older_than(self, days: int) -> "AccessRecordQuerySet":
        """Records past the retention period, for the purge command."""
        return self.filter(at__lt=timezone.now() - timedelta(days=days))


class AccessRecord(models.Model):
    """One person's access to applicant data; `subject` names references and counts only."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed a submission")
        EXPORTED = "exported", _("Exported submissions")
        SEARCHED = "searched", _("Searched for a person")
        ERASED = "erased", _("Erased a person's submissions")
        RESENT = "resent", _("Resent an email")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    subject = models.CharField(_("what"), max_length=200)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access record")
        verbose_name_plural = _("access records")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.subject}"
