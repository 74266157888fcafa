"""The application or booking form that belongs to a course and asks which run."""

from functools import cached_property

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from courses.models import CoursePage, CoursePriceTier, CourseRun
from courses.models.runs import count_places_on_dates
from courses.participation import Participation
from forms_app.applications import (
    DropInChoice,
    date_label,
    drop_in_choice_field,
    requested_run_id,
    run_choice_field,
)
from forms_app.bookings import (
    EMPLOYER_FIELD_NAMES,
    FINANCE_EMAIL_FIELD,
    ORGANISATION_FIELD,
    PAYER_FIELD,
    PLACES_FIELD,
    PO_FIELD,
    PRICE_FIELD,
    Payer,
    booking_errors,
    payer_fields,
    places_field,
    places_wanted,
    price_field,
    tier_by_key,
    tier_label,
)
from forms_app.models.pages import BaseFormField, BaseFormPage, BaseRoutingRule
from forms_app.models.submissions import Submission
from forms_app.routing import Recipient, facilitator_recipients

RUN_FIELD = "run"


class ApplicationFormPage(BaseFormPage):
    """An application or booking for one open run of the course above it.

    Below a drop-in course ("just join") it is the sign-up: one date or the series.
    """

    reference_prefix = "APP"
    template = "forms_app/form_page.html"

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("application or booking form page")
        verbose_name_plural = _("application or booking form pages")

    # What the form offers is read once per page instance, and a served page is
    # loaded afresh for each request: the form, its checks and the page share it.

    def course(self) -> CoursePage:
        """The course this form belongs to, in the form's language."""
        return self._course

    @cached_property
    def _course(self) -> CoursePage:
        parent = CoursePage.objects.filter(path=self.path[: -self.steplen]).first()
        return parent or self.get_parent().specific

    @cached_property
    def _bookable_runs(self) -> tuple[list[CourseRun], list[CourseRun]]:
        runs, full = self.course().bookable_runs()
        if self.is_drop_in():
            count_places_on_dates(runs)
        return runs, full

    def source_course(self) -> CoursePage:
        """The course in the default language, where every locale's submissions point."""
        return self.source_page().get_parent().specific

    def open_runs(self) -> list[CourseRun]:
        """The course's runs open for booking now, soonest first."""
        return list(self._bookable_runs[0])

    def full_runs(self) -> list[CourseRun]:
        """Runs that would be open but are full: the form offers their waiting lists."""
        return list(self._bookable_runs[1])

    def initial_answers(self, request) -> dict:
        run_id = requested_run_id(request, [*self.open_runs(), *self.full_runs()])
        return {RUN_FIELD: run_id} if run_id is not None else {}

    def current_tiers(self) -> list[CoursePriceTier]:
        """The course's prices still offered today, in the form's language."""
        return list(self._current_tiers)

    @cached_property
    def _current_tiers(self) -> list[CoursePriceTier]:
        return list(self.course().price_tiers.current())

    def takes_bookings(self) -> bool:
        """A course people book asks which price and, if paid, who pays.

        An application asks no price (the facilitators decide before anything is
        sold), only who would pay: see `asks_who_pays`.
        """
        return self.course().participation == Participation.BOOK

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        runs = self.open_runs()
        if self.is_drop_in():
            # A full date is simply not offered: drop-ins keep no waiting list.
            if runs:
                form.fields[RUN_FIELD] = drop_in_choice_field(runs, timezone.now())
            return form
        full = self.full_runs()
        if runs or full:
            form.fields[RUN_FIELD] = run_choice_field(runs, full)
        tiers = self.current_tiers() if self.takes_bookings() else []
        if tiers:
            form.fields[PRICE_FIELD] = price_field(tiers)
            form.fields[PLACES_FIELD] = places_field()
            if any(not tier.is_free for tier in tiers):
                form.fields.update(payer_fields())
            form.cross_checks.append(lambda cleaned: self.check_booking(cleaned, tiers))
        elif self.asks_who_pays():
            form.fields.update(payer_fields())
            form.cross_checks.append(lambda cleaned: self.check_booking(cleaned, []))
        return form

    def asks_who_pays(self) -> bool:
        """An application for a paid course asks who would pay, so an offer can be
        invoiced; the price itself is the course's, so it asks no price or number."""
        return self.course().participation == Participation.APPLY and any(
            not tier.is_free for tier in self.current_tiers()
        )

    def is_drop_in(self) -> bool:
        """True below a course people just join: no decision, one date or the series."""
        return self.course().participation == Participation.JOIN

    def check_booking(self, cleaned: dict, tiers: list[CoursePriceTier]) -> dict:
        """Errors in the price, places and payer answers; normalises the valid ones.

        The places answer becomes the number of places booked (a block's own), and
        a person paying themselves leaves no employer details behind.
        """
        errors = booking_errors(cleaned, tiers, cleaned.get(RUN_FIELD))
        if errors:
            return errors
        tier = tier_by_key(tiers, cleaned.get(PRICE_FIELD))
        if tier is not None and cleaned.get(PLACES_FIELD) is not None:
            cleaned[PLACES_FIELD] = places_wanted(tier, cleaned[PLACES_FIELD])
        if cleaned.get(PAYER_FIELD) == Payer.SELF:
            for name in EMPLOYER_FIELD_NAMES:
                cleaned[name] = ""
        return {}

    def get_context(self, request, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["no_open_runs"] = not self.open_runs() and not self.full_runs()
        context["course_page"] = self.course()
        return context

    def recipient_sources(self) -> list:
        return [*super().recipient_sources(), type(self).facilitators_of_course]

    def facilitators_of_course(self, submission: Submission) -> list[Recipient]:
        """The login email of each facilitator who leads the course."""
        links = self.source_course().course_facilitators.select_related(
            "facilitator__user"
        )
        return facilitator_recipients(
            [link.facilitator for link in links], rule="course-facilitator"
        )

    def submission_links(self, form) -> dict:
        chosen = form.cleaned_data.get(RUN_FIELD)
        course = self.source_course()
        session = None
        if isinstance(chosen, DropInChoice):
            chosen, session = chosen.run, chosen.session
        run = chosen.counterpart_on(course) if chosen is not None else None
        if session is not None and run is not None:
            session = session.counterpart_in(run)
        return {"course_page": course, "run": run, "session": session}

    def run_rows(self, submission: Submission) -> list[tuple[str, str]]:
        course = (_("Course"), self.course().title)
        if submission.run_id is None:
            return [course, (_("Dates"), _("No date chosen: registering interest"))]
        run = submission.run.in_locale(self.locale)
        if submission.session_id is not None:
            session = submission.session.counterpart_in(run)
            return [course, (_("Date"), f"{run.title}: {date_label(session)}")]
        return [course, (_("Dates"), run.label)]

    def summary_rows(self, submission: Submission) -> list[tuple[str, str]]:
        rows = self.run_rows(submission)
        tiers = self.course().price_tiers.all()
        tier = tier_by_key(tiers, submission.form_data.get(PRICE_FIELD))
        if tier is not None:
            rows.append((_("Price"), tier_label(tier)))
        if submission.form_data.get(PLACES_FIELD):
            rows.append((_("Places"), str(submission.form_data[PLACES_FIELD])))
        return rows

    def get_data_fields(self):
        fields = super().get_data_fields()
        booking = [
            (PLACES_FIELD, _("Places")),
            (PAYER_FIELD, _("Who pays")),
            (ORGANISATION_FIELD, _("Organisation to invoice")),
            (FINANCE_EMAIL_FIELD, _("Finance contact")),
            (PO_FIELD, _("Purchase order")),
        ]
        if self.asks_who_pays():
            booking = booking[1:]
        elif not (self.takes_bookings() and self.source_course().price_tiers.exists()):
            booking = []
        return [fields[0], (RUN_FIELD, _("Run")), *fields[1:], *booking]


class ApplicationFormField(BaseFormField):
    page = ParentalKey(
        ApplicationFormPage, on_delete=models.CASCADE, related_name="form_fields"
    )

    class Meta(BaseFormField.Meta):
        unique_together = [("translation_key", "locale")]


class ApplicationRoutingRule(BaseRoutingRule):
    page = ParentalKey(
        ApplicationFormPage, on_delete=models.CASCADE, related_name="routing_rules"
    )
