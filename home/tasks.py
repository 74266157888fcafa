"""Background work of the home app: renditions made ahead of a visitor's request,
and the CDN purged after a change."""

import logging

from django.db import transaction
from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model
from wagtail.models import Page

from home.cdn_purge import configured_backends, purge_everything
from home.renditions import generate_renditions, images_shown_by

logger = logging.getLogger(__name__)


@task(backend="queue")
def generate_image_renditions(image_id: int) -> None:
    """Make every rendition the templates use of one image (after an upload or edit)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        generate_renditions(image)


@task(backend="queue")
def generate_page_renditions(page_id: int) -> None:
    """Make every rendition of the images a published page shows."""
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        for image in images_shown_by(page):
            generate_renditions(image)


@task(backend="queue")
def purge_frontend_cache() -> dict[str, int]:
    """Purge every cached address at the CDN (home.cdn_purge); never raises for it."""
    outcome = purge_everything()
    return {"urls": outcome.urls, "errors": outcome.errors}


def enqueue_frontend_cache_purge() -> None:
    """Queue a purge unless one already waits: it will read the rows committed now."""
    backend = purge_frontend_cache.get_backend()
    if isinstance(backend, DatabaseBackend) and (
        DBTaskResult.objects.filter(
            task_path=purge_frontend_cache.module_path, status="READY"
        ).exists()
    ):
        return
    purge_frontend_cache.enqueue()


def purge_frontend_cache_after_commit() -> None:
    """Called on every page-cache invalidation: one purge per transaction, on commit.

    Nothing here may fail the change itself: a backend that cannot be loaded is
    logged, and the enqueue runs as a robust on-commit callback.
    """
    try:
        configured = bool(configured_backends())
    except Exception as error:
        logger.error("CDN purge backend cannot be loaded (%s)", type(error).__name__)
        return
    if not configured:
        return
    connection = transaction.get_connection()
    # Every signal of one publish lands here; the first one's callback serves all.
    if any(
        callback is enqueue_frontend_cache_purge
        for _savepoints, callback, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(enqueue_frontend_cache_purge, robust=True)
