"""Link a login to a facilitator profile and email them a set-password link."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from facilitators.invitations import InvitationError, invite_facilitator
from facilitators.models import FacilitatorPage


class Command(BaseCommand):
    help = "Invite a facilitator: create or link their login and email a password link."

    def add_arguments(self, parser) -> None:
        parser.add_argument("page_id", type=int, help="The facilitator page's id.")
        parser.add_argument("email", help="The facilitator's email address.")

    def handle(self, *args, page_id: int, email: str, **options) -> None:
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email}") from error
        profile = FacilitatorPage.objects.filter(pk=page_id).first()
        if profile is None:
            raise CommandError(f"No facilitator page has id {page_id}.")
        try:
            user = invite_facilitator(profile, email)
        except InvitationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Invited {user.email} to edit “{profile.title}” (page {profile.pk})."
            )
        )
