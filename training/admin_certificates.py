"""Certificates in the Wagtail admin: a read-only, filterable list for coordinators.

Issuing and revoking happen on the portal's certificate pages (which run the
services with their rules); the admin is for finding a certificate.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from portal import roles
from training.models import Certificate


class CoordinatorsMayViewPolicy(BasePermissionPolicy):
    """Coordinators (and superusers) may look; nobody edits through the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and roles.is_coordinator(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(groups__name=roles.COORDINATORS), is_active=True
            )
            .distinct()
        )


register_permission_policy(Certificate, CoordinatorsMayViewPolicy(Certificate))


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = "Certificates"
    menu_order = 320
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["revoked_reason"]
    list_display = [
        "number",
        "holder_name",
        "title",
        Column("held_on", label="Date"),
        "kind",
        Column("revoked_at", label="Revoked"),
    ]
    list_filter = {
        "kind": ["exact"],
        "issued_at": ["date__gte", "date__lte"],
        "revoked_at": ["isnull"],
    }
    search_fields = ["number", "holder_name", "title", "school_name"]
    inspect_view_fields = [
        "number",
        "kind",
        "holder_name",
        "title",
        "held_on",
        "cpd_hours",
        "trainer",
        "school_name",
        "pupils_reached",
        "issuer",
        "issued_at",
        "issued_by",
        "revoked_at",
        "revoked_by",
        "revoked_reason",
    ]


certificate_viewset = CertificateViewSet("certificate")


def register_hooks(hooks):
    @hooks.register("register_admin_viewset")
    def register_certificate_viewset():
        return certificate_viewset

    @hooks.register("register_log_actions")
    def register_certificate_actions(actions):
        actions.register_action(
            "training.certificate.issued", "Issue certificate", "Certificate issued"
        )
        actions.register_action(
            "training.certificate.reissued", "Re-issue certificate", "Certificate re-issued"
        )
        actions.register_action(
            "training.certificate.revoked", "Revoke certificate", "Certificate revoked"
        )
        actions.register_action(
            "training.certificate.batch_started",
            "Issue event certificates",
            "Certificates for the event started in the background",
        )
