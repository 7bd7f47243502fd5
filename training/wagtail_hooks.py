"""The training package in the Wagtail admin: events and registrations, feedback,
"you said, we did" and certificates, with their audit actions. Only registration
happens here; the viewsets and policies are in training.admin."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from training.admin.certificates import (
    CERTIFICATE_LOG_ACTIONS,
    CERTIFICATE_POLICY,
    CertificateViewSet,
)
from training.admin.events import (
    EVENT_LOG_ACTIONS,
    EVENT_POLICY,
    REGISTRATION_POLICY,
    TrainingEventsGroup,
)
from training.admin.feedback import (
    FEEDBACK_LOG_ACTIONS,
    TEACHER_FEEDBACK_POLICY,
    TeacherFeedbackViewSet,
    YouSaidWeDidViewSet,
)
from training.models import Certificate, Registration, TeacherFeedback, TrainingEvent

# Permission policies must be registered before the viewsets that use them.
register_permission_policy(Certificate, CERTIFICATE_POLICY)
register_permission_policy(TeacherFeedback, TEACHER_FEEDBACK_POLICY)
register_permission_policy(TrainingEvent, EVENT_POLICY)
register_permission_policy(Registration, REGISTRATION_POLICY)

register_snippet(YouSaidWeDidViewSet)


@hooks.register("register_admin_viewset")
def register_teacher_feedback_viewset():
    return TeacherFeedbackViewSet("teacher_feedback")


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificate")


@hooks.register("register_admin_viewset")
def register_training_events_viewsets():
    return TrainingEventsGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label, message in (
        FEEDBACK_LOG_ACTIONS + CERTIFICATE_LOG_ACTIONS + EVENT_LOG_ACTIONS
    ):
        actions.register_action(action, label, message)
