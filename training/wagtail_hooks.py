"""The training package in the Wagtail admin: events and registrations, feedback,
"you said, we did" and certificates, with their audit actions."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.admin_exports import LocalTimeIndexView
from portal.admin_permissions import ViewOnlyPermissionPolicy
from training.events_admin import EVENT_POLICY, REGISTRATION_POLICY, TrainingEventsGroup
from training.models import Registration, TeacherFeedback, TrainingEvent, YouSaidWeDid

from .admin_certificates import register_hooks as register_certificate_hooks

# Feedback and reports ---------------------------------------------------------------


class YouSaidWeDidViewSet(SnippetViewSet):
    model = YouSaidWeDid
    icon = "comment"
    menu_label = "You said, we did"
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["you_said", "date", "published"]
    list_filter = ["published"]
    search_fields = ["you_said", "we_did"]


register_snippet(YouSaidWeDidViewSet)
# Teachers' answers are theirs: coordinators read and export them, nobody edits them.
register_permission_policy(TeacherFeedback, ViewOnlyPermissionPolicy(TeacherFeedback))


class TeacherFeedbackViewSet(ModelViewSet):
    """Coordinators read teachers' ratings and comments (view permission only:
    feedback is changed by nobody). Pupil answers are never listed here."""

    model = TeacherFeedback
    index_view_class = LocalTimeIndexView
    icon = "comment"
    menu_label = "Teacher feedback"
    add_to_admin_menu = True
    menu_order = 321
    inspect_view_enabled = True
    list_display = ["__str__", "school", "quality", "would_recommend", "created_at"]
    list_filter = ["would_recommend", "quality"]
    list_export = [
        "delivery",
        "event",
        "school",
        "relevance",
        "quality",
        "engagement",
        "would_recommend",
        "comments",
        "created_at",
    ]
    export_filename = "teacher-feedback"
    form_fields = ["relevance", "quality", "engagement", "would_recommend", "comments"]


@hooks.register("register_admin_viewset")
def register_teacher_feedback_viewset():
    return TeacherFeedbackViewSet("teacher_feedback")


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(
        "training.pupil_response.flagged",
        "Pupil answer flagged",
        "Pupil answer flagged for a safeguarding check",
    )
    actions.register_action(
        "training.pupil_response.followed_up",
        "Flagged answer followed up",
        "Flagged pupil answer followed up",
    )
    actions.register_action(
        "training.teacher_feedback.given", "Teacher feedback given", "Teacher feedback given"
    )
    actions.register_action(
        "training.feedback.requested", "Feedback requested", "Feedback requests emailed"
    )


# Certificates ----------------------------------------------------------------------

register_certificate_hooks(hooks)

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
