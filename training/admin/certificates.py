"""Certificates in the Wagtail admin: a read-only, filterable list for coordinators.

Issuing and revoking happen on the portal's certificate pages (which run the
services with their rules); the admin is for finding a certificate.
"""

from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from training.admin.policies import CoordinatorPolicy
from training.models import Certificate

# Coordinators (and superusers) may look; nobody edits through the admin.
CERTIFICATE_POLICY = CoordinatorPolicy(Certificate, ["view"])


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


CERTIFICATE_LOG_ACTIONS = [
    ("training.certificate.issued", "Issue certificate", "Certificate issued"),
    ("training.certificate.reissued", "Re-issue certificate", "Certificate re-issued"),
    ("training.certificate.revoked", "Revoke certificate", "Certificate revoked"),
    (
        "training.certificate.batch_started",
        "Issue event certificates",
        "Certificates for the event started in the background",
    ),
    (
        "training.certificate.batch_cancelled",
        "Cancel event certificates",
        "Certificates for the event cancelled before the run finished",
    ),
]
