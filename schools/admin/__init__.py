"""Schools, staff, bookings and presenters in the Wagtail admin, one module per area,
and the audit log actions the schools services record (registered by wagtail_hooks).

Schools, memberships, presenter profiles and unavailability are plain records
coordinators may correct; bookings and deliveries are read-only.
"""

from wagtail.admin.viewsets.base import ViewSetGroup

from .bookings import BookingViewSet, DeliveryViewSet
from .closures import ClosedDaysViewSet
from .memberships import MembershipViewSet
from .presenters import PresenterProfileViewSet, UnavailabilityViewSet
from .schools import SchoolViewSet

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
    ("schools.booking.edited", "Request changed by the school"),
    ("schools.booking.date_proposed", "Another date offered"),
    ("schools.booking.proposal_accepted", "Date offered accepted"),
    ("schools.booking.proposal_declined", "Date offered declined"),
    ("schools.booking.move_requested", "School asked to move the visit"),
    ("schools.booking.moved", "Visit moved"),
    ("schools.booking.presenter_replaced", "Presenter replaced"),
    ("schools.booking_emails.changed", "Booking email choice changed"),
    ("schools.unavailability.recorded", "Unavailability recorded"),
    ("schools.calendar.reset", "Calendar address changed"),
    ("schools.presenter.vetting_confirmed", "Vetting confirmed"),
    ("schools.presenter.working_pattern", "Working pattern changed"),
    ("schools.closed_days.added", "Closed day added by the school"),
    ("schools.closed_days.removed", "Closed day removed by the school"),
    ("schools.closed_days.imported", "Closed day imported"),
    ("schools.import.applied", "Schools imported from GIAS"),
    ("schools.booking.offered", "Visit offered from a term plan"),
    ("schools.term_plan.started", "Term plan started"),
    ("schools.term_plan.planned", "Term planned"),
    ("schools.term_plan.replanned", "Term planned again"),
    ("schools.term_plan.visit_locked", "Planned visit locked"),
    ("schools.term_plan.visit_unlocked", "Planned visit unlocked"),
    ("schools.term_plan.visit_removed", "Planned visit removed"),
    ("schools.term_plan.visit_restored", "Planned visit put back"),
    ("schools.term_plan.sent", "Term plan offers sent"),
    ("schools.term_plan.offer_accepted", "Offer accepted"),
    ("schools.term_plan.offer_another_date", "School asked for another date"),
    ("schools.term_plan.offer_declined", "Offer declined"),
    ("schools.term_plan.offer_clash", "Offer refused: presenter no longer free"),
]


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
        ClosedDaysViewSet("closed_days"),
    )
