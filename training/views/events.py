"""Pages for registering for training and taking registers. Thin: permission, form,
one service call, the domain error shown on the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.errors import add_to_form
from portal.forms import posted
from schools.models import Booking
from training import permissions
from training.forms.events import AttendanceForm, DeliveryRegisterForm, RegistrationForm, WalkInForm
from training.models import DeliveryRegister, Registration, TrainingEvent
from training.services import events as services
from training.services.errors import TrainingError
from training.views.access import allowed_delivery

# Refusals that change what the event page shows rather than what the form needs.
PAGE_ERRORS = {"already_registered", "booking_closed", "event_cancelled"}


def _event(pk):
    return get_object_or_404(TrainingEvent.objects.select_related("course").with_counts(), pk=pk)


def event_detail(request, pk, form=None):
    event = _event(pk)
    user = request.user
    mine = None
    if user.is_authenticated:
        mine = Registration.objects.filter(event=event, user=user).active().first()
    can_register = (
        mine is None and event.is_open_for_booking() and permissions.can_book_training(user)
    )
    if can_register and form is None:
        form = RegistrationForm(user=user)
    can_take_register = permissions.can_take_event_register(user, event)
    context = {
        "event": event,
        "mine": mine,
        "position": mine.waiting_list_position() if mine else None,
        "form": form if can_register else None,
        "show_link": (mine and mine.status == Registration.Status.CONFIRMED) or can_take_register,
        "can_take_register": can_take_register,
        "can_message": permissions.can_message_event(user),
    }
    return render(
        request, "training/event_detail.html", context, status=400 if form and form.errors else 200
    )


@login_required
@require_POST
def event_register(request, pk):
    event = get_object_or_404(TrainingEvent, pk=pk)
    form = RegistrationForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            registration = services.register_for_event(
                event, request.user, form.cleaned_data["school"]
            )
        except TrainingError as error:
            if error.code not in PAGE_ERRORS:
                add_to_form(form, error)
            else:  # the page itself will no longer offer the form: say why at the top
                messages.error(request, error.message)
                return redirect("training:event_detail", pk=event.pk)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request, "Your place is confirmed. We have emailed you the details."
                )
            else:
                messages.success(
                    request,
                    "The event is full, so you are on the waiting list: number "
                    f"{registration.waiting_list_position()}. We will email you if a place comes up.",
                )
            return redirect("training:event_detail", pk=event.pk)
    return event_detail(request, pk, form=form)


@login_required
def registration_cancel(request, pk):
    registration = get_object_or_404(
        permissions.registrations_visible_to(request.user).select_related("event__course"), pk=pk
    )
    error = None
    if request.method == "POST":
        try:
            services.cancel_registration(registration, by=request.user)
        except TrainingError as exc:
            error = exc.message
        else:
            messages.success(request, "Your registration has been cancelled.")
            return redirect("training:event_detail", pk=registration.event_id)
    return render(
        request,
        "training/registration_cancel.html",
        {"registration": registration, "event": registration.event, "error": error},
        status=400 if error else 200,
    )


def _register_event(request, pk):
    event = _event(pk)
    if not permissions.can_take_event_register(request.user, event):
        raise PermissionDenied
    return event


def _attendance_context(event, form=None, walk_in_form=None):
    confirmed = (
        event.registrations.confirmed()
        .select_related("user", "school")
        .order_by("user__last_name", "user__first_name")
    )
    return {
        "event": event,
        "form": form or AttendanceForm(registrations=confirmed),
        "walk_in_form": walk_in_form or WalkInForm(),
        "register_open": event.register_open(),
        "places_left": event.places_left,
        "attended": sum(r.attendance == Registration.Attendance.ATTENDED for r in confirmed),
        "confirmed": len(confirmed),
    }


@login_required
def event_attendance(request, pk):
    event = _register_event(request, pk)
    form = None
    if request.method == "POST":
        confirmed = event.registrations.confirmed().select_related("user", "school")
        form = AttendanceForm(request.POST, registrations=confirmed)
        if form.is_valid():
            try:
                changed = services.mark_attendance(event, form.marks(), by=request.user)
            except TrainingError as error:
                add_to_form(form, error)
            else:
                messages.success(request, f"Register saved ({changed} changed).")
                return redirect("training:event_attendance", pk=event.pk)
    context = _attendance_context(event, form=form)
    return render(request, "training/event_attendance.html", context, status=400 if form else 200)


@login_required
@require_POST
def event_walk_in(request, pk):
    event = _register_event(request, pk)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            registration = services.add_walk_in(
                event, form.user, by=request.user, over_capacity=form.cleaned_data["over_capacity"]
            )
        except TrainingError as error:
            add_to_form(form, error, field=error.field or "email")
        else:
            name = form.user.get_full_name() or form.user.email
            confirmed = registration.event.registrations.confirmed().count()
            if confirmed > event.capacity:
                messages.warning(
                    request,
                    f"{name} added above capacity: {confirmed} people for {event.capacity} places.",
                )
            else:
                messages.success(request, f"{name} added.")
            return redirect("training:event_attendance", pk=event.pk)
    context = _attendance_context(event, walk_in_form=form)
    return render(request, "training/event_attendance.html", context, status=400)


@login_required
def delivery_register(request, pk):
    delivery = allowed_delivery(request.user, pk, permissions.can_record_delivery_register)
    register = DeliveryRegister.objects.filter(delivery=delivery).first()
    booking = delivery.booking
    recordable = booking.status == Booking.Status.SCHEDULED or (
        register is not None and booking.status == Booking.Status.DELIVERED
    )
    form = DeliveryRegisterForm(posted(request), delivery=delivery, register=register)
    if request.method == "POST" and recordable and form.is_valid():
        try:
            services.record_delivery_register(
                delivery,
                counts=form.counts(),
                staff_present=form.cleaned_data["staff_present"],
                parents_reached=form.parents_reached(),
                delivered_at=form.delivered_at(),
                by=request.user,
            )
        except TrainingError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                "Register corrected."
                if register
                else "Register saved. The booking is now delivered.",
            )
            return redirect("dashboard")
    return render(
        request,
        "training/delivery_register.html",
        {
            "delivery": delivery,
            "booking": booking,
            "register": register,
            "form": form,
            "recordable": recordable,
            "started": delivery.start <= timezone.now(),
        },
        status=400 if form.errors else 200,
    )
