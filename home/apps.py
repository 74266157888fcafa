from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate, pre_save


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and content pages"

    def ready(self) -> None:
        # Models can be imported only once apps are ready; this connects the receiver.
        from home import image_signals, page_tree  # noqa: F401
        from home.ordering import give_position
        from home.page_cache import connect_signals, on_invalidate
        from home.tasks import purge_frontend_cache_after_commit

        connect_signals()
        # Any app's orderable rows, so none is left without an order (home.ordering).
        pre_save.connect(give_position, dispatch_uid="home.ordering.give_position")
        # A CDN in front retires what the page cache retires (docs/decisions/0031).
        on_invalidate(purge_frontend_cache_after_commit)
        # `migrate` also makes the database page cache's table, so no deploy forgets it.
        post_migrate.connect(create_cache_tables, sender=self)


def create_cache_tables(using: str = "default", **kwargs: object) -> None:
    call_command("createcachetable", database=using, verbosity=0)
