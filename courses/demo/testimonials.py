"""Fictional testimonials with consent records, one of them expired."""

from datetime import date

from courses.models import CoursePage, Testimonial

TESTIMONIALS = [
    {
        "course": "creative-writing-for-empathy",
        "quote": (
            "I could see straight away how the morning connects with the way "
            "I talk to patients."
        ),
        "attribution": "role",
        "role": "Nurse, memory service",
        "consent_given_on": date(2026, 3, 20),
        "consent_expires_on": date(2028, 3, 20),
    },
    {
        "course": "creative-empathy-hour",
        "quote": "It felt safe. Nobody judged what anyone wrote.",
        "attribution": "anonymous",
        "consent_given_on": date(2026, 5, 2),
    },
    {
        "course": "compassionate-leadership",
        "quote": "A restorative couple of hours I now protect in my diary.",
        "attribution": "named",
        "name": "Sam Example",
        "role": "Ward manager",
        "consent_given_on": date(2026, 7, 14),
        "consent_expires_on": date(2027, 7, 14),
    },
    {
        "course": "creative-writing-for-empathy",
        "quote": "Expired demo quote: this must never appear on the site.",
        "attribution": "role",
        "role": "Consultant psychiatrist",
        "consent_given_on": date(2024, 1, 10),
        "consent_expires_on": date(2025, 1, 10),
    },
]


def build_testimonials(courses: dict[str, CoursePage]) -> list[Testimonial]:
    built = []
    for data in TESTIMONIALS:
        fields = dict(data)
        course = courses[fields.pop("course")]
        testimonial, _created = Testimonial.objects.get_or_create(
            quote=fields.pop("quote"),
            locale=course.locale,
            defaults={
                "course": course,
                "consent_terms": (
                    "Quote may appear on the website and in course leaflets, "
                    "attributed as chosen."
                ),
                **fields,
            },
        )
        built.append(testimonial)
    return built
