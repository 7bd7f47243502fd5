"""Presenters' profiles (whoever changes the vetting date confirmed it) and their time off."""

from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_exports import ExportIndexView

from ..models import PresenterProfile, Unavailability


class PresenterProfileEditView(EditView):
    def save_instance(self):
        # Whoever changes the vetting date is recorded as having confirmed it.
        if "vetting_confirmed_on" in self.form.changed_data:
            self.form.instance.vetting_confirmed_by = self.request.user
        return super().save_instance()


class PresenterProfileViewSet(ModelViewSet):
    model = PresenterProfile
    icon = "user"
    menu_label = "Presenters"
    edit_view_class = PresenterProfileEditView
    list_display = ["user", "organisation", "job_title", "vetting_confirmed_on"]
    list_filter = ["organisation"]
    index_view_class = ExportIndexView
    list_export = [
        "user.email",
        "user.first_name",
        "user.last_name",
        "organisation",
        "job_title",
        "vetting_confirmed_on",
    ]
    export_headings = {
        "user.email": "Email",
        "user.first_name": "First name",
        "user.last_name": "Last name",
    }
    export_filename = "presenters"
    search_fields = ["user__email", "user__last_name"]
    form_fields = [
        "user",
        "organisation",
        "job_title",
        "qualified_sessions",
        "vetting_confirmed_on",
        "working_weekdays",
        "daily_max_visits",
        "base_district",
    ]


class UnavailabilityViewSet(ModelViewSet):
    model = Unavailability
    index_view_class = ExportIndexView
    icon = "time"
    list_display = ["presenter", "start", "end", "reason"]
    list_filter = ["presenter"]
    list_export = ["presenter.email", "start", "end", "reason"]
    export_headings = {"presenter.email": "Presenter"}
    export_filename = "unavailability"
    form_fields = ["presenter", "start", "end", "reason"]
