"""Admin hooks of the home app: they only register; the rules live in their modules."""

from collections.abc import Iterator

from django.contrib.auth.models import AbstractUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page
from wagtail.query import PageQuerySet

from home.translation_status import stale_source_of, update_url, with_stale_source


@hooks.register("construct_explorer_page_queryset")
def mark_stale_translations(
    parent_page: Page, pages: PageQuerySet, request: HttpRequest
) -> PageQuerySet:
    # One annotation on the listing's own query keeps the row count out of the query count.
    return with_stale_source(pages)


@hooks.register("register_page_listing_buttons")
def update_stale_translation_button(
    page: Page, user: AbstractUser, next_url: str | None = None
) -> Iterator[ListingButton]:
    # The update view refuses anyone without this permission.
    if not user.has_perm("wagtail_localize.submit_translation"):
        return
    source_id = stale_source_of(page)
    if source_id is not None:
        yield ListingButton(
            _("Source changed: update translation"),
            update_url(source_id, next_url),
            icon_name="warning",
            classname="stale-translation",
            attrs={
                "aria-label": _("'%(title)s' is out of date: update it from its source")
                % {"title": page.get_admin_display_title()}
            },
            priority=5,
        )


# Before wagtail-localize's own hook, which answers with its translation editor.
@hooks.register("before_edit_page", order=-1)
def warn_stale_translation(request: HttpRequest, page: Page) -> None:
    if request.method != "GET" or not request.user.has_perm(
        "wagtail_localize.submit_translation"
    ):
        return
    source_id = stale_source_of(page)
    if source_id is not None:
        messages.warning(
            request,
            _("The source of this translation has changed since it was last synced."),
            buttons=[
                messages.button(
                    update_url(source_id, request.get_full_path()),
                    _("Update translation from source"),
                )
            ],
            extra_tags="stale-translation",
        )
