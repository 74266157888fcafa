"""Public pages of certificates: verifying a code."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

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
