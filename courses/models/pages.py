"""The course index page and course pages."""

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from courses.calendar import calendar_response, feed_response
from courses.completion import Completion, sessions_needed
from courses.editor import PastRunsPanel
from courses.feeds import atom_response
from courses.forms import CoursePageForm, PriceTierInlinePanel, RunInlinePanel
from courses.listing import index_context
from courses.models.runs import CourseRun
from courses.panels import RowsInlinePanel
from courses.participation import FORM_PAGE_TYPES, Participation
from courses.presentation import course_context
from home.alternates import in_locale
from home.blocks import BodyStreamBlock
from home.models import SharingMixin
from home.routing import KnownRestrictionsMixin

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Pages show testimonials whose consent can lapse: let browsers and proxies keep
# them only briefly, as nothing on the server caches rendered pages.
PAGE_MAX_AGE = 300


def _short_cache(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, max_age=PAGE_MAX_AGE)
    return response


class CourseIndexPage(KnownRestrictionsMixin, SharingMixin, RoutablePageMixin, Page):
    """Lists every course with its next date, filters, search and a calendar feed."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    search_label = _("Course list")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course index page")
        verbose_name_plural = _("course index pages")

    def live_courses(self) -> models.QuerySet:
        return CoursePage.objects.child_of(self).live()

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self.live_courses(), request))
        return context

    @path("", name="index")
    def index(self, request: HttpRequest) -> HttpResponse:
        return _short_cache(self.render(request))

    @path("calendar/", name="calendar_feed")
    def calendar_feed(self, request: HttpRequest) -> HttpResponse:
        return feed_response(self.title, self.live_courses(), request)

    @path("feed/", name="atom_feed")
    def atom_feed(self, request: HttpRequest) -> HttpResponse:
        return atom_response(self, self.live_courses(), request)


class CoursePage(KnownRestrictionsMixin, SharingMixin, RoutablePageMixin, Page):
    """One course: what it is, who it is for, its dates, prices and people."""

    # The router loads these with the page: its language and its form page.
    route_select_related = ("locale", "form_page__locale")

    def chrome_links(self) -> list[Page]:
        """Pages whose translation in the visitor's language the header query
        fetches too (home.chrome): the form page."""
        return [self.form_page] if self.form_page_id else []

    summary = models.TextField(
        max_length=400, help_text=_("One or two sentences shown in course lists.")
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)
    audience = RichTextField(
        features=TEXT_FEATURES, blank=True, verbose_name=_("who it is for")
    )
    preparation = RichTextField(
        features=TEXT_FEATURES, blank=True, verbose_name=_("what to prepare")
    )
    assessment = RichTextField(features=TEXT_FEATURES, blank=True)
    learning_outcomes = RichTextField(features=TEXT_FEATURES, blank=True)
    cpd_hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        verbose_name=_("CPD hours"),
        help_text=_("Checked against the total time of the sessions in a run."),
    )
    participatory_hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        verbose_name=_("participatory CPD hours"),
        help_text=_(
            "Of the CPD hours, those spent learning with others (discussion, "
            "practice, role play). Nurses need 20 such hours for revalidation."
        ),
    )
    certificate = models.BooleanField(
        default=False, verbose_name=_("certificate of completion")
    )
    completion = models.CharField(
        max_length=10,
        choices=Completion.choices,
        default=Completion.ALL,
        verbose_name=_("completed by attending"),
        help_text=_("Follow-up sessions are optional and never counted."),
    )
    completion_sessions = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("core sessions needed"),
        help_text=_("With “at least a number”: how many core sessions, e.g. 5 of 6."),
    )
    participation = models.CharField(
        max_length=20,
        choices=Participation.choices,
        default=Participation.BOOK,
        verbose_name=_("how to take part"),
    )
    enquiry_email = models.EmailField(
        blank=True,
        verbose_name=_("enquiry email"),
        help_text=_(
            "Questions about this course go here. Empty shows the site's contact "
            "address."
        ),
    )
    enquiry_name = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("enquiry contact name"),
        help_text=_("Optional, for example the course administrator."),
    )
    form_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The form visitors use to book, apply or enquire."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("preparation"),
                FieldPanel("assessment"),
                FieldPanel("learning_outcomes"),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cpd_hours"),
                FieldPanel("participatory_hours"),
                FieldPanel("certificate"),
                FieldRowPanel(
                    [FieldPanel("completion"), FieldPanel("completion_sessions")]
                ),
                FieldPanel("participation"),
                PageChooserPanel("form_page", FORM_PAGE_TYPES),
                FieldRowPanel(
                    [FieldPanel("enquiry_email"), FieldPanel("enquiry_name")]
                ),
            ],
            heading=_("CPD and taking part"),
        ),
        PriceTierInlinePanel("price_tiers", label=_("Price tiers")),
        RowsInlinePanel("course_facilitators", label=_("Facilitators")),
        RunInlinePanel("runs", label=_("Runs and sessions")),
        PastRunsPanel("runs"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("audience"),
        index.SearchField("learning_outcomes"),
        index.FilterField("cpd_hours"),
    ]
    search_label = _("Course")
    override_translatable_fields = [
        SynchronizedField("cpd_hours"),
        SynchronizedField("participatory_hours"),
        SynchronizedField("certificate"),
        SynchronizedField("completion"),
        SynchronizedField("completion_sessions"),
        SynchronizedField("participation"),
        SynchronizedField("form_page"),
        SynchronizedField("enquiry_email"),
    ]

    base_form_class = CoursePageForm
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["forms_app.ApplicationFormPage"]

    class Meta:
        verbose_name = _("course page")
        verbose_name_plural = _("course pages")

    def sessions_to_complete(self, core_sessions: int) -> int:
        """Core sessions of a run a person must attend to complete this course."""
        return sessions_needed(self.completion, self.completion_sessions, core_sessions)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(self, request))
        return context

    @path("")
    def detail(self, request: HttpRequest) -> HttpResponse:
        return _short_cache(self.render(request))

    @path("sessions/<uuid:uid>/calendar/", name="session_ics")
    def session_ics(self, request: HttpRequest, uid) -> HttpResponse:
        sessions = [
            (run, session)
            for run in self.runs.all()
            for session in run.sessions.all()
            if session.uid == uid
        ]
        if not sessions:
            raise Http404
        return calendar_response(self, sessions, request, f"session-{uid}.ics")

    @path("runs/<int:run_id>/calendar/", name="run_ics")
    def run_ics(self, request: HttpRequest, run_id: int) -> HttpResponse:
        run = next((run for run in self.runs.all() if run.pk == run_id), None)
        if run is None:
            raise Http404
        sessions = [(run, session) for session in run.sessions.all()]
        return calendar_response(self, sessions, request, f"run-{run_id}.ics")

    def get_cached_paths(self) -> list[str]:
        """The page and its calendar files, for the CDN purge (home.cdn_purge):
        each run's and each of its dates'."""
        paths = ["/"]
        for run in self.runs.prefetch_related("sessions"):
            paths.append("/" + self.reverse_subpage("run_ics", args=(run.pk,)))
            paths.extend(
                "/" + self.reverse_subpage("session_ics", args=(session.uid,))
                for session in run.sessions.all()
            )
        return paths

    def open_runs(self) -> list[CourseRun]:
        """The runs open for booking now, soonest first."""
        return self.bookable_runs()[0]

    def full_runs(self) -> list[CourseRun]:
        """Runs that would be open but are full: their form offers the waiting list."""
        return self.bookable_runs()[1]

    def bookable_runs(self) -> tuple[list[CourseRun], list[CourseRun]]:
        """The open runs and the full ones, soonest first, from one query of the runs.

        Full as `CourseRun.places_left` says, as `full_with_waiting_list` filters.
        """
        runs = list(
            CourseRun.objects.filter(course=self)
            .taking_bookings()
            .with_places_taken()
            .soonest_first()
            .prefetch_related("sessions")
        )
        full = [run for run in runs if run.places_left == 0]
        return [run for run in runs if run.places_left != 0], full

    def form_url_for(
        self, run: CourseRun | None = None, localized_form: Page | None = None
    ) -> str:
        """The form page's address, with the run preselected when given.

        Lists pass the form page in the active language, looked up for all
        courses at once; otherwise it is looked up here.
        """
        if self.form_page is None or not self.form_page.live:
            return ""
        url = (localized_form or in_locale(self.form_page, self.locale_id)).url or ""
        return f"{url}?run={run.pk}" if run is not None and url else url
