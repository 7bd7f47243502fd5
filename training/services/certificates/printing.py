"""A certificate as a PDF: its HTML (branded from the partnership's settings, with
a QR code to the verification page), the PDF WeasyPrint makes of it (training.pdf),
and the copy kept in the default storage."""

from __future__ import annotations

import logging

import segno
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.images.models import AbstractImage
from wagtail.models import Site

from cms.models import PartnershipSettings
from training.models import Certificate
from training.pdf import render_pdf

logger = logging.getLogger(__name__)

CERTIFICATE_CSS = "training/certificates/pdf/certificate.css"


def partnership_settings() -> PartnershipSettings:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return PartnershipSettings(
            partnership_name=PartnershipSettings._meta.get_field("partnership_name").default
        )
    return PartnershipSettings.for_site(site)


def _image_url(image: AbstractImage | None) -> str:
    """The uploaded original (logo and signature are small, and printed, not shown on
    screen), fetched by the PDF's URL fetcher from the media storage."""
    if image is None or not image.file:
        return ""
    return image.file.url


def qr_svg(url: str) -> str:
    """A vector QR code (an inline SVG with a title, so the tagged PDF describes it)."""
    # A fixed mask pattern (any of the eight is valid and scans) saves choosing the
    # "best" one by trying all eight, most of the time segno spends here.
    return segno.make(url, error="m", micro=False, mask=0).svg_inline(
        omitsize=True, border=0, dark="#0b0c0c", title="QR code linking to the verification page"
    )


def certificate_html(certificate: Certificate, branding: PartnershipSettings | None = None) -> str:
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


def certificate_pdf(certificate: Certificate, branding: PartnershipSettings | None = None) -> bytes:
    return render_pdf(certificate_html(certificate, branding), stylesheets=[CERTIFICATE_CSS])


def store_pdf(certificate: Certificate, branding: PartnershipSettings | None = None) -> bytes:
    """Render and keep the PDF in the default storage (replacing an older one)."""
    content = certificate_pdf(certificate, branding)
    old_name = certificate.pdf.name
    certificate.pdf.save(certificate.filename, ContentFile(content), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    if old_name and old_name != certificate.pdf.name:
        storage = certificate.pdf.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return content


def pdf_bytes(certificate: Certificate) -> bytes:
    """The stored PDF, made now if it was never rendered (demo data, lost files)."""
    if certificate.pdf:
        try:
            with certificate.pdf.open("rb") as f:
                return f.read()
        except FileNotFoundError:
            logger.warning("Stored PDF for %s is missing; making it again", certificate)
    return store_pdf(certificate)
