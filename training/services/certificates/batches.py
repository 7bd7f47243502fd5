"""Starting and cancelling a background run of a whole event's certificates: one
run at a time per event (the event row is locked, and a database constraint holds
it too); the work itself is enqueued through training.tasks once the run is
committed. A run whose worker died is resumed by another worker once the task's
lease runs out (training.services.certificates.runs); until then its page says it
is stalled, and a coordinator may cancel it and start again."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from training import permissions, tasks
from training.models import CertificateBatch, TrainingEvent
from training.services.errors import CertificateError

from .runs import attendees_to_certify


def start_event_certificates(
    event: TrainingEvent, *, by: User, email_holders: bool
) -> CertificateBatch:
    """Queue a background run for the event; refuses while another run is going."""
    if not permissions.can_manage_certificates(by):
        raise CertificateError("Only coordinators can issue certificates.", code="forbidden")
    with transaction.atomic():
        event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
        if event.certificate_batches.filter(status__in=CertificateBatch.ACTIVE).exists():
            raise CertificateError(
                "Certificates for this event are already being made.", code="batch_running"
            )
        total = attendees_to_certify(event).count()
        if total == 0:
            raise CertificateError(
                "Nobody is marked as attended at this event yet.", code="no_attendees"
            )
        try:
            with transaction.atomic():
                batch = CertificateBatch.objects.create(
                    event=event, started_by=by, email_holders=email_holders, total=total
                )
        except IntegrityError as error:
            raise CertificateError(
                "Certificates for this event are already being made.", code="batch_running"
            ) from error
        log(instance=event, action="training.certificate.batch_started", user=by)
        transaction.on_commit(lambda: tasks.issue_event_certificates.enqueue(batch.pk))
    return batch


def cancel_event_certificates(batch: CertificateBatch, *, by: User) -> CertificateBatch:
    """Stop a run before its next certificate. Certificates already issued stay."""
    if not permissions.can_manage_certificates(by):
        raise CertificateError("Only coordinators can issue certificates.", code="forbidden")
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update().get(pk=batch.pk)
        if not batch.is_active:
            raise CertificateError("This run has already stopped.", code="batch_not_running")
        batch.status = CertificateBatch.Status.CANCELLED
        batch.cancelled_by = by
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "cancelled_by", "finished_at"])
        log(instance=batch.event, action="training.certificate.batch_cancelled", user=by)
    return batch
