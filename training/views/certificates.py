"""Certificate pages: public verification, holders' downloads, coordinators' tools.

Views are thin: permission, form, one service call, the domain error shown.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import ratelimit
from portal.codes import CERTIFICATE_CODE
from portal.errors import add_to_form
from portal.forms import posted
from schools.models import Delivery
from training import permissions
from training.forms.certificates import RevokeForm, StartBatchForm, VerifyForm
from training.models import Certificate, CertificateBatch, Registration, TrainingEvent
from training.services.certificates import batches, issuing, printing
from training.services.errors import CertificateError

# Guessing codes is slowed down: after this many unknown codes in the window a
# client is refused every look-up until the window ends.
VERIFY_MISSES_ALLOWED = 10
VERIFY_WINDOW_SECONDS = 15 * 60


def coordinator_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not permissions.can_manage_certificates(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# ---------------------------------------------------------------- public


def verify_form(request):
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("training:certificate_verify", code=form.cleaned_data["code"])
    return render(request, "training/certificates/verify_form.html", {"form": form})


@never_cache
def verify(request, code):
    if ratelimit.is_limited(request, "certificate-verify", VERIFY_MISSES_ALLOWED):
        response = render(request, "training/certificates/verify_slow_down.html", status=429)
        response["Retry-After"] = str(VERIFY_WINDOW_SECONDS)
        return response
    normalised = CERTIFICATE_CODE.normalise(code)
    if normalised != code and len(normalised) == CERTIFICATE_CODE.length:
        return redirect("training:certificate_verify", code=normalised)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    if certificate is None:
        ratelimit.count(request, "certificate-verify", VERIFY_WINDOW_SECONDS)
        return render(request, "training/certificates/verify_not_found.html", status=404)
    return render(request, "training/certificates/verify.html", {"certificate": certificate})


# ---------------------------------------------------------------- holders


@login_required
def download(request, number):
    certificate = get_object_or_404(
        permissions.certificates_visible_to(request.user), number=number
    )
    response = HttpResponse(printing.pdf_bytes(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.filename}"'
    return response


# ---------------------------------------------------------------- coordinators


@coordinator_required
def index(request):
    events = (
        TrainingEvent.objects.select_related("course")
        .annotate(
            attended=Count(
                "registrations",
                filter=Q(registrations__attendance=Registration.Attendance.ATTENDED),
                distinct=True,
            ),
            certified=Count(
                "registrations__certificate",
                filter=Q(registrations__certificate__revoked_at__isnull=True),
                distinct=True,
            ),
        )
        .filter(attended__gt=0)
        .order_by("-start")[:100]
    )
    deliveries = (
        Delivery.objects.filter(register__isnull=False)
        .select_related("booking__school", "booking__session", "register", "certificate")
        .order_by("-start")[:100]
    )
    return render(
        request,
        "training/certificates/index.html",
        {"events": events, "deliveries": deliveries},
    )


@coordinator_required
def event_certificates(request, event_id):
    event = get_object_or_404(TrainingEvent.objects.select_related("course"), pk=event_id)
    form = StartBatchForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            batch = batches.start_event_certificates(
                event, by=request.user, email_holders=form.cleaned_data["email_holders"]
            )
        except CertificateError as error:
            add_to_form(form, error)
        else:
            return redirect("training:certificate_batch", pk=batch.pk)
    registrations = (
        event.registrations.filter(attendance=Registration.Attendance.ATTENDED)
        .select_related("user", "school", "certificate")
        .order_by("user__last_name", "user__first_name")
    )
    return render(
        request,
        "training/certificates/event.html",
        {
            "event": event,
            "form": form,
            "registrations": registrations,
            "batch": event.certificate_batches.first(),
        },
    )


@never_cache
@coordinator_required
def batch_detail(request, pk):
    batch = get_object_or_404(
        CertificateBatch.objects.select_related("event__course", "cancelled_by"), pk=pk
    )
    context = {
        "batch": batch,
        "stalled": batch.is_stalled(),
        "last_progress": batch.progress_at or batch.created_at,
    }
    response = render(request, "training/certificates/batch.html", context)
    if batch.is_active:
        # Reloads itself while the work goes on, without JavaScript; the page
        # also has a link to check now.
        response["Refresh"] = "5"
    return response


@require_POST
@coordinator_required
def batch_cancel(request, pk):
    batch = get_object_or_404(CertificateBatch, pk=pk)
    try:
        batches.cancel_event_certificates(batch, by=request.user)
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The run is cancelled. Certificates already issued are kept.")
    return redirect("training:certificate_batch", pk=batch.pk)


@coordinator_required
def batch_zip(request, pk):
    batch = get_object_or_404(CertificateBatch, pk=pk)
    if not batch.zip_file:
        raise Http404("This run has no ZIP yet.")
    return FileResponse(
        batch.zip_file.open("rb"),
        as_attachment=True,
        filename=f"certificates-{batch.event.start:%Y-%m-%d}-event-{batch.event_id}.zip",
        content_type="application/zip",
    )


def _issue(request, issue, subject):
    """Issue `subject`'s certificate with `issue`, and say how it went."""
    try:
        certificate = issue(subject, by=request.user)
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"Certificate {certificate.number} issued to {certificate.holder_name}."
        )


@require_POST
@coordinator_required
def issue_one(request, registration_id):
    registration = get_object_or_404(Registration, pk=registration_id)
    _issue(request, issuing.issue_certificate, registration)
    return redirect("training:certificate_event", event_id=registration.event_id)


@require_POST
@coordinator_required
def issue_school(request, delivery_id):
    delivery = get_object_or_404(Delivery, pk=delivery_id)
    _issue(request, issuing.issue_participation_certificate, delivery)
    return redirect(reverse("training:certificates") + "#schools")


def _back_to(certificate):
    if certificate.registration_id:
        return redirect("training:certificate_event", event_id=certificate.registration.event_id)
    return redirect(reverse("training:certificates") + "#schools")


@require_POST
@coordinator_required
def reissue(request, number):
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration"), number=number
    )
    try:
        issuing.reissue_certificate(certificate, by=request.user)
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"Certificate {certificate.number} re-issued with the same number."
        )
    return _back_to(certificate)


@coordinator_required
def revoke(request, number):
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration"), number=number
    )
    form = RevokeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            issuing.revoke_certificate(
                certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except CertificateError as error:
            add_to_form(form, error)
        else:
            messages.success(request, f"Certificate {certificate.number} is revoked.")
            return _back_to(certificate)
    return render(
        request, "training/certificates/revoke.html", {"certificate": certificate, "form": form}
    )
