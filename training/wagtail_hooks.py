from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from training.models import YouSaidWeDid

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
