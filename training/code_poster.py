"""The class-code poster: the same large code, QR code and one line of instructions
that the class-code page prints, as an A4 PDF a teacher can print or send on.

Only presenters of the delivery and coordinators may have it (the same rule as
the code screen), and only while the code works.
"""

import segno
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from schools.models import Delivery
from training.pdf import render_pdf
from training.services import feedback as services
from training.views_feedback import can_show_code

POSTER_CSS = "training/feedback/poster/poster.css"


def poster_html(*, code, entry_url, survey_url, delivery, expires_at):
    qr = segno.make(survey_url, error="m", micro=False).svg_inline(
        omitsize=True, border=0, dark="#0b0c0c", title=f"QR code for feedback code {code}"
    )
    return render_to_string(
        "training/feedback/poster/poster.html",
        {
            "code": code,
            "entry_url": entry_url,
            "qr_svg": mark_safe(qr),  # noqa: S308 (segno escapes the address)
            "delivery": delivery,
            "expires_at": expires_at,
        },
    )


@login_required
def code_poster(request, pk):
    delivery = get_object_or_404(
        Delivery.objects.select_related("booking__school", "booking__session"), pk=pk
    )
    if not can_show_code(request.user, delivery):
        raise PermissionDenied
    code = services.feedback_code_for(delivery)
    html = poster_html(
        code=code.code,
        entry_url=request.build_absolute_uri(reverse("training:feedback")),
        survey_url=request.build_absolute_uri(reverse("training:pupil_survey", args=[code.code])),
        delivery=delivery,
        expires_at=services.code_expires_at(delivery),
    )
    response = HttpResponse(
        render_pdf(html, stylesheets=[POSTER_CSS]), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="feedback-code-{code.code}.pdf"'
    return response
