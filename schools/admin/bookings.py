"""Bookings and deliveries in the admin: read-only, since every change of status
goes through the services (the schedule, decline and cancel pages), so their rules
and emails always apply."""

from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_exports import ExportIndexView

from .. import permissions
from ..models import Booking, Delivery


class ViewOnlyHistoryView(HistoryView):
    """The audit history needs only the view permission on read-only records."""

    any_permission_required = ["view"]


class BookingInspectView(InspectView):
    """Year groups only for a session for pupils; the expected audience in words."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not self.object.session.has_pupil_audience:
            self.fields = [f for f in self.fields if f != "year_groups"]

    def get_expected_pupils_display_value(self):
        return self.object.expected_audience


class BookingViewSet(ModelViewSet):
    model = Booking
    index_view_class = ExportIndexView
    icon = "date"
    list_display = [
        "reference",
        "school",
        "session",
        "status",
        "created_at",
    ]
    list_filter = ["status", "school__district", "session"]
    list_export = [
        "reference",
        "school.name",
        "school.urn",
        "session.title",
        "status",
        "session.audience",
        "expected_pupils",
        "created_at",
        "status_reason",
    ]
    export_headings = {
        "school.name": "School",
        "school.urn": "URN",
        "session.title": "Session",
        "session.audience": "Audience",
    }
    export_filename = "bookings"
    search_fields = ["reference", "school__name"]
    form_fields = ["notes"]
    inspect_view_enabled = True
    inspect_view_class = BookingInspectView
    history_view_class = ViewOnlyHistoryView


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    index_view_class = ExportIndexView
    icon = "calendar"
    list_display = ["booking", "start", "end", "place", "reminder_sent_at"]
    list_filter = ["booking__status", "booking__school__district"]
    list_export = ["booking.reference", "booking.school.name", "start", "end", "place"]
    export_headings = {"booking.reference": "Booking", "booking.school.name": "School"}
    export_filename = "deliveries"
    form_fields = ["place"]
    inspect_view_enabled = True
    history_view_class = ViewOnlyHistoryView


class RequestsMenuItem(MenuItem):
    """The new booking requests page, in the admin menu of those who schedule."""

    def is_shown(self, request):
        return permissions.can_schedule(request.user)


def requests_menu_item():
    return RequestsMenuItem(
        "New booking requests", reverse("schools:booking_requests"), icon_name="list-ul", order=251
    )
