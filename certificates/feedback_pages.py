"""The public feedback form a person reaches from the email after their run."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from certificates.feedback import course_in_language, read_token
from certificates.feedback_answers import (
    CONSENT_WORDING,
    AlreadyAnswered,
    form_for,
    record_answers,
)


@never_cache
@sensitive_post_parameters()
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    """The feedback form of one request: GET shows it, POST stores the answers once."""
    feedback_request = read_token(token)
    if feedback_request is None:
        raise Http404
    context = {
        "course": course_in_language(feedback_request, translation.get_language()),
        "consent_wording": CONSENT_WORDING,
    }
    if feedback_request.answered_at is not None:
        return TemplateResponse(request, "certificates/feedback/answered.html", context)
    form = form_for(
        feedback_request, request.POST if request.method == "POST" else None
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                record_answers(feedback_request, form.cleaned_data)
            except AlreadyAnswered:
                return TemplateResponse(
                    request, "certificates/feedback/answered.html", context
                )
            return redirect("certificates:feedback_thanks", token=token)
        form.describe_errors()
    context["form"] = form
    status = 400 if form.errors else 200
    return TemplateResponse(
        request, "certificates/feedback/form.html", context, status=status
    )


@never_cache
def feedback_thanks(request: HttpRequest, token: str) -> HttpResponse:
    feedback_request = read_token(token)
    if feedback_request is None or feedback_request.answered_at is None:
        raise Http404
    context = {
        "course": course_in_language(feedback_request, translation.get_language())
    }
    return TemplateResponse(request, "certificates/feedback/thanks.html", context)
