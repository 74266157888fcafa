from django.apps import AppConfig


class FormsAppConfig(AppConfig):
    name = "forms_app"
    verbose_name = "Forms and submissions"

    def ready(self) -> None:
        # Connects the anymail tracking receiver.
        from forms_app import tracking  # noqa: F401
