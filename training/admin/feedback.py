"""Feedback in the Wagtail admin: "you said, we did" (a snippet coordinators write)
and teachers' feedback (read and exported, never edited). Pupil answers are never
listed here."""

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.admin_exports import ExportIndexView
from portal.admin_permissions import ViewOnlyPermissionPolicy
from training.models import TeacherFeedback, YouSaidWeDid

# Teachers' answers are theirs: coordinators read and export them, nobody edits them.
TEACHER_FEEDBACK_POLICY = ViewOnlyPermissionPolicy(TeacherFeedback)


class YouSaidWeDidViewSet(SnippetViewSet):
    model = YouSaidWeDid
    icon = "comment"
    menu_label = "You said, we did"
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["you_said", "date", "published"]
    list_filter = ["published"]
    search_fields = ["you_said", "we_did"]


class TeacherFeedbackViewSet(ModelViewSet):
    """Coordinators read teachers' ratings and comments (view permission only:
    feedback is changed by nobody). Pupil answers are never listed here."""

    model = TeacherFeedback
    index_view_class = ExportIndexView
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


FEEDBACK_LOG_ACTIONS = [
    (
        "training.pupil_response.flagged",
        "Pupil answer flagged",
        "Pupil answer flagged for a safeguarding check",
    ),
    (
        "training.pupil_response.followed_up",
        "Flagged answer followed up",
        "Flagged pupil answer followed up",
    ),
    (
        "training.pupil_responses.set_aside",
        "Pupil answers set aside",
        "A visit's pupil answers set aside (kept, out of the figures)",
    ),
    ("training.teacher_feedback.given", "Teacher feedback given", "Teacher feedback given"),
    ("training.feedback.requested", "Feedback requested", "Feedback requests emailed"),
]
