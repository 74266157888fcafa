"""The demo home page shows dates, pinned courses and who we are in both languages."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_demo_home_page_sells_the_next_dates_in_english_and_welsh(client, demo_site):
    english = client.get("/").content.decode()
    assert 0 < english.count('<li class="home-date">') <= 6
    featured = re.findall(
        r'<li class="card featured-course">\s*<h3><a[^>]*>([^<]+)<', english
    )
    assert featured == [
        "Creative Empathy Hour",
        "Introduction to Creative Writing for Empathy",
        "Compassionate Leadership Training",
    ]
    assert "clinicians, psychologists and writers who teach" in english
    assert '<a href="/about/">About us</a>' in english

    welsh = client.get("/cy/").content.decode()
    assert '<li class="home-date">' in welsh
    featured = re.findall(
        r'<li class="card featured-course">\s*<h3><a href="([^"]+)">([^<]+)<', welsh
    )
    assert featured[0] == (
        "/cy/courses/creative-empathy-hour/",
        "Awr Empathi Greadigol",
    )
    assert len(featured) == 3
    assert "Clinigwyr, seicolegwyr ac awduron" in welsh
    assert '<a href="/cy/about/">Amdanom ni</a>' in welsh
