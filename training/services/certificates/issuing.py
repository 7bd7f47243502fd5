"""Issuing, re-issuing and revoking one certificate.

Issuing locks the subject's row (the registration, or the delivery's register),
so two coordinators clicking at once get one certificate. What is printed is
copied onto the certificate when it is issued (a snapshot); re-issuing keeps the
number and code, takes a fresh copy, reinstates a revoked certificate and makes
a new PDF.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone
from wagtail.log_actions import log

from cms.models import PartnershipSettings
from portal.models import User
from schools.models import Delivery
from training.models import Certificate, DeliveryRegister, Registration
from training.services.errors import CertificateError

from .printing import partnership_settings, store_pdf


def _training_snapshot(registration: Registration, issuer: str) -> dict:
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


def _school_snapshot(register: DeliveryRegister, issuer: str) -> dict:
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
        # A session for staff or parents reached no pupils: the certificate says none.
        "pupils_reached": register.pupils_reached
        if delivery.booking.session.has_pupil_audience
        else None,
        "issuer": issuer,
    }


def _save_certificate(
    subject_field: str, subject: models.Model, snapshot: dict, by: User | None
) -> Certificate:
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


def issue_certificate(
    registration: Registration, *, by: User | None, branding: PartnershipSettings | None = None
) -> Certificate:
    """Issue (or re-issue) the training certificate for one attendee.

    Returns the certificate with its PDF stored. Re-issuing keeps the number and
    code, takes a fresh copy of the names and dates, reinstates a revoked
    certificate and makes a new PDF.
    """
    with transaction.atomic():
        certificate = record_certificate(registration, by=by, branding=branding)
        store_pdf(certificate, branding)
    return certificate


def record_certificate(
    registration: Registration, *, by: User | None, branding: PartnershipSettings | None = None
) -> Certificate:
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


def issue_participation_certificate(
    delivery: Delivery, *, by: User | None, branding: PartnershipSettings | None = None
) -> Certificate:
    """Issue (or re-issue) a school's certificate of taking part in a delivered session."""
    with transaction.atomic():
        certificate = record_participation_certificate(delivery, by=by, branding=branding)
        store_pdf(certificate, branding)
    return certificate


def record_participation_certificate(
    delivery: Delivery, *, by: User | None, branding: PartnershipSettings | None = None
) -> Certificate:
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


def reissue_certificate(certificate: Certificate, *, by: User) -> Certificate:
    """Issue a certificate again for its own subject: same number, fresh copy and PDF."""
    if certificate.registration_id:
        return issue_certificate(certificate.registration, by=by)
    return issue_participation_certificate(certificate.delivery, by=by)


def revoke_certificate(certificate: Certificate, *, by: User, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(
            "Give the reason for revoking the certificate.", code="no_reason", field="reason"
        )
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
