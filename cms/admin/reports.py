"""Admin report: sessions, resources and courses past their "next review due" date."""

import datetime

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from ..permissions import can_see_review_report

REVIEWED_TYPES = ["sessionpage", "resourcepage", "trainingcoursepage"]


def pages_due_for_review(today=None):
    """Every page whose next review date has passed, the most overdue first (one query)."""
    today = today or timezone.localdate()
    overdue = Q()
    for name in REVIEWED_TYPES:
        overdue |= Q(**{f"{name}__next_review_due__lt": today})
    return (
        Page.objects.filter(overdue)
        .annotate(review_due=Coalesce(*(F(f"{name}__next_review_due") for name in REVIEWED_TYPES)))
        .select_related("content_type")
        .order_by("review_due", "title")
    )


class ReviewDueReportView(PageReportView):
    page_title = "Content due for review"
    header_icon = "date"
    results_template_name = "cms/admin/review_due_results.html"
    index_url_name = "cms_review_due"
    index_results_url_name = "cms_review_due_results"
    # Coordinators publish; presenters do not, and do not see the report.
    permission_required = "publish"
    list_export = ["title", "review_due", "status_string", "content_type"]
    export_headings = {
        "review_due": "Review was due",
        "status_string": "Status",
        "content_type": "Type",
    }

    def get_filename(self):
        return f"content-due-for-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = pages_due_for_review()
        return super().get_queryset()


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_review_report(request.user)


def review_report_menu_item():
    return ReviewReportMenuItem(
        "Content due for review",
        reverse("cms_review_due"),
        name="review-due",
        icon_name="date",
        order=650,
    )
