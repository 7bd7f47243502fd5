"""Emailing a training certificate to its holder, the PDF attached."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from portal.tasks import queue_email
from training.models import Certificate

from .printing import pdf_bytes


def send_certificate(certificate: Certificate, *, key: str = "") -> None:
    """Queue a training certificate's email to its holder, the PDF attached; `key`
    makes it at most one email however often the caller runs (see queue_email)."""
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
    queue_email(message, key=key)
