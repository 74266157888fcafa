"""The per-visitor limit on form posts: shared by every process, exact, and explained."""

import math
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import formats, timezone

from forms_app.models import RateLimitCounter, Submission
from forms_app.rate_limits import count_hit
from tests.forms_app.conftest import form_data
from tests.forms_app.test_workers import (
    ROOT,
    WAIT_SECONDS,
    database_url,
    load_back,
    worker_env,
)

# Each process posts from the same address through Django's test client, with
# development settings on a copy of the test database; it waits for "go".
POSTER = """
import sys
import django

django.setup()
from django.test import Client

path, posts = sys.argv[1], int(sys.argv[2])
client = Client(HTTP_HOST="localhost")
assert client.get(path).status_code == 200
print("ready", flush=True)
sys.stdin.readline()
# An incomplete form: counted, answered, never stored.
statuses = [client.post(path, {"contact_name": ""}).status_code for _ in range(posts)]
print(" ".join(map(str, statuses)), flush=True)
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_posts_from_several_processes_are_counted_exactly_once_each(
    client, enquiry_page, post_form, settings, tmp_path
):
    processes, posts, limit = 3, 10, 14
    url = database_url(tmp_path)
    env = worker_env(
        url,
        tmp_path,
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        FORMS_RATE_LIMIT=str(limit),
        FORMS_RATE_LIMIT_WINDOW=str(settings.FORMS_RATE_LIMIT_WINDOW),
    )
    posters = [
        subprocess.Popen(
            [sys.executable, "-c", POSTER, enquiry_page.url, str(posts)],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _process in range(processes)
    ]
    try:
        for poster in posters:
            assert poster.stdout.readline().strip() == "ready", poster.stderr.read()
        for poster in posters:  # all at once
            poster.stdin.write("go\n")
            poster.stdin.flush()
        statuses = []
        for poster in posters:
            out, errors = poster.communicate(timeout=WAIT_SECONDS * 2)
            assert poster.returncode == 0, errors
            statuses += out.split()
    finally:
        for poster in posters:
            if poster.poll() is None:
                poster.kill()
                poster.wait()

    # Exactly `limit` posts got through among all the processes together.
    assert statuses.count("200") == limit
    assert statuses.count("429") == processes * posts - limit

    # This process sees the same count: one more post allowed, then refused.
    load_back(url)
    settings.FORMS_RATE_LIMIT = processes * posts + 1
    assert post_form(enquiry_page, form_data()).status_code == 302
    assert post_form(enquiry_page, form_data()).status_code == 429
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_limit_survives_clearing_the_cache(enquiry_page, post_form, settings):
    settings.FORMS_RATE_LIMIT = 1
    assert post_form(enquiry_page, form_data()).status_code == 302
    cache.clear()  # as a restart of every process would
    assert post_form(enquiry_page, form_data()).status_code == 429
    assert Submission.objects.count() == 1


def retry_time(moment) -> str:
    """The clock time shown to visitors: the next whole minute, in the site's time zone."""
    whole = moment.replace(second=0, microsecond=0)
    if whole < moment:
        whole += timedelta(minutes=1)
    return formats.time_format(timezone.localtime(whole), "H:i")


@pytest.mark.django_db
def test_429_says_when_to_try_again_and_keeps_the_answers(
    enquiry_page, post_form, settings
):
    settings.FORMS_RATE_LIMIT = 2
    window = settings.FORMS_RATE_LIMIT_WINDOW = 900
    before = timezone.now()
    for _post in range(2):
        assert post_form(enquiry_page, form_data()).status_code == 302
    after = timezone.now()
    response = post_form(enquiry_page, form_data(message="Third try"))

    html = response.content.decode()
    assert response.status_code == 429
    assert "no-store" in response["Cache-Control"]
    # The window started with the first post: the wait is what remains of it.
    waited = (timezone.now() - before).total_seconds()
    assert window - math.ceil(waited) <= int(response["Retry-After"]) <= window
    notice = re.search(r'<div[^>]*role="alert"[^>]*>(.*?)</div>', html, re.S).group(1)
    shown = {retry_time(before + timedelta(seconds=window))}
    shown.add(retry_time(after + timedelta(seconds=window)))
    assert any(f"after {time}" in notice for time in shown), notice
    assert "in about 15 minutes" in notice
    assert "Third try" in html and 'value="Asha Patel"' in html
    assert Submission.objects.count() == 2


@pytest.mark.django_db
def test_a_new_window_starts_with_the_first_post_after_the_last_one_ended():
    window = timedelta(minutes=10)
    start = timezone.now()
    assert count_hit("visitor", limit=1, window=window, now=start).count == 1
    later = count_hit("visitor", limit=1, window=window, now=start + window / 2)
    assert later.exceeded and later.resets_at == start + window
    fresh = count_hit("visitor", limit=1, window=window, now=start + window)
    assert (fresh.count, fresh.exceeded) == (1, False)
    assert fresh.resets_at == start + 2 * window


@pytest.mark.django_db
def test_ended_windows_are_deleted_when_a_new_visitor_arrives():
    window = timedelta(minutes=10)
    start = timezone.now()
    count_hit("earlier", limit=5, window=window, now=start)
    count_hit("still-counting", limit=5, window=window, now=start + window / 2)
    count_hit("newcomer", limit=5, window=window, now=start + window)
    assert set(RateLimitCounter.objects.values_list("key", flat=True)) == {
        "still-counting",
        "newcomer",
    }


@pytest.mark.django_db
def test_the_address_is_not_stored(enquiry_page, post_form):
    post_form(enquiry_page, form_data(), REMOTE_ADDR="203.0.113.7")
    (key,) = RateLimitCounter.objects.values_list("key", flat=True)
    assert "203.0.113.7" not in key and len(key) == 64
