"""Schools in the admin: records coordinators may correct, and export."""

from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from portal.admin_exports import ExportIndexView

from ..models import School


class SchoolIndexView(ExportIndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "Import from GIAS", url=reverse("schools:gias_upload"), icon_name="upload"
            ),
        ]


class SchoolViewSet(ModelViewSet):
    model = School
    index_view_class = SchoolIndexView
    icon = "home"
    menu_order = 100
    list_display = [
        "name",
        "urn",
        "phase",
        "district",
        "postcode",
        "number_of_pupils",
        BooleanColumn("is_open", label="Open"),
    ]
    list_filter = ["district", "phase", "is_open"]
    list_export = ["urn", "name", "phase", "district", "postcode", "number_of_pupils", "is_open"]
    export_filename = "schools"
    search_fields = ["name", "postcode", "urn"]
    form_fields = [
        "urn",
        "name",
        "phase",
        "district",
        "postcode",
        "number_of_pupils",
        "is_open",
        "easting",
        "northing",
    ]
    inspect_view_enabled = True
