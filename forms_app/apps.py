from django.apps import AppConfig


class FormsAppConfig(AppConfig):
    name = "forms_app"
    verbose_name = "Forms and submissions"

    def ready(self) -> None:
        # Models can be imported only once apps are ready; this connects the receiver.
        from forms_app import checks, tracking  # noqa: F401
