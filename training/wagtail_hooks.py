"""Training in the Wagtail admin: audit actions, events and registrations viewsets."""

from wagtail import hooks

# --- Events and registrations (registrations, attendance) -------------------------------

EVENT_LOG_ACTIONS = [
    ("training.event.cancelled", "Event cancelled", "Event cancelled"),
    ("training.registration.created", "Registered", "Registered for the event"),
    ("training.registration.rejoined", "Registered again", "Registered again after cancelling"),
    ("training.registration.promoted", "Promoted", "Given a place from the waiting list"),
    ("training.registration.cancelled", "Registration cancelled", "Registration cancelled"),
    ("training.registration.moved", "Moved", "Moved to another event"),
    ("training.registration.attendance", "Attendance marked", "Attendance marked"),
    ("training.registration.walk_in", "Walk-in added", "Added to the register as a walk-in"),
    ("training.delivery_register.recorded", "Register recorded", "Delivery register recorded"),
    ("training.delivery_register.corrected", "Register corrected", "Delivery register corrected"),
    # Booking transition made by the delivery register (see training.services.attendance).
    ("schools.booking.delivered", "Delivered", "Booking marked as delivered"),
]


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    for action, label, message in EVENT_LOG_ACTIONS:
        actions.register_action(action, label, message)
