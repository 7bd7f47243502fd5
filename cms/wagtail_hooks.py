"""Admin: snippets, the review report and the organisation rule for presenters."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.roles import is_coordinator

from . import page_cache
from .models import PartnerOrganisation, ResourceIndexPage, SessionIndexPage, Topic
from .moderation import ensure_moderation
from .permissions import can_edit_page_content
from .reports import ReviewDueReportView


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = "Partner organisations"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(TopicViewSet)
register_snippet(PartnerOrganisationViewSet)


def _only_own_organisation(request, page, *args):
    if not can_edit_page_content(request.user, page):
        raise PermissionDenied("This page belongs to another organisation.")


for _hook in ("before_edit_page", "before_delete_page", "before_copy_page", "before_move_page"):
    hooks.register(_hook, _only_own_organisation)


@hooks.register("after_create_page")
def give_presenters_new_index(request, page):
    """A new sessions or resources index is open to presenters straight away."""
    if isinstance(page.specific_deferred, SessionIndexPage | ResourceIndexPage):
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


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_reports_menu_item")
def review_report_menu_item():
    return ReviewReportMenuItem(
        "Content due for review",
        reverse("cms_review_due"),
        name="review-due",
        icon_name="date",
        order=650,
    )


@hooks.register("on_serve_page")
def cache_public_pages(serve_page):
    """Pages of a type with `public_cache` may be stored for anonymous visitors
    (cms.page_cache); view restrictions have already been checked by now."""

    def serve(page, request, args, kwargs):
        if getattr(page, "public_cache", False):
            page_cache.mark_cacheable(request)
        return serve_page(page, request, args, kwargs)

    return serve
