"""The rules of training events: registering, the waiting list, cancelling and
moving people (registrations), taking registers of events and of school
deliveries (attendance), and the emails each change sends (emails).

Callers use this package's names; its modules import one another directly.
"""

from .attendance import (
    EARLIEST_DELIVERY_BEFORE_PLANNED,
    MAX_PARENTS_REACHED,
    MAX_PUPILS_PER_YEAR_GROUP,
    MAX_STAFF_PRESENT,
    add_walk_in,
    mark_attendance,
    record_delivery_register,
)
from .emails import send_reminder_email
from .messages import confirmed_people, draft_event_message
from .registrations import (
    cancel_event,
    cancel_registration,
    event_details_changed,
    fill_places,
    move_registration,
    register_for_event,
)

__all__ = [
    "EARLIEST_DELIVERY_BEFORE_PLANNED",
    "MAX_PARENTS_REACHED",
    "MAX_PUPILS_PER_YEAR_GROUP",
    "MAX_STAFF_PRESENT",
    "add_walk_in",
    "cancel_event",
    "cancel_registration",
    "confirmed_people",
    "draft_event_message",
    "event_details_changed",
    "fill_places",
    "mark_attendance",
    "move_registration",
    "record_delivery_register",
    "register_for_event",
    "send_reminder_email",
]
