from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and content pages"

    def ready(self) -> None:
        # Models can be imported only once apps are ready; this connects the receiver.
        from home import image_signals, page_tree  # noqa: F401
