"""The work of a background certificate run (training.tasks runs it): every
attendee's certificate, one at a time, each in its own transaction, so that one
failure is recorded and the others still succeed; then one ZIP of them all.

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


def attendees_to_certify(event: TrainingEvent) -> QuerySet[Registration]:
    """Attended registrations, except those whose certificate a coordinator revoked."""
    return (
        event.registrations.filter(attendance=Registration.Attendance.ATTENDED)
        .exclude(certificate__revoked_at__isnull=False)
        .select_related("user")
        .order_by("pk")
    )


def run_batch(batch_id: int) -> None:
    """The work of the background task: one certificate at a time, each in its own
    transaction, so one failure is recorded and the others still succeed."""
    claimed = CertificateBatch.objects.filter(
        pk=batch_id, status=CertificateBatch.Status.QUEUED
    ).update(status=CertificateBatch.Status.RUNNING)
    if not claimed:
        return  # already run (a retried task): never issue twice
    batch = CertificateBatch.objects.select_related("event", "started_by").get(pk=batch_id)
    branding = partnership_settings()
    try:
        registrations = list(attendees_to_certify(batch.event))
        CertificateBatch.objects.filter(pk=batch.pk).update(total=len(registrations))
        for registration in registrations:
            _issue_one(batch, registration, branding)
        _write_zip(batch)
    except Exception as error:
        logger.exception("Certificate batch %s stopped", batch_id)
        batch.refresh_from_db()
        batch.errors = [*batch.errors, {"name": "Whole run", "message": str(error)}]
        batch.status = CertificateBatch.Status.FAILED
        batch.finished_at = timezone.now()
        batch.save(update_fields=["errors", "status", "finished_at"])
        raise
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=CertificateBatch.Status.FINISHED, finished_at=timezone.now()
    )


def _issue_one(
    batch: CertificateBatch, registration: Registration, branding: PartnershipSettings
) -> None:
    name = registration.user.get_full_name() or registration.user.email
    try:
        certificate = issue_certificate(registration, by=batch.started_by, branding=branding)
    except Exception as error:
        logger.exception("Certificate for registration %s failed", registration.pk)
        message = (
            error.message
            if isinstance(error, CertificateError)
            else str(error) or type(error).__name__
        )
        with transaction.atomic():
            locked = CertificateBatch.objects.select_for_update().get(pk=batch.pk)
            locked.errors = [*locked.errors, {"name": name, "message": message}]
            locked.save(update_fields=["errors"])
        return
    CertificateBatch.objects.filter(pk=batch.pk).update(done=F("done") + 1)
    if batch.email_holders:
        send_certificate(certificate)


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
