"""schema.org JSON-LD for course pages, built in Python and escaped for <script>."""

from django.http import HttpRequest
from django.utils.safestring import SafeString
from wagtail.models import Site

from courses.models.pricing import CoursePriceTier, Eligibility
from courses.models.runs import CourseSession, SessionFormat, SessionStatus
from home.models import SiteSettings
from home.structured_data import json_ld_script

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    SessionStatus.SCHEDULED: "EventScheduled",
    SessionStatus.CANCELLED: "EventCancelled",
    SessionStatus.POSTPONED: "EventPostponed",
    SessionStatus.MOVED_ONLINE: "EventMovedOnline",
}
ATTENDANCE = {
    SessionFormat.ONLINE: "OnlineEventAttendanceMode",
    SessionFormat.IN_PERSON: "OfflineEventAttendanceMode",
    SessionFormat.HYBRID: "MixedEventAttendanceMode",
}
COURSE_MODE = {
    SessionFormat.ONLINE: "online",
    SessionFormat.IN_PERSON: "onsite",
    SessionFormat.HYBRID: "blended",
}


def organisation(request: HttpRequest) -> dict:
    site = Site.find_for_request(request)
    name = SiteSettings.for_request(request).organisation_name if site else ""
    data = {"@type": "Organization", "name": name}
    if site is not None:
        data["url"] = site.root_url
    return data


def location(session: CourseSession, url: str) -> dict | list:
    virtual = {"@type": "VirtualLocation", "url": url}
    if session.is_online_only:
        return virtual
    place = {
        "@type": "Place",
        "name": session.room or session.building,
        "address": session.building or session.room,
    }
    return [place, virtual] if session.format == SessionFormat.HYBRID else place


def offer(tier: CoursePriceTier, url: str) -> dict:
    """A schema.org Offer that states any condition on who may book it."""
    data = {
        "@type": "Offer",
        "name": tier.label,
        "price": f"{tier.price:.2f}",
        "priceCurrency": "GBP",
        "url": url,
        "category": "Free" if tier.is_free else "Paid",
    }
    if tier.places > 1:
        data["eligibleQuantity"] = {"@type": "QuantitativeValue", "value": tier.places}
    if tier.eligibility == Eligibility.INTRODUCTORY and tier.available_until:
        data["validThrough"] = tier.available_until.isoformat()
    if tier.condition_label:
        data["description"] = tier.condition_label
    return data


def offers(tiers: list[CoursePriceTier], url: str) -> list[dict]:
    return [offer(tier, url) for tier in tiers]


def session_event(
    course, session: CourseSession, url: str, organiser: dict, tiers: list
) -> dict:
    mode = SessionFormat.ONLINE if session.is_online_only else session.format
    return {
        "@type": "Event",
        "name": course.title,
        "startDate": session.start.isoformat(),
        "endDate": session.end.isoformat(),
        "eventStatus": SCHEMA + EVENT_STATUS[session.status],
        "eventAttendanceMode": SCHEMA + ATTENDANCE[mode],
        "location": location(session, url),
        "offers": offers(tiers, url),
        "organizer": organiser,
        "url": url,
    }


def course_json_ld(
    course, upcoming_runs: list, tiers: list, request: HttpRequest
) -> dict:
    """A Course with one CourseInstance per upcoming run and an Event per session.

    The tiers are those still offered; each offer carries its condition.
    """
    url = course.get_full_url(request)
    organiser = organisation(request)
    instances = []
    for view in upcoming_runs:
        sessions = view.upcoming
        formats = {session.format for session in sessions}
        mode = "blended" if len(formats) > 1 else COURSE_MODE[formats.pop()]
        instances.append(
            {
                "@type": "CourseInstance",
                "name": view.run.title,
                "courseMode": mode,
                "startDate": sessions[0].start.isoformat(),
                "endDate": sessions[-1].end.isoformat(),
                "subEvent": [
                    session_event(course, s, url, organiser, tiers) for s in sessions
                ],
            }
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary,
        "url": url,
        "provider": organiser,
        "hasCourseInstance": instances,
    }
    if tiers:
        data["offers"] = offers(tiers, url)
    return data


def course_json_ld_script(
    course, upcoming_runs: list, tiers: list, request: HttpRequest
) -> SafeString:
    return json_ld_script(course_json_ld(course, upcoming_runs, tiers, request))
