"""Changing a booking: the school edits or withdraws a request, answers a proposed
date and asks to move a visit; a coordinator schedules or offers any open date,
moves a visit, finds cover for a presenter, and chooses how to hear of changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.errors import add_to_form
from portal.forms import posted

from .. import permissions, services
from ..forms.bookings import BookingForm
from ..forms.changes import (
    BookingEmailsForm,
    CoverForm,
    DeclineProposalForm,
    MoveForm,
    MoveRequestForm,
    ProposalForm,
)
from ..models import BookingEmailPreference, DateProposal, DeliveryAssignment, School
from .bookings import _visible_booking, submitted_request

PROPOSE = "propose"


def _allowed(allowed):
    if not allowed:
        raise PermissionDenied


def _to_booking(booking, message, request):
    messages.success(request, message)
    return redirect("schools:booking_detail", reference=booking.reference)


def _request_initial(booking):
    initial = {
        "year_groups": booking.year_groups,
        "expected_pupils": booking.expected_pupils,
        "access_needs": booking.access_needs,
        "notes": booking.notes,
    }
    for option in booking.options.all():
        initial[f"date_{option.position}"] = option.date
        initial[f"part_{option.position}"] = option.part_of_day
    return initial


@login_required
def booking_edit(request, reference):
    booking = _visible_booking(request, reference)
    _allowed(permissions.can_edit_request(request.user, booking))
    form = BookingForm(
        posted(request),
        session=booking.session,
        schools=School.objects.filter(pk=booking.school_id),
        initial={"school": booking.school_id, **_request_initial(booking)},
    )
    changed = submitted_request(
        request,
        form,
        lambda details: services.edit_request(booking, by=request.user, details=details),
    )
    if changed is not None:
        return _to_booking(booking, "Request changed. We have emailed you a copy.", request)
    return render(
        request,
        "schools/booking_form.html",
        {"form": form, "session": booking.session, "booking": booking},
    )


@login_required
@require_POST
def proposal_accept(request, reference):
    booking = _visible_booking(request, reference)
    _allowed(permissions.can_answer_proposal(request.user, booking))
    try:
        services.accept_proposal(booking, by=request.user)
    except services.SchoolsError as error:
        messages.error(request, error.message)
        return redirect("schools:booking_detail", reference=booking.reference)
    return _to_booking(
        booking, "Date accepted: the visit is booked. Everyone has been emailed.", request
    )


@login_required
def proposal_decline(request, reference):
    booking = _visible_booking(request, reference)
    _allowed(permissions.can_answer_proposal(request.user, booking))
    proposal = booking.proposals.filter(status=DateProposal.Status.PENDING).first()
    form = DeclineProposalForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_proposal(booking, by=request.user, reason=form.cleaned_data["reason"])
        except services.SchoolsError as error:
            add_to_form(form, error)
        else:
            return _to_booking(booking, "Date declined. A coordinator will offer another.", request)
    return render(
        request,
        "schools/proposal_decline.html",
        {"booking": booking, "proposal": proposal, "form": form},
    )


@login_required
def move_request(request, reference):
    booking = _visible_booking(request, reference)
    _allowed(permissions.can_request_move(request.user, booking))
    example = services.next_open_day(timezone.localdate(booking.delivery.start), booking.school)
    form = MoveRequestForm(posted(request), example=example)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_move(
                booking, by=request.user, reason=form.cleaned_data["reason"], dates=form.dates()
            )
        except services.SchoolsError as error:
            add_to_form(form, error, field=None if error.field else "date_1")
        else:
            return _to_booking(
                booking,
                "Request to move sent. The visit stays as it is until a coordinator moves it.",
                request,
            )
    return render(request, "schools/move_request.html", {"booking": booking, "form": form})


def _qualified(booking):
    return services.qualified_presenter_queryset(booking.session)


@login_required
def schedule_any(request, reference):
    """Any open date and time, with one or two presenters: schedule it, or offer it."""
    _allowed(permissions.can_schedule(request.user))  # before the booking is read
    booking = _visible_booking(request, reference)
    _allowed(permissions.can_schedule_booking(request.user, booking))
    form = ProposalForm(posted(request), qualified=_qualified(booking))
    proposing = request.POST.get("action") == PROPOSE
    if request.method == "POST" and form.is_valid():
        common = {"by": request.user, "presenters": form.presenters(), "start": form.start()}
        try:
            if proposing:
                services.propose_date(
                    booking,
                    **common,
                    place=form.cleaned_data["place"],
                    note=form.cleaned_data["note"],
                )
            else:
                services.schedule_delivery(booking, **common, place=form.cleaned_data["place"])
        except services.SchoolsError as error:
            add_to_form(form, error)
        else:
            return _to_booking(
                booking,
                "Date offered to the school. They have been emailed to accept or decline."
                if proposing
                else f"{booking.reference} scheduled. The school and presenters have been emailed.",
                request,
            )
    return render(
        request,
        "schools/schedule_any.html",
        {"booking": booking, "form": form, "options": booking.options.all()},
    )


@login_required
def visit_move(request, reference):
    _allowed(permissions.can_schedule(request.user))  # before the booking is read
    booking = _visible_booking(request, reference)
    _allowed(permissions.can_change_visit(request.user, booking))
    delivery = booking.delivery
    presenters = list(delivery.presenters.order_by("pk"))
    start = timezone.localtime(delivery.start)
    initial = {
        "date": start.date(),
        "start_time": start.time(),
        "presenter": presenters[0] if presenters else None,
        "second_presenter": presenters[1] if len(presenters) > 1 else None,
        "place": delivery.place,
    }
    form = MoveForm(posted(request), qualified=_qualified(booking), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_delivery(
                booking,
                by=request.user,
                presenters=form.presenters(),
                start=form.start(),
                place=form.cleaned_data["place"],
                reason=form.cleaned_data["reason"],
            )
        except services.SchoolsError as error:
            add_to_form(form, error)
        else:
            return _to_booking(
                booking,
                "Visit moved. The school and presenters have been emailed; their calendars update.",
                request,
            )
    move = booking.move_requests.filter(resolved_at=None).last()
    return render(
        request,
        "schools/visit_move.html",
        {"booking": booking, "delivery": delivery, "form": form, "move": move},
    )


@login_required
def visit_cover(request, reference, assignment):
    _allowed(permissions.can_schedule(request.user))  # before the booking is read
    booking = _visible_booking(request, reference)
    _allowed(permissions.can_change_visit(request.user, booking))
    assignment = get_object_or_404(
        DeliveryAssignment.objects.select_related("presenter", "delivery"),
        pk=assignment,
        delivery__booking=booking,
    )
    delivery = assignment.delivery
    free = services.available_presenters(booking.session, delivery.start, delivery.end)
    on_visit = set(delivery.assignments.values_list("presenter_id", flat=True))
    choices = _qualified(booking).filter(pk__in=[p.pk for p in free]).exclude(pk__in=on_visit)
    # A presenter taken since the page was shown is still accepted here: the service
    # then says who is busy, when and why.
    form = CoverForm(posted(request), presenters=_qualified(booking).exclude(pk__in=on_visit))
    if request.method == "POST" and form.is_valid():
        try:
            services.replace_presenter(
                assignment, by=request.user, presenter=form.cleaned_data["presenter"]
            )
        except services.SchoolsError as error:
            add_to_form(form, error)
        else:
            return _to_booking(
                booking,
                f"{form.cleaned_data['presenter'].get_full_name()} now delivers this visit. "
                "Everyone has been emailed.",
                request,
            )
    form.fields["presenter"].queryset = choices  # shown: only those free now
    return render(
        request,
        "schools/visit_cover.html",
        {"booking": booking, "assignment": assignment, "delivery": delivery, "form": form},
    )


@login_required
def booking_emails(request):
    _allowed(permissions.can_set_booking_emails(request.user))
    current = BookingEmailPreference.objects.filter(user=request.user).first()
    frequency = current.frequency if current else BookingEmailPreference.Frequency.IMMEDIATE
    form = BookingEmailsForm(posted(request), initial={"frequency": frequency})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_booking_emails(request.user, frequency=form.cleaned_data["frequency"])
        except services.SchoolsError as error:
            add_to_form(form, error)
        else:
            messages.success(request, "Your choice is saved.")
            return redirect("schools:booking_emails")
    return render(request, "schools/booking_emails.html", {"form": form})
