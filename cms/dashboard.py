"""Content on the portal dashboard: a presenter's drafts and pages waiting for
approval; for coordinators, the pages waiting for their approval.

The same pages are in the Wagtail admin ("Your pages in a workflow", "Awaiting your
review"); the dashboard is where each person lands after signing in.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, WorkflowState

from portal.roles import ROLE_COORDINATOR, ROLE_PRESENTER

from .models import ResourcePage, SessionPage, TrainingCoursePage

TEMPLATE = "cms/dashboard/{role}.html"
ROLES = (ROLE_COORDINATOR, ROLE_PRESENTER)
CONTENT_TYPES = (SessionPage, ResourcePage, TrainingCoursePage)


def _workflow_states(status):
    """Open workflow states of pages with `status`, by page id."""
    states = WorkflowState.objects.filter(
        status=status, base_content_type=ContentType.objects.get_for_model(Page)
    ).select_related("requested_by")
    return {int(state.object_id): state for state in states}


def _with_states(pages, states):
    return [(page, states[page.pk]) for page in pages if page.pk in states]


def presenter_context(user):
    in_review = _workflow_states(WorkflowState.STATUS_IN_PROGRESS)
    needs_changes = _workflow_states(WorkflowState.STATUS_NEEDS_CHANGES)
    own = (
        Page.objects.type(*CONTENT_TYPES)
        .filter(owner=user)
        .exclude(live=True, has_unpublished_changes=False)
        .order_by("-latest_revision_created_at")
        .specific()
    )
    own = list(own)
    return {
        "content_awaiting": _with_states(own, in_review),
        "content_changes_requested": _with_states(own, needs_changes),
        "content_drafts": [
            page for page in own if page.pk not in in_review and page.pk not in needs_changes
        ],
    }


def coordinator_context():
    in_review = _workflow_states(WorkflowState.STATUS_IN_PROGRESS)
    pages = Page.objects.filter(pk__in=in_review).order_by("latest_revision_created_at")
    return {"content_awaiting": _with_states(pages.specific(), in_review)}


def context(request, role):
    if role == ROLE_PRESENTER:
        return presenter_context(request.user)
    if role == ROLE_COORDINATOR:
        return coordinator_context()
    return {}
