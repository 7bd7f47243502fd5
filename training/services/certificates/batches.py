"""Starting a background run of a whole event's certificates: one run at a time
per event (the event row is locked, and a database constraint holds it too);
the work itself is enqueued through training.tasks once the run is committed."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from training import permissions, tasks
from training.models import CertificateBatch, TrainingEvent
from training.services.errors import CertificateError

from .runs import attendees_to_certify

# A bulk run still unfinished after this long is taken to have stopped (a worker
# restarted mid-run) and no longer blocks a new run for its event.
STALE_BATCH_AFTER = timedelta(hours=2)


def start_event_certificates(
    event: TrainingEvent, *, by: User, email_holders: bool
) -> CertificateBatch:
    """Queue a background run for the event; refuses while another run is going."""
    if not permissions.can_manage_certificates(by):
        raise CertificateError("Only coordinators can issue certificates.", code="forbidden")
    with transaction.atomic():
        event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
        # A run whose worker died never finishes: after a while it stops blocking.
        event.certificate_batches.filter(
            status__in=CertificateBatch.ACTIVE,
            created_at__lt=timezone.now() - STALE_BATCH_AFTER,
        ).update(status=CertificateBatch.Status.FAILED, finished_at=timezone.now())
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
