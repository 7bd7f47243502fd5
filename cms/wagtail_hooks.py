"""Registers the content admin (cms.admin) with Wagtail: snippets, the review report,
the organisation rule for presenters, and the page cache for public pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import page_cache
from .admin.reports import ReviewDueReportView, review_report_menu_item
from .admin.snippets import PartnerOrganisationViewSet, TopicViewSet
from .admin.uploads import (
    ApproveUploadView,
    UploadsWaitingView,
    add_uploads_waiting_panel,
    uploads_menu_item,
)
from .models import ResourceIndexPage, SessionIndexPage, TrainingIndexPage
from .moderation import ensure_moderation
from .permissions import can_edit_page_content

register_snippet(TopicViewSet)
register_snippet(PartnerOrganisationViewSet)


def _only_own_organisation(request, page, *args):
    if not can_edit_page_content(request.user, page):
        raise PermissionDenied("This page belongs to another organisation.")


for _hook in ("before_edit_page", "before_delete_page", "before_copy_page", "before_move_page"):
    hooks.register(_hook, _only_own_organisation)


@hooks.register("after_create_page")
def give_presenters_new_index(request, page):
    """A new sessions, resources or training index is open to presenters straight away."""
    if isinstance(page.specific_deferred, SessionIndexPage | ResourceIndexPage | TrainingIndexPage):
        ensure_moderation()


@hooks.register("register_admin_urls")
def review_report_urls():
    return [
        path("reports/review-due/", ReviewDueReportView.as_view(), name="cms_review_due"),
        path(
            "reports/review-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="cms_review_due_results",
        ),
    ]


hooks.register("register_reports_menu_item", review_report_menu_item)
hooks.register("register_admin_menu_item", uploads_menu_item)
hooks.register("construct_homepage_panels", add_uploads_waiting_panel)


@hooks.register("register_admin_urls")
def upload_approval_urls():
    return [
        path("uploads/waiting/", UploadsWaitingView.as_view(), name="cms_uploads_waiting"),
        path(
            "uploads/<str:kind>/<int:pk>/approve/",
            ApproveUploadView.as_view(),
            name="cms_upload_approve",
        ),
    ]


@hooks.register("register_log_actions")
def upload_log_actions(actions):
    actions.register_action("cms.upload.approved", "Upload approved", "Upload approved")


@hooks.register("on_serve_page")
def cache_public_pages(serve_page):
    """Pages of a type with `public_cache` may be stored for anonymous visitors
    (cms.page_cache); view restrictions have already been checked by now."""

    def serve(page, request, args, kwargs):
        if getattr(page, "public_cache", False):
            page_cache.mark_cacheable(request)
        return serve_page(page, request, args, kwargs)

    return serve
