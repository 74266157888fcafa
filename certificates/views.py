"""Public pages of certificates: checking a code, downloading one by a signed link,
and a person's CPD record by link."""

import math

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from certificates.forms import RecordRequestForm, VerifyForm
from certificates.issuing import centre_name
from certificates.limits import RECORD, VERIFY, count_request
from certificates.links import read_download_token
from certificates.models import Certificate
from certificates.pdf import certificate_pdf
from certificates.record_files import record_csv, record_pdf
from certificates.record_links import read_token, send_record_link
from certificates.records import record_for
from certificates.verification import find_certificate, public_facts
from forms_app.rate_limits import PostCount


def private(response: HttpResponse) -> HttpResponse:
    """Kept out of every cache and every search index."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def wait_notice(posts: PostCount, limiter: str) -> str:
    minutes = math.ceil(posts.seconds_left() / 60)
    when = timezone.localtime(posts.resets_at).strftime("%H:%M")
    if limiter == VERIFY:
        text = ngettext(
            "You have checked several codes in a short while. Please try again "
            "after %(time)s (in about %(minutes)d minute).",
            "You have checked several codes in a short while. Please try again "
            "after %(time)s (in about %(minutes)d minutes).",
            minutes,
        )
    else:
        text = ngettext(
            "You have asked for several links in a short while. Please try again "
            "after %(time)s (in about %(minutes)d minute).",
            "You have asked for several links in a short while. Please try again "
            "after %(time)s (in about %(minutes)d minutes).",
            minutes,
        )
    return text % {"time": when, "minutes": minutes}


def too_many(
    request: HttpRequest, template: str, context: dict, posts: PostCount, limiter: str
) -> HttpResponse:
    response = TemplateResponse(
        request,
        template,
        {**context, "wait_notice": wait_notice(posts, limiter)},
        status=429,
    )
    response["Retry-After"] = str(posts.seconds_left())
    return private(response)


def show_result(request: HttpRequest, form: VerifyForm, code: str) -> HttpResponse:
    certificate = find_certificate(code)
    context = {
        "form": form,
        "checked": True,
        "facts": public_facts(certificate) if certificate else None,
    }
    status = 200 if certificate else 404
    return private(
        TemplateResponse(request, "certificates/verify.html", context, status=status)
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The form for a code; with a code, whether that certificate is valid."""
    data = request.POST if request.method == "POST" else request.GET
    if "code" not in data:
        context = {"form": VerifyForm().describe()}
        return private(TemplateResponse(request, "certificates/verify.html", context))
    form = VerifyForm(data)
    posts = count_request(request, VERIFY)
    if posts.exceeded:
        context = {"form": form.describe()}
        return too_many(request, "certificates/verify.html", context, posts, VERIFY)
    if not form.is_valid():
        context = {"form": form.describe()}
        return private(
            TemplateResponse(request, "certificates/verify.html", context, status=400)
        )
    return show_result(request, form.describe(), form.cleaned_data["code"])


@require_GET
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """Whether the certificate with this code is valid, for whom and for what."""
    form = VerifyForm().describe()
    posts = count_request(request, VERIFY)
    if posts.exceeded:
        return too_many(
            request, "certificates/verify.html", {"form": form}, posts, VERIFY
        )
    return show_result(request, form, code)


def request_page(
    request: HttpRequest, form: RecordRequestForm, status: int = 200, **context
) -> HttpResponse:
    context = {"form": form.describe(), **context}
    return private(
        TemplateResponse(
            request, "certificates/record_request.html", context, status=status
        )
    )


@sensitive_post_parameters("email")
@require_http_methods(["GET", "POST"])
def record_request(request: HttpRequest) -> HttpResponse:
    """Ask for a link to one's CPD record; the answer never says if we know the address."""
    if request.method == "GET":
        return request_page(request, RecordRequestForm())
    form = RecordRequestForm(request.POST)
    posts = count_request(request, RECORD)
    if posts.exceeded:
        context = {"form": form.describe()}
        return too_many(
            request, "certificates/record_request.html", context, posts, RECORD
        )
    if not form.is_valid():
        return request_page(request, form, status=400)
    send_record_link(form.cleaned_data["email"], request.LANGUAGE_CODE)
    return HttpResponseRedirect(reverse("certificates:record_sent"))


@require_GET
def record_sent(request: HttpRequest) -> HttpResponse:
    return private(TemplateResponse(request, "certificates/record_sent.html", {}))


def link_not_working(request: HttpRequest) -> HttpResponse:
    return request_page(request, RecordRequestForm(), status=404, expired=True)


@require_GET
def record(request: HttpRequest, token: str) -> HttpResponse:
    """Every certificate issued to the link's address, with totals and downloads."""
    email = read_token(token)
    if email is None:
        return link_not_working(request)
    context = {
        "record": record_for(email),
        "pdf_url": reverse("certificates:record_pdf", args=[token]),
        "csv_url": reverse("certificates:record_csv", args=[token]),
    }
    return private(TemplateResponse(request, "certificates/record.html", context))


@require_GET
def record_pdf_download(request: HttpRequest, token: str) -> HttpResponse:
    email = read_token(token)
    if email is None:
        return link_not_working(request)
    response = HttpResponse(
        record_pdf(record_for(email), centre_name()), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="cpd-record.pdf"'
    return private(response)


@require_GET
def record_csv_download(request: HttpRequest, token: str) -> HttpResponse:
    email = read_token(token)
    if email is None:
        return link_not_working(request)
    response = HttpResponse(
        record_csv(record_for(email)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="cpd-record.csv"'
    return private(response)


def pdf_response(certificate: Certificate) -> HttpResponse:
    """The certificate's PDF as a private attachment named by its code."""
    response = HttpResponse(
        certificate_pdf(certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    return private(response)


@require_GET
def download(request: HttpRequest, token: str) -> HttpResponse:
    """The PDF a signed link names, while the certificate is valid."""
    certificate = read_download_token(token)
    if certificate is None:
        raise Http404
    if not certificate.is_valid:
        response = TemplateResponse(
            request,
            "certificates/not_downloadable.html",
            {"verify_url": certificate.verification_path()},
            status=410,
        )
        return private(response)
    return pdf_response(certificate)
