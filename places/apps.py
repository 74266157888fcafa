from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from forms_app.periodic import Job, register_job
        from places import intake  # noqa: F401  (connects the submission receiver)
        from places.followups import INTERVAL_SECONDS, invite_graduates

        register_job(
            Job("follow_up_invitations", invite_graduates, lambda: INTERVAL_SECONDS)
        )
