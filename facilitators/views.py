"""The admin view where staff invite a facilitator from their profile."""

from anymail.exceptions import AnymailError
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from facilitators.invitations import InvitationError, invite_facilitator
from facilitators.models import FacilitatorPage
from facilitators.permissions import may_invite


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Facilitator's email address"),
        help_text=gettext_lazy("They will get a link to choose their own password."),
    )


def invite(request: HttpRequest, page_id: int) -> HttpResponse:
    """Show the invitation form and, on a valid POST, send the invitation."""
    profile = get_object_or_404(FacilitatorPage, pk=page_id)
    if not may_invite(request.user, profile):
        raise PermissionDenied
    initial = {"email": profile.user.email} if profile.user else {}
    form = InvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = invite_facilitator(profile, form.cleaned_data["email"])
        except InvitationError as error:
            form.add_error("email", str(error))
        except (AnymailError, OSError):
            messages.error(
                request,
                _("The login is linked but the email could not be sent; try again."),
            )
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": user.email},
            )
            return redirect("wagtailadmin_pages:edit", profile.pk)
    return TemplateResponse(
        request,
        "facilitators/admin/invite.html",
        {"page": profile, "form": form},
    )
