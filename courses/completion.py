"""What completing a course means: how many of a run's core sessions a person must attend."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Completion(models.TextChoices):
    ALL = "all", _("Every core session")
    AT_LEAST = "at_least", _("At least a number of core sessions")


def sessions_needed(rule: str, at_least: int | None, core_sessions: int) -> int:
    """Core sessions a person must attend to complete a run with this many of them.

    Follow-up sessions are optional and never counted; a number above the run's
    core sessions asks for all of them.
    """
    if rule == Completion.AT_LEAST and at_least:
        return min(at_least, core_sessions)
    return core_sessions
