"""Public pages of certificates: verifying a code, downloading by a signed link."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache

from certificates.links import read_download_token
from certificates.models import Certificate
from certificates.pdf import certificate_pdf
from certificates.verification import find_certificate, public_facts


@never_cache
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """Whether the certificate with this code is valid, for whom and for what."""
    certificate = find_certificate(code)
    context = {
        "code": code,
        "facts": public_facts(certificate) if certificate else None,
    }
    return TemplateResponse(
        request,
        "certificates/verify.html",
        context,
        status=200 if certificate else 404,
    )


def pdf_response(certificate: Certificate) -> HttpResponse:
    """The certificate's PDF as a private attachment named by its code."""
    response = HttpResponse(
        certificate_pdf(certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


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
        add_never_cache_headers(response)
        return response
    return pdf_response(certificate)
