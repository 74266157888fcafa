"""Fictional testimonials with consent records, one of them expired."""

from datetime import date, timedelta

from courses.models import ConsentRecord, ConsentSource, CoursePage, Testimonial

CONSENT_DATES = ("consent_given_on", "consent_expires_on")

# Consent dates are days from the day the demo is built.
TESTIMONIALS = [
    {
        "course": "creative-writing-for-empathy",
        "quote": (
            "I could see straight away how the morning connects with the way "
            "I talk to patients."
        ),
        "attribution": "role",
        "role": "Nurse, memory service",
        "consent_given_on": timedelta(days=-250),
        "consent_expires_on": timedelta(days=480),
    },
    {
        "course": "creative-empathy-hour",
        "quote": "It felt safe. Nobody judged what anyone wrote.",
        "attribution": "anonymous",
        "consent_given_on": timedelta(days=-210),
    },
    {
        "course": "compassionate-leadership",
        "quote": "A restorative couple of hours I now protect in my diary.",
        "attribution": "named",
        "name": "Sam Example",
        "role": "Ward manager",
        "consent_given_on": timedelta(days=-140),
        "consent_expires_on": timedelta(days=225),
    },
    {
        "course": "creative-writing-for-empathy",
        "quote": "Expired demo quote: this must never appear on the site.",
        "attribution": "role",
        "role": "Consultant psychiatrist",
        "consent_given_on": timedelta(days=-1050),
        "consent_expires_on": timedelta(days=-690),
    },
]


def build_testimonials(
    courses: dict[str, CoursePage], today: date
) -> list[Testimonial]:
    """Create each demo testimonial once, live, with consent dates counted from today."""
    built = []
    for data in TESTIMONIALS:
        fields = dict(data)
        for name in CONSENT_DATES:
            if name in fields:
                fields[name] = today + fields[name]
        course = courses[fields.pop("course")]
        quote = fields.pop("quote")
        testimonial = Testimonial.objects.filter(
            quote=quote, locale=course.locale
        ).first()
        if testimonial is None:
            consent = ConsentRecord.objects.create(
                name=fields.get("name", ""),
                given_on=fields.pop("consent_given_on"),
                expires_on=fields.pop("consent_expires_on", None),
                wording=(
                    "Quote may appear on the website and in course leaflets, "
                    "attributed as chosen."
                ),
                attribution=fields["attribution"],
                shown_name=fields.get("name", ""),
                shown_role=fields.get("role", ""),
                source=ConsentSource.STAFF,
            )
            testimonial = Testimonial.objects.create(
                quote=quote,
                locale=course.locale,
                course=course,
                consent=consent,
                **fields,
            )
        built.append(testimonial)
    return built
