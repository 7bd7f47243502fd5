"""Issuing, re-issuing and revoking certificates, one at a time or for a whole event.

Rules: only people marked as attended get a training certificate; only deliveries
with a register get a school participation certificate; a registration or a
delivery has at most one certificate (a database constraint, and the subject's
row is locked while issuing, so two coordinators clicking at once get one
certificate); re-issuing keeps the number and verification code and makes a
fresh PDF; a revoked certificate stays revoked until a coordinator re-issues it.
"""

import io
import logging
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import log

from portal import roles
from training.models import (
    Certificate,
    CertificateBatch,
    DeliveryRegister,
    Registration,
    TrainingEvent,
)
from training.pdf import render_pdf

logger = logging.getLogger(__name__)

# A bulk run still unfinished after this long is taken to have stopped (a worker
# restarted mid-run) and no longer blocks a new run for its event.
STALE_BATCH_AFTER = timedelta(hours=2)


class CertificateError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def can_manage_certificates(user):
    """Issuing, revoking and bulk runs are for partnership coordinators only."""
    return roles.is_coordinator(user)


def can_view_certificate(user, certificate):
    return Certificate.objects.visible_to(user).filter(pk=certificate.pk).exists()


# ---------------------------------------------------------------- printing


def partnership_settings():
    from wagtail.models import Site

    from cms.models import PartnershipSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return PartnershipSettings(
            partnership_name=PartnershipSettings._meta.get_field("partnership_name").default
        )
    return PartnershipSettings.for_site(site)


def _image_url(image):
    """The uploaded original (logo and signature are small, and printed, not shown on
    screen), fetched by the PDF's URL fetcher from the media storage."""
    if image is None or not image.file:
        return ""
    return image.file.url


def qr_svg(url):
    """A vector QR code (an inline SVG with a title, so the tagged PDF describes it)."""
    import segno

    # A fixed mask pattern (any of the eight is valid and scans) saves choosing the
    # "best" one by trying all eight, most of the time segno spends here.
    return segno.make(url, error="m", micro=False, mask=0).svg_inline(
        omitsize=True, border=0, dark="#0b0c0c", title="QR code linking to the verification page"
    )


def certificate_html(certificate, branding=None):
    from django.utils.safestring import mark_safe

    branding = branding or partnership_settings()
    verify_url = certificate.get_absolute_verify_url()
    return render_to_string(
        "training/certificates/pdf/certificate.html",
        {
            "certificate": certificate,
            "branding": branding,
            "logo_url": _image_url(branding.logo),
            "signature_url": _image_url(branding.signature),
            "verify_url": verify_url,
            "qr_svg": mark_safe(qr_svg(verify_url)),  # noqa: S308 (segno escapes the URL)
        },
    )


CERTIFICATE_CSS = "training/certificates/pdf/certificate.css"


def certificate_pdf(certificate, branding=None):
    return render_pdf(certificate_html(certificate, branding), stylesheets=[CERTIFICATE_CSS])


