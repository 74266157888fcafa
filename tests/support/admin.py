"""How Wagtail's admin refuses a signed-in user: back to the dashboard, with a reason."""

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.urls import reverse


def assert_refused(response: HttpResponse) -> None:
    """The admin turned the user away: a redirect to the dashboard saying why."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("permission" in m for m in messages), messages
