"""Serving form pages: show, validate, store and thank; friendly 400, 403, 429 and 503."""

import logging
import math
from datetime import datetime, timedelta

from django import forms
from django.core import signing
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.models import Site

from forms_app.forms import RESERVED_FIELD_NAMES
from forms_app.models import BaseFormPage, Submission
from forms_app.outbox import DuplicateSubmission, record_submission
from forms_app.rate_limits import PostCount, count_form_post
from forms_app.routing import canonical_answers
from forms_app.spam import idempotency_key, issue_form_token, spam_reason
from home.chrome import chrome_for

THANKS_SALT = "forms_app.thanks"
# A database fault (a lock, a failover) usually clears within seconds.
STORE_RETRY_AFTER_SECONDS = 30

logger = logging.getLogger(__name__)


def never_cached(response: HttpResponse) -> HttpResponse:
    """Mark a form response private and unstorable by any cache."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def serve_form_page(
    page: BaseFormPage, request: HttpRequest, *args, thanks: bool = False, **kwargs
) -> HttpResponse:
    """GET shows the form, POST stores it and redirects, thanks/ shows the reference."""
    if thanks:
        return never_cached(render_thanks(page, request))
    if request.method == "POST":
        try:
            posts = count_form_post(request)
            if posts.exceeded:
                return never_cached(too_many_posts(page, request, posts))
            form = page.get_form(request.POST, page=page, user=request.user)
            if form.is_valid():
                return never_cached(accept(page, request, form))
        except DatabaseError as error:
            return never_cached(not_stored(page, request, error))
    else:
        initial = {**page.initial_answers(request), "form_token": issue_form_token()}
        form = page.get_form(page=page, user=request.user, initial=initial)
    return never_cached(render_form(page, request, form))


def accept(page: BaseFormPage, request: HttpRequest, form) -> HttpResponse:
    """Store a valid submission (or find its twin) and redirect to the thank-you page."""
    data = form.cleaned_data
    questions = {k: v for k, v in data.items() if k not in RESERVED_FIELD_NAMES}
    try:
        submission = record_submission(
            page,
            canonical_answers(page, questions),
            data["contact_name"],
            data["contact_email"],
            key=idempotency_key(form),
            spam=spam_reason(form),
            links=page.submission_links(form),
        )
    except DuplicateSubmission as duplicate:
        submission = duplicate.submission
    return HttpResponseRedirect(thanks_url(page, submission))


def too_many_posts(
    page: BaseFormPage, request: HttpRequest, posts: PostCount
) -> HttpResponse:
    """Over the rate limit: keep the answers and say when the form can be sent again."""
    seconds = posts.seconds_left()
    minutes = math.ceil(seconds / 60)
    notice = ngettext(
        "You have sent this form several times in a short while, so it has not been "
        "sent this time. Your answers are below: please send it again after "
        "%(time)s (in about %(minutes)d minute).",
        "You have sent this form several times in a short while, so it has not been "
        "sent this time. Your answers are below: please send it again after "
        "%(time)s (in about %(minutes)d minutes).",
        minutes,
    ) % {"time": clock_time(posts.resets_at), "minutes": minutes}
    response = render_form(
        page, request, kept_answers_form(page, request), notice, status=429
    )
    response["Retry-After"] = str(seconds)
    return response


def clock_time(moment: datetime) -> str:
    """The next whole minute at or after `moment`, as the site's clock shows it."""
    whole = moment.replace(second=0, microsecond=0)
    if whole < moment:
        whole += timedelta(minutes=1)
    return formats.time_format(timezone.localtime(whole), "H:i")


def not_stored(
    page: BaseFormPage, request: HttpRequest, error: DatabaseError
) -> HttpResponse:
    """The answers could not be stored: say so, keep them and invite a resend."""
    # The error's text can quote the answers, so only its type is logged.
    logger.error(
        "A submission to form page %s could not be stored (%s); answered 503.",
        page.pk,
        type(error).__name__,
    )
    notice = _(
        "Sorry, something went wrong on our side and your form has not been "
        "received. Nothing was saved. Your answers are below: please send it again "
        "in a minute."
    )
    response = render_form(
        page, request, kept_answers_form(page, request), notice, status=503
    )
    response["Retry-After"] = str(STORE_RETRY_AFTER_SECONDS)
    return response


def thanks_url(page: BaseFormPage, submission: Submission) -> str:
    token = signing.dumps(submission.pk, salt=THANKS_SALT)
    return f"{page.url}thanks/?ref={token}"


def render_thanks(page: BaseFormPage, request: HttpRequest) -> HttpResponse:
    try:
        pk = signing.loads(request.GET.get("ref", ""), salt=THANKS_SALT, max_age=86400)
    except signing.BadSignature:
        pk = None
    submission = (
        Submission.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    )
    if submission is None:
        return HttpResponseRedirect(page.url)
    context = page.get_context(request)
    context["form_submission"] = submission
    context["summary_rows"] = page.summary_rows(submission)
    return TemplateResponse(request, page.get_landing_page_template(request), context)


def render_form(
    page: BaseFormPage, request: HttpRequest, form, notice: str = "", status: int = 200
) -> HttpResponse:
    form.describe_errors()
    context = page.get_context(request)
    context |= {
        "form": form,
        "form_notice": notice,
        "privacy_page": privacy_page(request, page),
    }
    return TemplateResponse(request, page.get_template(request), context, status=status)


def privacy_page(request: HttpRequest, page: BaseFormPage):
    """The privacy notice from the site settings, in the visitor's language when live.

    The footer links to it too, so it comes with the pages around this one.
    """
    return chrome_for(request, page).footer.get("privacy_page")


def kept_answers_form(page: BaseFormPage, request: HttpRequest):
    """An unbound form showing what was posted, for pages that must not validate it."""
    initial = {}
    form = page.get_form(page=page, user=request.user)
    for name, field in form.fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            initial[name] = request.POST.getlist(name)
        elif name in request.POST:
            initial[name] = request.POST.get(name)
    if not initial.get("form_token"):
        initial["form_token"] = issue_form_token()
    return page.get_form(page=page, user=request.user, initial=initial)


def form_page_for_path(request: HttpRequest):
    """The live form page at this request's path, if there is one."""
    site = Site.find_for_request(request)
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    path = match.args[0] if match.args else match.kwargs.get("path")
    if site is None or match.url_name != "wagtail_serve" or path is None:
        return None
    components = [part for part in path.split("/") if part]
    root = site.root_page.localized.specific
    try:
        result = root.route(request, components)
    except Exception:  # any routing failure means "no form here"
        return None
    page = result.page if hasattr(result, "page") else result[0]
    return page if isinstance(page, BaseFormPage) else None


@sensitive_post_parameters()
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """An expired or missing CSRF token: show the form again with the answers kept."""
    page = form_page_for_path(request) if request.method == "POST" else None
    if page is None:
        return never_cached(render(request, "forms_app/csrf_failure.html", status=403))
    notice = _(
        "Your session expired before the form was sent, so nothing has been saved "
        "yet. Your answers are below: please check them and send the form again."
    )
    response = render_form(
        page, request, kept_answers_form(page, request), notice, status=403
    )
    response.render()
    return never_cached(response)


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """Too many fields or too large a body: a plain explanation, not a blank 400."""
    return render(request, "forms_app/bad_request.html", status=400)