def store_pdf(certificate, branding=None):
    """Render and keep the PDF in the default storage (replacing an older one)."""
    content = certificate_pdf(certificate, branding)
    old_name = certificate.pdf.name
    certificate.pdf.save(certificate.filename, ContentFile(content), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    if old_name and old_name != certificate.pdf.name:
        storage = certificate.pdf.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return content


def pdf_bytes(certificate):
    """The stored PDF, made now if it was never rendered (demo data, lost files)."""
    if certificate.pdf:
        try:
            with certificate.pdf.open("rb") as f:
                return f.read()
        except FileNotFoundError:
            logger.warning("Stored PDF for %s is missing; making it again", certificate)
    return store_pdf(certificate)


# ---------------------------------------------------------------- snapshots


def _training_snapshot(registration, issuer):
    event = registration.event
    course = event.course
    trainers = ", ".join(
        t.get_full_name() or t.email for t in event.trainers.order_by("last_name", "first_name")
    )
    return {
        "kind": Certificate.Kind.TRAINING,
        "holder_name": registration.user.get_full_name() or registration.user.email,
        "title": course.title,
        "held_on": timezone.localtime(event.start).date(),
        "cpd_hours": course.cpd_hours,
        "trainer": trainers,
        "school_name": registration.school.name if registration.school else "",
        "pupils_reached": None,
        "issuer": issuer,
    }


def _school_snapshot(register, issuer):
    delivery = register.delivery
    school = delivery.booking.school
    presenters = ", ".join(
        p.get_full_name() or p.email for p in delivery.presenters.order_by("last_name")
    )
    return {
        "kind": Certificate.Kind.SCHOOL,
        "holder_name": school.name,
        "title": delivery.booking.session.title,
        "held_on": timezone.localtime(register.delivered_at).date(),
        "cpd_hours": None,
        "trainer": presenters,
        "school_name": school.name,
        "pupils_reached": register.pupils_reached,
        "issuer": issuer,
    }


def _save_certificate(subject_field, subject, snapshot, by):
    """Create or refresh the subject's certificate inside the caller's transaction."""
    now = timezone.now()
    certificate = Certificate.objects.filter(**{subject_field: subject}).first()
    created = certificate is None
    if created:
        certificate = Certificate(
            **{subject_field: subject}, issued_at=now, issued_by=by, **snapshot
        )
        certificate.save()
        certificate.number = f"CERT-{now.year}-{certificate.pk:06d}"
        certificate.save(update_fields=["number"])
    else:
        for field, value in snapshot.items():
            setattr(certificate, field, value)
        certificate.issued_at, certificate.issued_by = now, by
        certificate.revoked_at, certificate.revoked_by, certificate.revoked_reason = None, None, ""
        certificate.save(
            update_fields=[
                *snapshot,
                "issued_at",
                "issued_by",
                "revoked_at",
                "revoked_by",
                "revoked_reason",
            ]
        )
    action = "training.certificate.issued" if created else "training.certificate.reissued"
    log(instance=certificate, action=action, user=by)
    return certificate


# ---------------------------------------------------------------- one at a time


def issue_certificate(registration, *, by, branding=None):
    """Issue (or re-issue) the training certificate for one attendee.

    Returns the certificate with its PDF stored. Re-issuing keeps the number and
    code, takes a fresh copy of the names and dates, reinstates a revoked
    certificate and makes a new PDF.
    """
    with transaction.atomic():
        certificate = record_certificate(registration, by=by, branding=branding)
        store_pdf(certificate, branding)
    return certificate


def record_certificate(registration, *, by, branding=None):
    """issue_certificate without making the PDF now (it is made on first download)."""
    issuer = (branding or partnership_settings()).partnership_name
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("user", "school", "event__course")
            .get(pk=registration.pk)
        )
        if registration.attendance != Registration.Attendance.ATTENDED:
            raise CertificateError(
                "Only people marked as attended can get a certificate.", code="not_attended"
            )
        return _save_certificate(
            "registration", registration, _training_snapshot(registration, issuer), by
        )


def issue_participation_certificate(delivery, *, by, branding=None):
    """Issue (or re-issue) a school's certificate of taking part in a delivered session."""
    with transaction.atomic():
        certificate = record_participation_certificate(delivery, by=by, branding=branding)
        store_pdf(certificate, branding)
    return certificate


def record_participation_certificate(delivery, *, by, branding=None):
    """issue_participation_certificate without making the PDF now."""
    issuer = (branding or partnership_settings()).partnership_name
    with transaction.atomic():
        register = (
            DeliveryRegister.objects.select_for_update(of=("self",))
            .select_related("delivery__booking__school", "delivery__booking__session")
            .filter(delivery_id=delivery.pk)
            .first()
        )
        if register is None:
            raise CertificateError(
                "A certificate needs the session's register to be taken first.", code="no_register"
            )
        return _save_certificate(
            "delivery", register.delivery, _school_snapshot(register, issuer), by
        )


def revoke_certificate(certificate, *, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError("Give the reason for revoking the certificate.", code="no_reason")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked:
            raise CertificateError("This certificate is already revoked.", code="already_revoked")
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        certificate.revoked_reason = reason
        certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
        log(
            instance=certificate,
            action="training.certificate.revoked",
            user=by,
            data={"reason": reason},
        )
    return certificate


# ---------------------------------------------------------------- a whole event


def attendees_to_certify(event):
    """Attended registrations, except those whose certificate a coordinator revoked."""
    return (
        event.registrations.filter(attendance=Registration.Attendance.ATTENDED)
        .exclude(certificate__revoked_at__isnull=False)
        .select_related("user")
        .order_by("pk")
    )


def start_event_certificates(event, *, by, email_holders):
    """Queue a background run for the event; refuses while another run is going."""
    if not can_manage_certificates(by):
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

        from training.tasks import issue_event_certificates

        transaction.on_commit(lambda: issue_event_certificates.enqueue(batch.pk))
    return batch


def run_batch(batch_id):
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


def _issue_one(batch, registration, branding):
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


def _write_zip(batch):
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


def send_certificate(certificate):
    """Email a training certificate to its holder, the PDF attached."""
    user = certificate.registration.user
    message = EmailMessage(
        subject=f"Your certificate: {certificate.title}",
        body=render_to_string(
            "training/certificates/email/certificate.txt",
            {"certificate": certificate, "verify_url": certificate.get_absolute_verify_url()},
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach(certificate.filename, pdf_bytes(certificate), "application/pdf")
    message.send()
