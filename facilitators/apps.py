from django.apps import AppConfig
from django.db.models.signals import post_save


class FacilitatorsConfig(AppConfig):
    name = "facilitators"
    verbose_name = "Facilitators"

    def ready(self) -> None:
        from facilitators.models import FacilitatorIndexPage
        from facilitators.signals import on_index_saved

        post_save.connect(
            on_index_saved,
            sender=FacilitatorIndexPage,
            dispatch_uid="facilitators.grant_index_access",
        )
