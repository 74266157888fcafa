"""The course index: a summary per course, GET filters and search."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django import forms
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from courses.models.pricing import CoursePriceTier
from courses.models.runs import CourseRun, SessionFormat
from courses.rules import in_london
from home.models import SiteSettings


@dataclass
class CourseSummary:
    """One row of the course index."""

    course: Page
    next_session: object = None
    formats: list[str] = field(default_factory=list)
    months: set[str] = field(default_factory=set)
    lowest_tier: CoursePriceTier | None = None
    # Shown with its condition when no price is open to anyone booking alone.
    conditional_tier: CoursePriceTier | None = None
    interest_url: str = ""

    @property
    def lowest_price(self) -> Decimal | None:
        """The lowest price anyone can book one place at today, or None."""
        return self.lowest_tier.price if self.lowest_tier else None

    @property
    def is_free(self) -> bool:
        return self.lowest_price == 0

    @property
    def is_paid(self) -> bool:
        tier = self.lowest_tier or self.conditional_tier
        return tier is not None and not tier.is_free

    @property
    def format_labels(self) -> list[str]:
        return [str(SessionFormat(value).label) for value in self.formats]


class CourseFilterForm(forms.Form):
    """The index filters; every value travels in the URL."""

    q = forms.CharField(
        required=False,
        label=_("Search courses"),
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    format = forms.ChoiceField(
        required=False,
        label=_("Format"),
        choices=[("", _("Any format")), *SessionFormat.choices],
    )
    price = forms.ChoiceField(
        required=False,
        label=_("Price"),
        choices=[("", _("Free or paid")), ("free", _("Free")), ("paid", _("Paid"))],
    )
    month = forms.ChoiceField(required=False, label=_("Month"))

    def __init__(self, *args, months: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", _("Any month")), *months]


def summarise(course: Page, now: datetime, fallback_interest_url: str) -> CourseSummary:
    """Next open date, formats, months, lowest price and where to register interest."""
    today = timezone.localdate(now)
    upcoming = sorted(
        (
            session
            for run in course.runs.all()
            for session in run.sessions.all()
            if session.is_upcoming(now)
        ),
        key=lambda s: s.start,
    )
    current = [t for t in course.price_tiers.all() if t.is_current(today)]
    alone = [t for t in current if t.is_bookable_alone(today)]
    interest = ""
    if not upcoming:
        if course.form_page_id and course.form_page and course.form_page.live:
            interest = course.form_page.url
        else:
            interest = fallback_interest_url
    return CourseSummary(
        course=course,
        next_session=upcoming[0] if upcoming else None,
        formats=sorted({s.format for s in upcoming}),
        months={f"{in_london(s.start):%Y-%m}" for s in upcoming},
        lowest_tier=min(alone, key=lambda t: t.price) if alone else None,
        conditional_tier=None if alone or not current else min(current, key=per_place),
        interest_url=interest,
    )


def per_place(tier: CoursePriceTier) -> Decimal:
    return tier.per_place or tier.price


def matches(summary: CourseSummary, filters: dict) -> bool:
    """Whether a course passes the chosen format, price and month filters."""
    if filters.get("format") and filters["format"] not in summary.formats:
        return False
    if filters.get("price") == "free" and not summary.is_free:
        return False
    if filters.get("price") == "paid" and not summary.is_paid:
        return False
    return not (filters.get("month") and filters["month"] not in summary.months)


def month_choices(summaries: list[CourseSummary]) -> list[tuple[str, str]]:
    months = sorted({month for summary in summaries for month in summary.months})
    # Django's formats give month names in the active language (Ionawr, ...).
    return [
        (month, formats.date_format(datetime.strptime(month, "%Y-%m"), "F Y"))
        for month in months
    ]


def courses_for(courses: QuerySet, query: str) -> list[Page]:
    """The given courses with their children, narrowed by a search query when given."""
    if query:
        ids = [page.pk for page in courses.search(query)]
        courses = courses.filter(pk__in=ids)
    return list(
        courses.select_related("form_page")
        .prefetch_related(
            Prefetch(
                "runs",
                queryset=CourseRun.objects.with_places_taken().prefetch_related(
                    "sessions"
                ),
            ),
            "price_tiers",
        )
        .order_by("title")
    )


def index_context(courses: QuerySet, request: HttpRequest) -> dict:
    """The index's filter form and course summaries for the given live courses."""
    site = Site.find_for_request(request)
    interest = SiteSettings.for_request(request).interest_url() if site else ""
    now = timezone.now()
    query = request.GET.get("q", "").strip()[:100]
    summaries = [summarise(c, now, interest) for c in courses_for(courses, query)]
    form = CourseFilterForm(request.GET or None, months=month_choices(summaries))
    filters = form.cleaned_data if form.is_valid() else {}
    shown = [s for s in summaries if matches(s, filters)]
    shown.sort(
        key=lambda s: (
            s.next_session is None,
            s.next_session.start if s.next_session else 0,
            s.course.title,
        )
    )
    return {
        "filter_form": form,
        "summaries": shown,
        "query": query,
        "filtered": any(
            filters.get(name) for name in ("q", "format", "price", "month")
        ),
    }
