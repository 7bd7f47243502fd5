"""Term holidays and INSET days: coordinators enter the local authority's and any
school's own; bank holidays come from the holidays library and are not entered here."""

from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_exports import ExportIndexView

from ..models import ClosedDays


class ClosedDaysViewSet(ModelViewSet):
    model = ClosedDays
    index_view_class = ExportIndexView
    icon = "date"
    menu_label = "Term dates and INSET days"
    list_display = ["name", "kind", "first_day", "last_day", "school"]
    list_filter = ["kind", "first_day"]
    list_export = ["name", "kind", "first_day", "last_day", "school.urn"]
    export_headings = {"school.urn": "School URN"}
    export_filename = "closed-days"
    search_fields = ["name", "school__name"]
    form_fields = ["name", "kind", "first_day", "last_day", "school"]
