from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "places"
    verbose_name = _("Places")

    def ready(self) -> None:
        # Connect their receivers: submissions become places; publishing announces;
        # erasing a person forgets them here too.
        from home.page_cache import watch
        from places import erasure, intake, updates  # noqa: F401
        from places.tasks import register_periodic_jobs

        register_periodic_jobs()
        # A place taken or given up changes places left on cached course pages.
        watch("places.Place")
