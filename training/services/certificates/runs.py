"""The work of a background certificate run (training.tasks runs it): every
attendee's certificate, one at a time, each in its own transaction, so that one
failure is recorded and the others still succeed; then one ZIP of them all.

A run may be run again: after its worker died, the task worker takes the task
back once its lease has run out (portal.worker) and the run resumes where it
stopped. Each certificate, its email and the progress count are written in one
transaction, with the attendee's row locked, so a run done twice, or by two
workers at once, issues each certificate and queues each email once. A
coordinator may cancel a run; it stops before the next certificate.

This module never imports training.tasks: tasks import it (see training.tasks).
"""

from __future__ import annotations

import io
import logging
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from cms.models import PartnershipSettings
from training.models import Certificate, CertificateBatch, Registration, TrainingEvent
from training.services.errors import CertificateError

from .emailing import send_certificate
from .issuing import issue_certificate
from .printing import partnership_settings, pdf_bytes

logger = logging.getLogger(__name__)
RUNNING = CertificateBatch.Status.RUNNING


def attendees_to_certify(event: TrainingEvent) -> QuerySet[Registration]:
    """Attended registrations, except those whose certificate a coordinator revoked."""
    return (
        event.registrations.filter(attendance=Registration.Attendance.ATTENDED)
        .exclude(certificate__revoked_at__isnull=False)
        .select_related("user")
        .order_by("pk")
    )


def run_batch(batch_id: int) -> None:
    """The work of the background task, started or resumed: one certificate at a
    time, each in its own transaction, so one failure is recorded and the others
    still succeed. Does nothing for a run that finished, failed or was cancelled."""
    claimed = CertificateBatch.objects.filter(
        pk=batch_id, status__in=CertificateBatch.ACTIVE
    ).update(status=RUNNING, progress_at=timezone.now())
    if not claimed:
        return  # finished, failed or cancelled: never issue again
    batch = CertificateBatch.objects.select_related("event", "started_by").get(pk=batch_id)
    branding = partnership_settings()
    try:
        registrations = list(attendees_to_certify(batch.event))
        CertificateBatch.objects.filter(pk=batch.pk).update(total=len(registrations))
        failed = {error.get("registration") for error in batch.errors}
        for registration in registrations:
            if not CertificateBatch.objects.filter(pk=batch.pk, status=RUNNING).exists():
                return  # cancelled by a coordinator
            if registration.pk not in failed:
                _issue_one(batch, registration, branding)
        _write_zip(batch)
    except Exception as error:
        logger.exception("Certificate batch %s stopped", batch_id)
        _record_problem(batch, {"name": "Whole run", "message": str(error)})
        CertificateBatch.objects.filter(pk=batch.pk, status=RUNNING).update(
            status=CertificateBatch.Status.FAILED, finished_at=timezone.now()
        )
        raise
    CertificateBatch.objects.filter(pk=batch.pk, status=RUNNING).update(
        status=CertificateBatch.Status.FINISHED, finished_at=timezone.now()
    )


def _issue_one(
    batch: CertificateBatch, registration: Registration, branding: PartnershipSettings
) -> None:
    """Issue one attendee's certificate, queue its email and count it, all at once;
    skipped when this run already did (a resumed or doubled run)."""
    name = registration.user.get_full_name() or registration.user.email
    try:
        with transaction.atomic():
            Registration.objects.select_for_update().filter(pk=registration.pk).first()
            done_by_this_run = Certificate.objects.filter(
                registration=registration,
                revoked_at__isnull=True,
                issued_at__gte=batch.created_at,
            ).exists()
            if done_by_this_run:
                return
            certificate = issue_certificate(registration, by=batch.started_by, branding=branding)
            if batch.email_holders:
                send_certificate(certificate, key=f"certificate:{certificate.pk}:run:{batch.pk}")
            CertificateBatch.objects.filter(pk=batch.pk).update(
                done=F("done") + 1, progress_at=timezone.now()
            )
    except Exception as error:
        logger.exception("Certificate for registration %s failed", registration.pk)
        message = (
            error.message
            if isinstance(error, CertificateError)
            else str(error) or type(error).__name__
        )
        _record_problem(batch, {"name": name, "message": message, "registration": registration.pk})


def _record_problem(batch: CertificateBatch, problem: dict) -> None:
    with transaction.atomic():
        locked = CertificateBatch.objects.select_for_update().get(pk=batch.pk)
        locked.errors = [*locked.errors, problem]
        locked.progress_at = timezone.now()
        locked.save(update_fields=["errors", "progress_at"])


def _write_zip(batch: CertificateBatch) -> None:
    buffer = io.BytesIO()
    certificates = (
        Certificate.objects.valid().filter(registration__event=batch.event).order_by("number")
    )
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(certificate.filename, pdf_bytes(certificate))
    batch.zip_file.save(
        f"certificates-event-{batch.event_id}-{batch.pk}.zip",
        ContentFile(buffer.getvalue()),
        save=False,
    )
    CertificateBatch.objects.filter(pk=batch.pk).update(zip_file=batch.zip_file.name)
