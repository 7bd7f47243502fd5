"""Asking for a session, and what schools and coordinators then do with the request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from cms.models import SessionPage
from portal.errors import add_to_form
from portal.forms import is_plausible_id, posted

from .. import permissions, services
from ..forms.bookings import BookingForm, ReasonForm, ScheduleForm
from ..models import Booking, DateProposal, Delivery, DeliveryAssignment, MoveRequest
from ..roles import approved_schools


def _coordinator_required(request):
    if not permissions.can_schedule(request.user):
        raise PermissionDenied


def _bookable_session(value):
    """The live session a booking link names, or a 404 for anything that is not one."""
    try:
        pk = int(value)
    except ValueError:
        raise Http404("No such session") from None
    if not is_plausible_id(pk):
        raise Http404("No such session")
    return get_object_or_404(SessionPage.objects.live(), pk=pk)


@login_required
def booking_new(request):
    session = _bookable_session(request.GET.get("session", ""))
    schools = approved_schools(request.user)
    if not schools.exists():
        return render(request, "schools/booking_not_member.html", {"session": session}, status=403)
    if not session.bookable:
        return render(request, "schools/booking_closed.html", {"session": session})
    form = BookingForm(posted(request), session=session, schools=schools)
    booking = submitted_request(
        request,
        form,
        lambda details: services.request_booking(
            user=request.user, school=form.cleaned_data["school"], session=session, details=details
        ),
    )
    if booking is not None:
        messages.success(
            request,
            f"Request sent. Your reference is {booking.reference}. We have emailed you a copy.",
        )
        return redirect("schools:booking_detail", reference=booking.reference)
    return render(request, "schools/booking_form.html", {"form": form, "session": session})


def submitted_request(request, form, save):
    """What `save(details)` returns once the booking form is posted and valid; None
    when it is not, or when the service refuses (its message then on the form). The
    request form and the edit form share it."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(services.RequestDetails.from_form(form.cleaned_data))
    except services.BookingError as error:
        add_to_form(form, error)
        return None


def _visible_booking(request, reference):
    booking = get_object_or_404(
        Booking.objects.select_related("school", "session", "requested_by", "status_changed_by"),
        reference=reference,
    )
    if not permissions.can_view_booking(request.user, booking):
        raise Http404("No such booking")  # Never confirm another school's references exist.
    return booking


@login_required
def booking_detail(request, reference):
    booking = _visible_booking(request, reference)
    delivery = Delivery.objects.filter(booking=booking).first()
    presenters = []
    if delivery:
        presenters = delivery.presenters.select_related("presenter_profile__organisation").order_by(
            "last_name"
        )
    can_cancel = permissions.can_cancel_booking(request.user, booking) and booking.can_cancel(
        timezone.now()
    )
    return render(
        request,
        "schools/booking_detail.html",
        {
            "booking": booking,
            "delivery": delivery,
            "presenters": presenters,
            "options": booking.options.all(),
            "can_cancel": can_cancel,
            "can_schedule": permissions.can_schedule_booking(request.user, booking),
            **_change_context(request.user, booking, delivery),
        },
    )


def _change_context(user, booking, delivery):
    """What may change on the booking page, and what waits for an answer."""
    can_change = permissions.can_change_visit(user, booking)
    return {
        "proposal": booking.proposals.filter(status=DateProposal.Status.PENDING)
        .prefetch_related("presenters")
        .first(),
        "move": booking.move_requests.filter(resolved_at=None).last(),
        "can_edit": permissions.can_edit_request(user, booking),
        "can_answer": permissions.can_answer_proposal(user, booking),
        "can_request_move": permissions.can_request_move(user, booking),
        "can_change": can_change,
        "assignments": (
            delivery.assignments.select_related("presenter").order_by("pk") if can_change else []
        ),
    }


