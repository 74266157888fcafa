"""Template tags for course dates, prices and testimonials."""

from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from django import template
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

from courses.home import featured_courses, upcoming_dates
from courses.models import CourseIndexPage, Testimonial
from courses.rules import in_london, london_zone_label

register = template.Library()


@register.filter
def money(amount: Decimal | None) -> str:
    """Pounds with pence only when there are any: £125, £40.50."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


@register.filter
def cpd_hours(hours: Decimal | None) -> str:
    """ "1 hour", "3 hours", "1.5 hours"."""
    if hours is None:
        return ""
    number = formats.number_format(hours.normalize())
    # ngettext wants an integer; any fraction reads as plural.
    count = int(hours) if hours == hours.to_integral_value() else 2
    return translation.ngettext("%(hours)s hour", "%(hours)s hours", count) % {
        "hours": number
    }


@register.simple_tag
def session_when(session) -> SafeString:
    """Day, date, time range and GMT/BST, in London time, as a <time> element."""
    return _when(session.start, session.end, translation.get_language())


# Pure in its arguments, and a course page formats each session more than once.
@lru_cache(maxsize=4096)
def _when(start_at: datetime, end_at: datetime, language: str | None) -> SafeString:
    start, end = in_london(start_at), in_london(end_at)
    day = formats.date_format(start, "l j F Y")
    times = "\u2013".join(formats.time_format(t, "H:i") for t in (start, end))
    return format_html(
        '<time datetime="{}">{}, {}</time> <abbr title="{}">{}</abbr>',
        start.isoformat(),
        day,
        times,
        _zone_title(london_zone_label(start)),
        london_zone_label(start),
    )


@register.simple_tag
def session_item(session, with_calendar: bool = False) -> SafeString:
    """One date in a course page's list: when, format and place, status, and (for a
    date to come) its calendar link.

    Written here rather than as an included template: a course page lists every
    date of every run, and including a template once per date cost more than the
    rest of the list.
    """
    when = session_when(session)
    place = session.place_label
    status = ""
    if not session.is_scheduled:
        status = format_html(
            ' <span class="tag {}">{}</span>',
            "tag--cancelled" if session.is_cancelled else "tag--warning",
            session.get_status_display(),
        )
    graduates = ""
    if session.graduates_only:
        graduates = format_html(
            ' <span class="tag">{}</span>',
            translation.gettext("For graduates of this course"),
        )
    calendar = ""
    calendar_url = getattr(session, "calendar_url", "")
    if with_calendar and calendar_url:
        calendar = format_html(
            '<p class="session__ics"><a href="{}">{}'
            '<span class="visually-hidden"> ({})</span></a></p>',
            calendar_url,
            translation.gettext("Add to calendar"),
            when,
        )
    return format_html(
        '<li class="session{}"><p class="session__when">{}</p>'
        '<p class="session__meta"><span>{}</span>{}{}{}</p>{}</li>',
        " session--cancelled" if session.is_cancelled else "",
        when,
        session.get_format_display(),
        format_html(": {}", place) if place else "",
        status,
        graduates,
        calendar,
    )


def _zone_title(label: str) -> str:
    if label == "BST":
        return translation.gettext("British Summer Time")
    return translation.gettext("Greenwich Mean Time")


@register.inclusion_tag("courses/includes/price_tier.html")
def price_tier(tier) -> dict:
    return {"tier": tier}


@register.inclusion_tag("courses/includes/featured_testimonials.html")
def featured_testimonials(count: int) -> dict:
    """A few testimonials in the current language whose consent stands today."""
    testimonials = (
        Testimonial.objects.with_current_consent()
        .filter(locale__language_code=translation.get_language())
        .select_related("course")
        .order_by("-consent__given_on", "pk")[:count]
    )
    return {"testimonials": list(testimonials)}


@register.inclusion_tag("courses/includes/home_dates.html", takes_context=True)
def home_upcoming_dates(context, page) -> dict:
    """The home page's next dates across courses, at most as many as the page says."""
    rows = upcoming_dates(page, timezone.now(), page.upcoming_dates_shown)
    return {
        "rows": rows,
        "hidden": page.upcoming_dates_shown == 0,
        "course_index": _course_index(page),
        "request": context.get("request"),
    }


@register.inclusion_tag("courses/includes/home_featured.html", takes_context=True)
def home_featured_courses(context, page) -> dict:
    """The courses the editor pinned to the home page, in the visitor's language."""
    return {
        "featured": featured_courses(page, timezone.now()),
        "request": context.get("request"),
    }


def _course_index(page) -> CourseIndexPage | None:
    """The live course list below the home page, looked up once per page."""
    if not hasattr(page, "_live_course_index"):
        page._live_course_index = CourseIndexPage.objects.child_of(page).live().first()
    return page._live_course_index


@register.inclusion_tag("courses/includes/feed_links.html", takes_context=True)
def course_feed_links(context, home) -> dict:
    """The course list's feeds, for the head of a page outside it (the home page)."""
    index = _course_index(home) if home else None
    return {"index": index, "request": context.get("request")}
