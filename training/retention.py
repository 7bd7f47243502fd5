"""Retention of pupil answers, staff comments and certificate bundles (run by manage.py purge_expired_data)."""

import logging

from django.db import transaction

from portal.retention import cutoff

from .models import CertificateBatch, PupilResponse, TeacherFeedback
from .services.feedback import CODE_LIFETIME

logger = logging.getLogger("portal.retention")


def purge_pupil_free_text(now):
    """Empty pupils' free-text answers older than the period.

    The ratings and "knows who to talk to" stay, so every report still counts
    them. A flagged answer nobody has followed up yet is kept until someone
    does: removing a possible disclosure unread would be the worse harm.
    """
    expired = (
        PupilResponse.objects.filter(created_at__lt=cutoff("pupil_free_text", now))
        .exclude(do_differently="")
        .exclude(flagged=True, followed_up_at__isnull=True)
    )
    return expired.update(do_differently="")


def purge_staff_comments(now):
    """Empty staff's comments on visits and events older than the period: a comment
    can name a pupil or a colleague. Ratings and "would recommend" stay, so the
    reports and each delivery's totals are unchanged."""
    return (
        TeacherFeedback.objects.filter(created_at__lt=cutoff("staff_comments", now))
        .exclude(comments="")
        .update(comments="")
    )


def purge_pupil_pairing_hashes(now):
    """Empty the pairing hash of "before" answers whose "after" can no longer come:
    once the delivery's code has stopped working the hash has no use."""
    return (
        PupilResponse.objects.exclude(pairing_hash="")
        .filter(delivery__end__lt=now - CODE_LIFETIME)
        .update(pairing_hash="")
    )


def purge_certificate_zips(now):
    """Delete a whole event's certificate ZIP and its problem list (names of the
    people whose certificate failed) once the period has passed; each certificate
    and its PDF stay, and the batch still shows how many were issued."""
    expired = CertificateBatch.objects.filter(
        finished_at__lt=cutoff("certificate_zips", now)
    ).exclude(zip_file="", errors=[])
    files = []
    with transaction.atomic():
        batches = list(expired.select_for_update())
        for batch in batches:
            if batch.zip_file:
                files.append((batch.zip_file.storage, batch.zip_file.name))
            batch.zip_file = ""
            batch.errors = []
            batch.save(update_fields=["zip_file", "errors"])
    # Files go once the rows no longer point at them.
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("retention could not delete a certificate ZIP batch_file=%r", name)
    return len(batches)
