"""Admin forms for course pages: the weekly generator and the publish-time checks."""

from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from modelcluster.queryset import FakeQuerySet
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels.base import get_form_for_model

from courses.completion import Completion
from courses.editor import (
    open_sessions_in,
    runs_of,
    sessions_in_form,
    show_past_runs_in,
    shows_past_runs,
    stays_out_of_form,
    stored_run_problems,
)
from courses.generator import parse_skip_dates, weekly_session_times
from courses.models.runs import (
    CourseRun,
    CourseSession,
    SessionFormat,
    SessionStatus,
)
from courses.panels import RowsInlinePanel, sessions_kept_out
from courses.participation import form_page_problem
from courses.rules import date_mention_errors, in_london

# Set by static/js/admin-autosave.js on Wagtail's background saves, which must never
# generate sessions: the editor may still be typing the generator's fields.
AUTOSAVE_MARKER = "autosave"


def number_by_start(sessions) -> None:
    """Set a run's sessions' `sort_order` to their order in time."""
    for index, session in enumerate(
        sorted(sessions, key=lambda s: (s.start is None, s.start or 0))
    ):
        session.sort_order = index


class CourseRunForm(WagtailAdminModelForm):
    """A run's form with extra fields that generate weekly sessions on save."""

    generate_count = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=52,
        label=_("Number of weekly sessions"),
        help_text=_("Fill these to add sessions instead of typing each one."),
    )
    generate_from = forms.DateField(
        required=False,
        label=_("First date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    generate_start_time = forms.TimeField(
        required=False,
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    generate_end_time = forms.TimeField(
        required=False,
        label=_("End time"),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    generate_skip = forms.CharField(
        required=False,
        label=_("Skip these dates"),
        help_text=_("Dates as 2027-01-05, separated by commas or new lines."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    generate_format = forms.ChoiceField(
        required=False,
        choices=SessionFormat.choices,
        label=_("Format"),
        initial=SessionFormat.ONLINE,
    )
    generate_room = forms.CharField(required=False, max_length=80, label=_("Room"))
    generate_building = forms.CharField(
        required=False, max_length=160, label=_("Building")
    )
    generate_platform = forms.CharField(
        required=False, max_length=80, label=_("Platform")
    )

    generated: list[tuple[datetime, datetime]]

    def clean(self) -> dict:
        cleaned = super().clean()
        self.generated = []
        count = cleaned.get("generate_count")
        if not count or self.data.get(AUTOSAVE_MARKER):
            return cleaned
        needed = ("generate_from", "generate_start_time", "generate_end_time")
        for name in needed:
            if not cleaned.get(name):
                self.add_error(name, _("Needed to generate sessions."))
        if any(not cleaned.get(name) for name in needed):
            return cleaned
        if cleaned["generate_end_time"] <= cleaned["generate_start_time"]:
            self.add_error("generate_end_time", _("The end must be after the start."))
            return cleaned
        try:
            skip = parse_skip_dates(cleaned.get("generate_skip", ""))
        except ValueError:
            self.add_error("generate_skip", _("Write each date as 2027-01-05."))
            return cleaned
        self.generated = weekly_session_times(
            count,
            cleaned["generate_from"],
            cleaned["generate_start_time"],
            cleaned["generate_end_time"],
            skip,
        )
        return cleaned

    def save(self, commit: bool = True):
        run = super().save(commit=False)
        session_model = run.sessions.model
        # Saving the same generator twice adds nothing the first save did not.
        existing = {session.start for session in run.sessions.all()}
        new_sessions = [
            session_model(
                start=start,
                end=end,
                format=self.cleaned_data.get("generate_format") or "online",
                room=self.cleaned_data.get("generate_room", ""),
                building=self.cleaned_data.get("generate_building", ""),
                platform=self.cleaned_data.get("generate_platform", ""),
            )
            for start, end in getattr(self, "generated", [])
            if start not in existing
        ]
        if new_sessions:
            run.sessions.add(*new_sessions)
            number_by_start(run.sessions.all())
        if commit:
            run.save()
        return run


class CoursePriceTierForm(WagtailAdminModelForm):
    """A price tier's form that leaves the tier's rules to publishing."""

    def _post_clean(self) -> None:
        if not self.is_deferred_validation:
            super()._post_clean()
            return
        # A draft or autosave keeps a tier still being typed; CoursePriceTier.clean()
        # runs when the page is published.
        try:
            self.instance = construct_instance(
                self, self.instance, self._meta.fields, self._meta.exclude
            )
            self.instance.clean_fields(exclude=self._get_validation_exclusions())
        except ValidationError as error:
            self._update_errors(error)
        self.validate_unique()


class ChildFormInlinePanel(RowsInlinePanel):
    """An InlinePanel whose child forms are built on `form_class`."""

    form_class: type[WagtailAdminModelForm] = WagtailAdminModelForm

    def get_form_options(self) -> dict:
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        child = self.child_edit_handler.get_form_options()
        formset["form"] = get_form_for_model(
            self.db_field.related_model,
            form_class=self.form_class,
            defer_required_on_fields=child.get("defer_required_on_fields", []),
        )
        return options


class RunFormSet(BaseChildFormSet):
    """The runs in the page form: on opening, past runs stay out unless asked for.

    Saving adds, changes and removes only the runs the form holds, so the page
    keeps the others as they are. A posted form is matched against every run.
    """

    def __init__(self, data=None, files=None, instance=None, queryset=None, **kwargs):
        if data is None and queryset is None and instance is not None:
            runs = runs_of(instance)
            open_sessions_in(instance, runs)
            if shows_past_runs(instance):
                show_past_runs_in(runs)
            else:
                now = timezone.now()
                runs = [run for run in runs if not stays_out_of_form(run, now)]
            queryset = FakeQuerySet(self.model, runs)
        super().__init__(data, files, instance=instance, queryset=queryset, **kwargs)


class SessionFormSet(BaseChildFormSet):
    """A run's sessions in the page form: on opening, a stored run's stay out of it.

    As with runs, saving keeps the sessions the form does not hold, and numbers
    them all by their start, those left out included.
    """

    def __init__(self, data=None, files=None, instance=None, queryset=None, **kwargs):
        if data is None and queryset is None and instance is not None:
            sessions = sessions_in_form(instance, timezone.now())
            queryset = FakeQuerySet(self.model, sessions)
        super().__init__(data, files, instance=instance, queryset=queryset, **kwargs)

    def save(self, commit: bool = True) -> list:
        saved = super().save(commit=False)
        # Modelcluster numbers only the rows the form holds, from 0, which would
        # tie them with the rows left out.
        sessions = self.instance.sessions
        number_by_start(sessions.all())
        if commit:
            sessions.commit()
        return saved


class RunInlinePanel(ChildFormInlinePanel):
    """An InlinePanel for runs whose forms carry the weekly generator fields."""

    form_class = CourseRunForm

    def get_form_options(self) -> dict:
        options = super().get_form_options()
        runs = options["formsets"][self.relation_name]
        runs["formset"] = RunFormSet
        runs["formsets"]["sessions"]["formset"] = SessionFormSet
        return options


class PriceTierInlinePanel(ChildFormInlinePanel):
    """An InlinePanel for price tiers that drafts may leave unfinished."""

    form_class = CoursePriceTierForm


def _live_forms(formset) -> list:
    """Forms that were filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


def _session_entries(run_form) -> tuple[list[tuple[object, datetime, datetime]], bool]:
    """(form or None, start, end) for sound sessions of a run form, and whether all are.

    A typed session whose form has an error is left out, so checks derived from the
    sessions never repeat that error somewhere else on the page.
    """
    entries = []
    complete = True
    formset = run_form.formsets.get("sessions")
    if formset is not None:
        formset.is_valid()
        for form in _live_forms(formset):
            start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
            if start and end and end <= start:
                form.add_error("end", _("The session ends before it starts."))
            if form.errors or not (start and end):
                complete = False
                continue
            entries.append((form, start, end))
    entries += [(None, start, end) for start, end in getattr(run_form, "generated", [])]
    return entries, complete


def _typed_starts(run_form) -> set[datetime]:
    """Start times of the sessions typed into a run form, sound or not."""
    formset = run_form.formsets.get("sessions")
    if formset is None:
        return set()
    formset.is_valid()
    return {
        form.cleaned_data["start"]
        for form in _live_forms(formset)
        if form.cleaned_data.get("start")
    }


def _stored_hours(sessions) -> Decimal:
    """Hours of the core sessions among stored ones."""
    seconds = sum(
        (session.end - session.start).total_seconds()
        for session in sessions
        if session.is_core
    )
    return Decimal(seconds) / 3600


def _session_hours(entries, graduate_flags) -> Decimal:
    seconds = sum(
        (end - start).total_seconds()
        for (form, start, end), graduates in zip(entries, graduate_flags, strict=True)
        if not graduates
    )
    return Decimal(seconds) / 3600


class CoursePageForm(WagtailAdminPageForm):
    """Refuse to publish course pages with dates, hours, prices or forms that contradict."""

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.is_deferred_validation:
            self._check_form_page(cleaned)
        runs = self.formsets.get("runs")
        if runs is None:
            return cleaned
        runs.is_valid()
        kept_out = self._runs_kept_out(runs)
        if not self.is_deferred_validation:
            self._check_removed_runs(runs, kept_out)
        if self.is_deferred_validation:
            # A draft or autosave: the page is still being written, so only stop the
            # generator, which adds sessions even to a draft, from doubling one up.
            seen: set[datetime] = {
                session.start for run in kept_out for session in run.sessions.all()
            }
            for run_form in _live_forms(runs):
                seen |= _typed_starts(run_form)
                self._check_generated(run_form, seen)
            return cleaned
        now = timezone.now()
        seen_starts: set[datetime] = set()
        longest: Decimal | None = Decimal(0)
        all_dates: list[date] = []
        for run in kept_out:
            longest = max(longest, self._check_kept_out(run, now, seen_starts))
            all_dates += [in_london(s.start).date() for s in run.sessions.all()]
        for run_form in _live_forms(runs):
            held = sessions_kept_out(run_form)
            entries, complete = _session_entries(run_form)
            self._check_order(run_form, entries, seen_starts, {s.start for s in held})
            starts = [start for _f, start, _e in entries] + [s.start for s in held]
            dates = [in_london(start).date() for start in starts]
            all_dates += dates
            for name in ("title", "notes"):
                for message in date_mention_errors(
                    run_form.cleaned_data.get(name, ""), dates
                ):
                    run_form.add_error(name, message)
            if not complete:
                # A faulty session leaves the run's hours unknown: check neither them nor bookability.
                longest = None
                continue
            flags = [
                bool(form and form.cleaned_data.get("graduates_only"))
                or bool(
                    form and form.cleaned_data.get("status") == SessionStatus.CANCELLED
                )
                for form, _s, _e in entries
            ]
            if longest is not None:
                longest = max(
                    longest, _session_hours(entries, flags) + _stored_hours(held)
                )
            if (
                run_form.cleaned_data.get("bookable")
                and starts
                and all(start <= now for start in starts)
            ):
                run_form.add_error(
                    "bookable",
                    _(
                        "Every session of this run is in the past: untick “taking bookings”."
                    ),
                )
        self._check_course_text(cleaned, all_dates, longest)
        return cleaned

    def _runs_kept_out(self, runs) -> list[CourseRun]:
        """The page's stored runs that the form does not hold: past runs left as they are."""
        in_form = {form.instance.pk for form in runs.forms if form.instance.pk}
        return [
            run
            for run in runs_of(self.instance)
            if run.pk is not None and run.pk not in in_form
        ]

    def _check_kept_out(
        self, run: CourseRun, now: datetime, seen_starts: set[datetime]
    ) -> Decimal:
        """Check a run the form does not hold as the form would; return its hours."""
        for problem in stored_run_problems(run, now):
            self.add_error(
                None,
                _("Past run “%(run)s”: %(problem)s Edit past runs to put it right.")
                % {"run": run.title, "problem": problem},
            )
        for session in run.sessions.all():
            if session.start in seen_starts:
                self.add_error(
                    None,
                    _("Past run “%(run)s”: two sessions start on %(date)s.")
                    % {
                        "run": run.title,
                        "date": f"{in_london(session.start):%-d %B %Y}",
                    },
                )
            seen_starts.add(session.start)
        return _stored_hours(run.sessions.all())

    def _check_removed_runs(self, runs, kept_out: list[CourseRun]) -> None:
        """Refuse to drop a run that holds places, whether deleted or left out by a revert."""
        kept = {
            form.instance.pk
            for form in runs.forms
            if form.instance.pk and not runs._should_delete_form(form)
        } | {run.pk for run in kept_out}
        for run in CourseRun.objects.dropped_with_records(self.instance.pk, kept):
            self.add_error(None, run.removal_refused_message())
        for form in runs.forms:
            if form.instance.pk in kept:
                self._check_removed_sessions(form)

    def _check_removed_sessions(self, run_form) -> None:
        """Refuse to drop a session that has places (a drop-in date) or a register."""
        sessions = run_form.formsets.get("sessions")
        if sessions is None:
            return
        kept = {
            form.instance.pk
            for form in sessions.forms
            if form.instance.pk and not sessions._should_delete_form(form)
        } | {session.pk for session in sessions_kept_out(run_form)}
        for session in CourseSession.objects.dropped_with_records(
            run_form.instance.pk, kept
        ):
            self.add_error(None, session.removal_refused_message())

    def _check_form_page(self, cleaned: dict) -> None:
        problem = form_page_problem(
            cleaned.get("participation", ""), cleaned.get("form_page"), self.instance
        )
        if problem:
            self.add_error("form_page", problem)

    @staticmethod
    def _check_order(
        run_form, entries, seen_starts: set[datetime], held: set[datetime]
    ) -> None:
        """Typed sessions in order and unique; `held` are the run's stored ones left out.

        A generated session equal to a stored one is skipped on save, not refused.
        """
        previous = None
        for form, start, _end in entries:
            if form is None:
                continue
            if start in seen_starts or start in held:
                form.add_error(
                    "start", _("Another session already starts at this time.")
                )
            elif previous is not None and start < previous:
                form.add_error(
                    "start",
                    _(
                        "Sessions are out of order: this one is earlier than the one above."
                    ),
                )
            seen_starts.add(start)
            previous = start
        seen_starts |= _typed_starts(run_form)
        CoursePageForm._check_generated(run_form, seen_starts)
        seen_starts |= held

    @staticmethod
    def _check_generated(run_form, seen_starts: set[datetime]) -> None:
        for start, _end in getattr(run_form, "generated", []):
            if start in seen_starts:
                run_form.add_error(
                    "generate_from",
                    _(
                        "A generated session clashes with one already listed on %(date)s."
                    )
                    % {"date": f"{in_london(start):%-d %B %Y}"},
                )
            seen_starts.add(start)

    def _check_course_text(
        self, cleaned: dict, dates: list[date], longest: Decimal | None
    ) -> None:
        """Check the summary's dates, and CPD hours unless some run's hours are unknown."""
        for message in date_mention_errors(cleaned.get("summary", ""), dates):
            self.add_error("summary", message)
        cpd = cleaned.get("cpd_hours")
        participatory = cleaned.get("participatory_hours")
        if participatory is not None and (cpd is None or participatory > cpd):
            self.add_error(
                "participatory_hours",
                _(
                    "Participatory hours are part of the CPD hours, so cannot exceed them."
                ),
            )
        if cleaned.get("completion") == Completion.AT_LEAST and not cleaned.get(
            "completion_sessions"
        ):
            self.add_error(
                "completion_sessions",
                _("Say how many core sessions complete the course."),
            )
        if cpd and longest and cpd > longest:
            self.add_error(
                "cpd_hours",
                _(
                    "%(cpd)s CPD hours is more than the %(hours)s hours of sessions in any run."
                )
                % {"cpd": cpd, "hours": f"{longest.normalize():f}"},
            )
