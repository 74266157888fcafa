from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from forms_app.periodic import Job, register
        from places import intake, updates  # noqa: F401  (connect their receivers)
        from places.reminders import REMINDER_INTERVAL_SECONDS, send_reminders_now

        register(
            Job("reminders", send_reminders_now, lambda: REMINDER_INTERVAL_SECONDS)
        )
