"""The lead of a booking names the people on its places, from a link in their email."""

from datetime import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CourseSession
from forms_app.addresses import CONTROL_CHARACTERS, is_valid_address
from places.models import Booking, Place, Status
from places.notices import place_confirmed
from places.seats import source_run


def renaming_closes_at(booking: Booking) -> datetime | None:
    """When the run's first core meeting starts: names are fixed from then on."""
    first = (
        CourseSession.objects.core()
        .filter(run=source_run(booking.run))
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )
    return first


def can_rename(booking: Booking, now: datetime | None = None) -> bool:
    closes = renaming_closes_at(booking)
    return closes is None or (now or timezone.now()) < closes


class NamesForm(forms.Form):
    """A name and an email address for each place on the booking; any may stay empty."""

    def __init__(self, places: list[Place], *args, **kwargs) -> None:
        initial = {}
        for n, place in enumerate(places, start=1):
            initial[f"name_{n}"] = place.name
            initial[f"email_{n}"] = place.email
        super().__init__(*args, initial=initial, **kwargs)
        self.places = places
        for n in range(1, len(places) + 1):
            self.fields[f"name_{n}"] = forms.CharField(
                label=_("Name of person %(n)s") % {"n": n},
                required=False,
                max_length=120,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
            self.fields[f"email_{n}"] = forms.EmailField(
                label=_("Email address of person %(n)s") % {"n": n},
                required=False,
                max_length=254,
                widget=forms.EmailInput(attrs={"autocomplete": "off"}),
            )

    def rows(self) -> list[tuple]:
        """(number, name field, email field) for each place, for the template."""
        return [
            (n, self[f"name_{n}"], self[f"email_{n}"])
            for n in range(1, len(self.places) + 1)
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        for n in range(1, len(self.places) + 1):
            name = " ".join(
                CONTROL_CHARACTERS.sub(" ", cleaned.get(f"name_{n}", "")).split()
            )
            email = cleaned.get(f"email_{n}", "")
            cleaned[f"name_{n}"] = name
            if f"email_{n}" not in cleaned:
                continue
            if email and not is_valid_address(email):
                self.add_error(f"email_{n}", _("Enter a valid email address."))
            elif email and not name:
                self.add_error(f"name_{n}", _("Enter the name of this person."))
            elif name and not email:
                self.add_error(
                    f"email_{n}",
                    _("Enter this person's email address, for their confirmation."),
                )
        return cleaned

    def describe_errors(self) -> None:
        """Tie each error message to its input with aria-describedby."""
        for bound in self:
            if bound.errors:
                bound.field.widget.attrs["aria-invalid"] = "true"
                bound.field.widget.attrs["aria-describedby"] = f"{bound.auto_id}-error"


def save_names(form: NamesForm) -> list[Place]:
    """Store the names given and confirm each newly named place held; the ones named."""
    named = []
    with transaction.atomic():
        for n, place in enumerate(form.places, start=1):
            name = form.cleaned_data[f"name_{n}"]
            email = form.cleaned_data[f"email_{n}"]
            if (name, email) == (place.name, place.email):
                continue
            place.name, place.email = name, email
            place.save(update_fields=["name", "email", "updated_at"])
            if email:
                named.append(place)
        for place in named:
            if place.status == Status.ACCEPTED:
                place_confirmed(place)
    return named
