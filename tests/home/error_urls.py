"""A URL that fails, to reach the site's 500 handler through the whole stack."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("deliberate failure for the 500 page")


urlpatterns = [path("fail/", fail)]
handler500 = "home.views.server_error"
