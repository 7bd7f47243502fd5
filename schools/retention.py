"""Retention of school memberships (run by manage.py purge_expired_data)."""

from django.db import transaction
from django.db.models.functions import Coalesce

from portal.retention import cutoff, relabel_log_entries

from .models import SchoolMembership
from .services.imports import purge_abandoned_imports

__all__ = ["purge_abandoned_imports", "purge_closed_memberships"]

CLOSED = (SchoolMembership.Status.REJECTED, SchoolMembership.Status.LEFT)


def purge_closed_memberships(now):
    """Delete memberships rejected or ended longer ago than the period.

    Nothing a report counts hangs on a membership (bookings, registers and
    feedback name the school directly), so the row goes; its audit entries stay,
    relabelled so they no longer carry the person's name.
    """
    expired = (
        SchoolMembership.objects.filter(status__in=CLOSED)
        .alias(closed_at=Coalesce("decided_at", "created_at"))
        .filter(closed_at__lt=cutoff("closed_memberships", now))
    )
    with transaction.atomic():
        pks = list(expired.select_for_update().values_list("pk", flat=True))
        if not pks:
            return 0
        relabel_log_entries(SchoolMembership, pks, "School membership (removed)")
        _, deleted = SchoolMembership.objects.filter(pk__in=pks, status__in=CLOSED).delete()
    return deleted.get(SchoolMembership._meta.label, 0)
