"""Schools, staff, bookings and presenters in the Wagtail admin, and our audit log actions.

Bookings and deliveries are read-only here: every change of status goes through
the services (the schedule, decline and cancel pages), so their rules and emails
always apply. Schools, memberships, presenter profiles and unavailability are
plain records coordinators may correct.
"""

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.admin_exports import LocalTimeIndexView
from portal.admin_permissions import ViewOnlyPermissionPolicy

from .models import Booking, Delivery, PresenterProfile, School, SchoolMembership, Unavailability

LOG_ACTIONS = [
    ("schools.membership.requested", "Asked to join the school"),
    ("schools.membership.approved", "Membership approved"),
    ("schools.membership.rejected", "Membership rejected"),
    ("schools.membership.left", "Left the school"),
    ("schools.booking.requested", "Booking requested"),
    ("schools.booking.scheduled", "Booking scheduled"),
    ("schools.booking.declined", "Booking declined"),
    ("schools.booking.cancelled", "Booking cancelled"),
    ("schools.booking.delivered", "Booking delivered"),
    ("schools.unavailability.recorded", "Unavailability recorded"),
    ("schools.calendar.reset", "Calendar address changed"),
    ("schools.presenter.vetting_confirmed", "Vetting confirmed"),
]


@hooks.register("register_log_actions")
def register_schools_log_actions(actions):
    for action, label in LOG_ACTIONS:
        actions.register_action(action, label, label)


class ViewOnlyHistoryView(HistoryView):
    """The audit history needs only the view permission on read-only records."""

    any_permission_required = ["view"]


register_permission_policy(Booking, ViewOnlyPermissionPolicy(Booking))
register_permission_policy(Delivery, ViewOnlyPermissionPolicy(Delivery))


class SchoolViewSet(ModelViewSet):
    model = School
    icon = "home"
    menu_order = 100
    list_display = [
        "name",
        "urn",
        "phase",
        "district",
        "postcode",
        "number_of_pupils",
        BooleanColumn("is_open", label="Open"),
    ]
    list_filter = ["district", "phase", "is_open"]
    list_export = ["urn", "name", "phase", "district", "postcode", "number_of_pupils", "is_open"]
    export_filename = "schools"
    search_fields = ["name", "postcode", "urn"]
    form_fields = ["urn", "name", "phase", "district", "postcode", "number_of_pupils", "is_open"]
    inspect_view_enabled = True


class MembershipEditView(EditView):
    def save_instance(self):
        # A coordinator changing the status here decides it: the closed-membership
        # retention period counts from this moment.
        if "status" in self.form.changed_data:
            self.form.instance.decided_by = self.request.user
            self.form.instance.decided_at = timezone.now()
        return super().save_instance()


class MembershipViewSet(ModelViewSet):
    model = SchoolMembership
    icon = "group"
    edit_view_class = MembershipEditView
    menu_label = "Staff memberships"
    list_display = ["user", "school", "role", "status", "created_at"]
    list_filter = ["status", "role", "school__district"]
    list_export = ["user__email", "user__first_name", "user__last_name", "school", "role", "status"]
    export_filename = "memberships"
    search_fields = ["user__email", "user__last_name", "school__name"]
    form_fields = ["user", "school", "role", "status"]


class BookingViewSet(ModelViewSet):
    model = Booking
    index_view_class = LocalTimeIndexView
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
        "school__name",
        "school__urn",
        "session__title",
        "status",
        "expected_pupils",
        "created_at",
        "status_reason",
    ]
    export_filename = "bookings"
    search_fields = ["reference", "school__name"]
    form_fields = ["notes"]
    inspect_view_enabled = True
    history_view_class = ViewOnlyHistoryView


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    index_view_class = LocalTimeIndexView
    icon = "calendar"
    list_display = ["booking", "start", "end", "place", "reminder_sent_at"]
    list_filter = ["booking__status", "booking__school__district"]
    list_export = ["booking__reference", "booking__school__name", "start", "end", "place"]
    export_filename = "deliveries"
    form_fields = ["place"]
    inspect_view_enabled = True
    history_view_class = ViewOnlyHistoryView


class PresenterProfileEditView(EditView):
    def save_instance(self):
        # Whoever changes the vetting date is recorded as having confirmed it.
        if "vetting_confirmed_on" in self.form.changed_data:
            self.form.instance.vetting_confirmed_by = self.request.user
        return super().save_instance()


class PresenterProfileViewSet(ModelViewSet):
    model = PresenterProfile
    icon = "user"
    menu_label = "Presenters"
    edit_view_class = PresenterProfileEditView
    list_display = ["user", "organisation", "job_title", "vetting_confirmed_on"]
    list_filter = ["organisation"]
    list_export = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "organisation",
        "job_title",
        "vetting_confirmed_on",
    ]
    export_filename = "presenters"
    search_fields = ["user__email", "user__last_name"]
    form_fields = [
        "user",
        "organisation",
        "job_title",
        "qualified_sessions",
        "vetting_confirmed_on",
    ]


class UnavailabilityViewSet(ModelViewSet):
    model = Unavailability
    index_view_class = LocalTimeIndexView
    icon = "time"
    list_display = ["presenter", "start", "end", "reason"]
    list_filter = ["presenter"]
    list_export = ["presenter__email", "start", "end", "reason"]
    form_fields = ["presenter", "start", "end", "reason"]


class SchoolsViewSetGroup(ViewSetGroup):
    menu_label = "Schools and bookings"
    menu_icon = "home"
    menu_order = 250
    items = (
        SchoolViewSet("school_records", url_prefix="schools"),
        MembershipViewSet("memberships"),
        BookingViewSet("bookings"),
        DeliveryViewSet("deliveries"),
        PresenterProfileViewSet("presenters"),
        UnavailabilityViewSet("unavailability"),
    )


@hooks.register("register_admin_viewset")
def register_schools_viewsets():
    return SchoolsViewSetGroup()


@hooks.register("register_admin_menu_item")
def booking_requests_menu_item():
    from wagtail.admin.menu import MenuItem

    from portal.roles import is_coordinator

    class RequestsMenuItem(MenuItem):
        def is_shown(self, request):
            return is_coordinator(request.user)

    return RequestsMenuItem(
        "New booking requests", reverse("schools:booking_requests"), icon_name="list-ul", order=251
    )
