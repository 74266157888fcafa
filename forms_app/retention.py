"""Which submissions have outlived their form's retention period."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Page

from forms_app.models import BaseFormPage, Submission


def expired_submissions(form_pages) -> QuerySet:
    """Submissions older than the retention days of the form they were sent to."""
    now = timezone.now()
    expired = Submission.objects.none()
    for page in form_pages:
        cutoff = now - timedelta(days=page.retention_days)
        expired |= Submission.objects.filter(page=page, submit_time__lt=cutoff)
    return expired


def form_pages_with_retention() -> list:
    """Every source-language form page (translations share their source's submissions)."""
    pages = Page.objects.filter(pk__in=Submission.objects.values("page")).specific()
    return [page for page in pages if isinstance(page, BaseFormPage)]
