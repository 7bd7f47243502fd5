"""Staff memberships in the admin: a coordinator changing the status decides it."""

from django.utils import timezone
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_exports import ExportIndexView

from ..models import SchoolMembership


class MembershipEditView(EditView):
    def save_instance(self):
        # A coordinator changing the status here decides it: the closed-membership
        # retention period counts from this moment.
        if "status" in self.form.changed_data:
            self.form.instance.decided_by = self.request.user
            self.form.instance.decided_at = timezone.now()
        return super().save_instance()


class MembershipViewSet(ModelViewSet):
    model = SchoolMembership
    icon = "group"
    edit_view_class = MembershipEditView
    menu_label = "Staff memberships"
    list_display = ["user", "school", "role", "status", "created_at"]
    list_filter = ["status", "role", "school__district"]
    index_view_class = ExportIndexView
    list_export = ["user.email", "user.first_name", "user.last_name", "school", "role", "status"]
    export_headings = {
        "user.email": "Email",
        "user.first_name": "First name",
        "user.last_name": "Last name",
    }
    export_filename = "memberships"
    search_fields = ["user__email", "user__last_name", "school__name"]
    form_fields = ["user", "school", "role", "status"]
