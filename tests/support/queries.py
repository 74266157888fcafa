"""Counting the SQL queries of a page as a returning visitor's request makes them."""

from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext


def warm_get(client, url: str) -> tuple[HttpResponse, int]:
    """The second GET of `url` and its query count: the first fills what Wagtail
    keeps per process (site root paths), as a running server already has."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)
