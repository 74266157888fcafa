"""The admin's bookings: a list, an edit form to mark invoices and payments, a CSV."""

import csv

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy

from forms_app.access_records import Action, record_access
from places.invoices import export_rows, mark_invoiced, mark_paid, with_named_counts
from places.models import Booking

VIEW_PERMISSION = "places.view_booking"


class BookingPermissionPolicy(ModelPermissionPolicy):
    """Bookings come from the website: staff view and edit them, never add or delete."""

    def user_has_permission(self, user, action: str) -> bool:
        return action in {"view", "change"} and super().user_has_permission(
            user, action
        )

    def users_with_any_permission(self, actions):
        kept = [a for a in actions if a in {"view", "change"}]
        return super().users_with_any_permission(kept)


class BookingForm(WagtailAdminModelForm):
    """The payer's details, and ticks that record who invoiced or took payment, when."""

    invoiced = forms.BooleanField(label=_("Invoiced"), required=False)
    paid = forms.BooleanField(label=_("Paid"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invoiced"].initial = self.instance.invoiced_at is not None
        self.fields["paid"].initial = self.instance.paid_at is not None

    def save(self, commit: bool = True) -> Booking:
        booking = super().save(commit=commit)
        user = self.for_user
        if self.cleaned_data["invoiced"] and booking.invoiced_at is None:
            mark_invoiced(booking, user)
        elif not self.cleaned_data["invoiced"] and booking.invoiced_at is not None:
            Booking.objects.filter(pk=booking.pk).update(
                invoiced_at=None, invoiced_by=None
            )
        if self.cleaned_data["paid"] and booking.paid_at is None:
            mark_paid(booking, user)
        elif not self.cleaned_data["paid"] and booking.paid_at is not None:
            Booking.objects.filter(pk=booking.pk).update(paid_at=None, paid_by=None)
        booking.refresh_from_db()
        return booking

    class Meta:
        model = Booking
        fields = ["payer", "organisation", "finance_email", "purchase_order"]


class BookingIndexView(generic.IndexView):
    def get_base_queryset(self):
        return with_named_counts(super().get_base_queryset()).select_related(
            "run", "run__course", "submission"
        )

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        buttons.append(
            Button(
                _("Download CSV"),
                url=reverse("places_bookings_export"),
                icon_name="download",
                priority=100,
            )
        )
        return buttons


class BookingViewSet(ModelViewSet):
    model = Booking
    url_prefix = "places/bookings"
    icon = "tasks"
    menu_label = _("Bookings and invoices")
    add_to_admin_menu = False
    index_view_class = BookingIndexView
    form_fields = ["payer", "organisation", "finance_email", "purchase_order"]
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["payer"]
    search_fields = ["lead_name", "lead_email", "organisation", "purchase_order"]

    def get_form_class(self, for_update: bool = False):
        return BookingForm

    @property
    def list_display(self):
        return [
            "__str__",
            Column("run", label=_("Run"), accessor="run"),
            Column("lead_name", label=_("Booked by")),
            Column("named", label=_("Named")),
            Column("unnamed", label=_("Unnamed")),
            Column("payer", label=_("Who pays"), accessor="get_payer_display"),
            Column("organisation", label=_("Organisation")),
            Column("purchase_order", label=_("PO")),
            Column("invoiced_at", label=_("Invoiced")),
            Column("paid_at", label=_("Paid")),
        ]


def export_bookings(request: HttpRequest) -> HttpResponse:
    """Every booking as CSV with its payer, invoice and payment; a real 403 otherwise."""
    if not request.user.has_perm(VIEW_PERMISSION):
        return HttpResponse(status=403)
    bookings = Booking.objects.all()
    record_access(request.user, Action.EXPORTED, f"{bookings.count()} bookings as csv")
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in export_rows(bookings)),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="bookings-{stamp}.csv"'
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


def admin_urls() -> list:
    return [
        path("places/bookings-export/", export_bookings, name="places_bookings_export"),
    ]
