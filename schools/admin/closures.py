"""Term holidays and INSET days: coordinators enter or import the local authority's
and see or change any school's own; bank holidays come from the holidays library and
are not entered here."""

from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from portal.admin_exports import ExportIndexView

from ..models import ClosedDays


class ClosedDaysIndexView(ExportIndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "Import a CSV file", url=reverse("schools:closed_days_import"), icon_name="upload"
            ),
        ]


class ClosedDaysViewSet(ModelViewSet):
    model = ClosedDays
    index_view_class = ClosedDaysIndexView
    icon = "date"
    menu_label = "Term dates and INSET days"
    list_display = ["name", "kind", "first_day", "last_day", "school"]
    list_filter = ["kind", "first_day"]
    list_export = ["name", "kind", "first_day", "last_day", "school.urn"]
    export_headings = {"school.urn": "School URN"}
    export_filename = "closed-days"
    search_fields = ["name", "school__name"]
    form_fields = ["name", "kind", "first_day", "last_day", "school"]
