"""Training in the Wagtail admin: audit actions, events and registrations viewsets."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from training.events_admin import EVENT_POLICY, REGISTRATION_POLICY, TrainingEventsGroup
from training.models import Registration, TrainingEvent

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


# Permission policies must be registered before the viewsets that use them.
register_permission_policy(TrainingEvent, EVENT_POLICY)
register_permission_policy(Registration, REGISTRATION_POLICY)


@hooks.register("register_admin_viewset")
def register_training_events_viewsets():
    return TrainingEventsGroup()
