"""The lead of a booking names the people on its places, from a link in their email."""

from datetime import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CourseSession
from forms_app.addresses import CONTROL_CHARACTERS, is_valid_address
from places.changes import change_status, record_new
from places.models import HOLDING, OPEN, Booking, Place, PlaceChange, Status
from places.notices import place_confirmed
from places.seats import lock_run

REPLACED_NOTE = "The booking's lead named someone else on this place."
NAMED_NOTE = "Named by the booking's lead in place of someone else."


def renaming_closes_at(booking: Booking) -> datetime | None:
    """When the run's first core meeting starts: names are fixed from then on."""
    first = (
        CourseSession.objects.core()
        .filter(run=booking.run.source_run)
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

    def __init__(self, booking: Booking, *args, **kwargs) -> None:
        places = places_to_name(booking)
        initial = {}
        for n, place in enumerate(places, start=1):
            initial[f"name_{n}"] = place.name
            initial[f"email_{n}"] = place.email
        super().__init__(*args, initial=initial, **kwargs)
        self.booking = booking
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


def places_to_name(booking: Booking) -> list[Place]:
    """The booking's places still open, in the order they were made."""
    return list(booking.places.filter(status__in=OPEN).order_by("pk"))


def save_names(form: NamesForm) -> list[Place]:
    """Store the names given and confirm each person newly named on a place held.

    Naming someone else on a place already named gives the place up and takes a
    new one for the new person, in one step under the run's lock: the count stays
    the same, the first person's reminders stop and the new one is confirmed.
    """
    named = []
    with transaction.atomic():
        lock_run(form.booking.run)
        for n, place in enumerate(form.places, start=1):
            name = form.cleaned_data[f"name_{n}"]
            email = form.cleaned_data[f"email_{n}"]
            if (name, email) == (place.name, place.email):
                continue
            if (
                place.email
                and email
                and email != place.email
                and place.status in HOLDING
            ):
                named.append(replace_person(place, name, email))
                continue
            place.name, place.email = name, email
            place.save(update_fields=["name", "email", "updated_at"])
            if email:
                named.append(place)
        for place in named:
            if place.status == Status.ACCEPTED:
                place_confirmed(place)
    return named


def replace_person(place: Place, name: str, email: str) -> Place:
    """Give the place up for its person and take the same place for someone else."""
    change_status(
        place, Status.WITHDRAWN, actor=PlaceChange.Actor.PERSON, note=REPLACED_NOTE
    )
    return record_new(
        Place(
            run=place.run,
            submission=place.submission,
            booking=place.booking,
            name=name,
            email=email,
            language=place.language,
            way=place.way,
            status=place.status,
        ),
        actor=PlaceChange.Actor.PERSON,
        note=NAMED_NOTE,
    )