@login_required
def booking_cancel(request, reference):
    booking = _visible_booking(request, reference)
    if not permissions.can_cancel_booking(request.user, booking):
        raise PermissionDenied
    return _change_with_reason(
        request,
        booking,
        action="cancel",
        change=services.cancel_booking,
        message=f"Booking {booking.reference} cancelled. Everyone has been told.",
        next_url=reverse("schools:booking_detail", kwargs={"reference": booking.reference}),
    )


@login_required
def booking_decline(request, reference):
    _coordinator_required(request)
    booking = _visible_booking(request, reference)
    return _change_with_reason(
        request,
        booking,
        action="decline",
        change=services.decline_booking,
        message=f"Request {booking.reference} declined. The school has been told.",
        next_url=reverse("schools:booking_requests"),
    )


def _change_with_reason(request, booking, *, action, change, message, next_url):
    """The reason form of a cancel or a decline: on a valid reason, the service
    `change`, then `message` and `next_url`; a refusal goes on the form."""
    form = ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            change(booking, by=request.user, reason=form.cleaned_data["reason"])
        except services.BookingError as error:
            add_to_form(form, error)
        else:
            messages.success(request, message)
            return redirect(next_url)
    return render(
        request,
        "schools/booking_reason.html",
        {"booking": booking, "form": form, "action": action},
    )


def _slots(booking):
    slots = []
    qualified = services.qualified_presenters(booking.session)
    for option in booking.options.all():
        start, end = services.slot_times(option, booking.session)
        closed = services.closure(option.date, booking.school)
        slots.append(
            {
                "option": option,
                "start": start,
                "end": end,
                "label": f"{start:%A %-d %B %Y}, {start:%-I:%M%p}".replace("AM", "am").replace(
                    "PM", "pm"
                ),
                "presenters": (
                    [] if closed else services.available_presenters(booking.session, start, end)
                ),
                "qualified": qualified,
                "closed": closed,
                "past": start <= timezone.now(),
            }
        )
    return slots


@login_required
def booking_schedule(request, reference):
    _coordinator_required(request)
    booking = _visible_booking(request, reference)
    if booking.status != Booking.Status.REQUESTED:
        messages.info(request, "This booking is no longer a new request.")
        return redirect("schools:booking_detail", reference=reference)
    slots = [s for s in _slots(booking) if not s["past"]]
    form = ScheduleForm(posted(request), slots=slots)
    if request.method == "POST" and form.is_valid():
        slot, presenter = form.cleaned_choice()
        try:
            services.schedule_delivery(
                booking,
                by=request.user,
                presenters=[presenter],
                start=slot["start"],
                end=slot["end"],
                place=form.cleaned_data["place"],
            )
        except services.SchoolsError as error:
            # The service's field is the presenter, chosen here with the slot.
            add_to_form(form, error, field="slot" if error.field else None)
        else:
            messages.success(
                request,
                f"{booking.reference} scheduled with {presenter.get_full_name()}. "
                "The school and presenter have been emailed.",
            )
            return redirect("schools:booking_requests")
    return render(
        request, "schools/booking_schedule.html", {"booking": booking, "slots": slots, "form": form}
    )


@login_required
def booking_requests(request):
    _coordinator_required(request)
    requests = (
        Booking.objects.filter(status=Booking.Status.REQUESTED)
        .select_related("school__district", "session")
        .prefetch_related("options", "proposals")
        .order_by("created_at")
    )
    cover = (
        DeliveryAssignment.objects.filter(
            needs_cover=True, delivery__booking__status=Booking.Status.SCHEDULED
        )
        .select_related("presenter", "delivery__booking__school")
        .order_by("start")
    )
    moves = (
        MoveRequest.objects.filter(resolved_at=None, booking__status=Booking.Status.SCHEDULED)
        .select_related("booking__school", "booking__delivery")
        .order_by("created_at")
    )
    return render(
        request,
        "schools/booking_requests.html",
        {"bookings": requests, "needs_cover": cover, "moves": moves},
    )
