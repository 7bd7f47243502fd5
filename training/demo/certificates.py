"""Demo certificates: one for every attended registration and every recorded
delivery that has none yet. PDFs are made on first download, so seeding stays fast."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from portal import roles
from schools.models import Delivery
from training.models import Registration
from training.services.certificates import issuing, printing


def seed_certificates():
    branding = printing.partnership_settings()
    if branding.pk and not branding.signatory_name:
        branding.signatory_name = "Priya Shah"
        branding.signatory_role = "Partnership business manager"
        branding.save(update_fields=["signatory_name", "signatory_role"])
    by = (
        get_user_model()
        .objects.filter(Q(groups__name=roles.COORDINATORS) | Q(is_superuser=True))
        .order_by("-groups__name", "pk")
        .first()
    )
    registrations = Registration.objects.filter(
        attendance=Registration.Attendance.ATTENDED, certificate__isnull=True
    )
    made = 0
    for registration in registrations.select_related("event__course", "user", "school"):
        issuing.record_certificate(registration, by=by, branding=branding)
        made += 1
    deliveries = Delivery.objects.filter(register__isnull=False, certificate__isnull=True)
    for delivery in deliveries:
        issuing.record_participation_certificate(delivery, by=by, branding=branding)
        made += 1
    return f"{made} certificates" if made else ""
