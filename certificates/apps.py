from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        # Erasing a person forgets them in registers, certificates and feedback;
        # the workers ask for feedback after each run.
        from certificates import erasure  # noqa: F401
        from certificates.tasks import register_periodic_jobs

        register_periodic_jobs()
