from django.apps import AppConfig


class FacilitatorsConfig(AppConfig):
    name = "facilitators"
    verbose_name = "Facilitators"

    def ready(self) -> None:
        # Models can be imported only once apps are ready; this connects the handlers.
        from facilitators import signals  # noqa: F401
