"""Districts, schools and the people who work in them, bookings and visits."""

from .bookings import (
    Booking,
    BookingOption,
    Delivery,
    DeliveryAssignment,
    ReferenceCounter,
    travel_buffer,
)
from .calendars import new_calendar_token
from .changes import BookingEmailPreference, DateProposal, MoveRequest
from .closures import ClosedDays
from .imports import SchoolImport
from .memberships import SchoolMembership
from .plans import PlannedVisit, TermPlan
from .presenters import PresenterProfile, Unavailability
from .schools import District, School

__all__ = [
    "Booking",
    "BookingEmailPreference",
    "DateProposal",
    "MoveRequest",
    "BookingOption",
    "ClosedDays",
    "Delivery",
    "DeliveryAssignment",
    "District",
    "PlannedVisit",
    "PresenterProfile",
    "ReferenceCounter",
    "School",
    "SchoolImport",
    "SchoolMembership",
    "TermPlan",
    "Unavailability",
    "new_calendar_token",
    "travel_buffer",
]
