"""The class-code poster: the same large code, QR code and one line of instructions
that the class-code page prints, as an A4 PDF a teacher can print or send on."""

import segno
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from schools.models import Delivery
from training.pdf import render_pdf

POSTER_CSS = "training/feedback/poster/poster.css"


def poster_pdf(
    *, code: str, entry_url: str, survey_url: str, delivery: Delivery, expires_at
) -> bytes:
    qr = segno.make(survey_url, error="m", micro=False).svg_inline(
        omitsize=True, border=0, dark="#0b0c0c", title=f"QR code for feedback code {code}"
    )
    html = render_to_string(
        "training/feedback/poster/poster.html",
        {
            "code": code,
            "entry_url": entry_url,
            "qr_svg": mark_safe(qr),  # noqa: S308 (segno escapes the address)
            "delivery": delivery,
            "expires_at": expires_at,
        },
    )
    return render_pdf(html, stylesheets=[POSTER_CSS])
