"""Thin views: permission, form, one service call, the rule's message on the form."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cms.models import SessionPage
from portal.forms import is_plausible_id, posted
from portal.roles import is_coordinator, is_presenter

from . import calendar, permissions, services
from .forms import (
    BookingForm,
    JoinForm,
    ReasonForm,
    ScheduleForm,
    SchoolSearchForm,
    UnavailabilityForm,
)
from .models import Booking, Delivery, PresenterProfile, School, SchoolMembership, Unavailability
from .roles import approved_schools

SEARCH_LIMIT = 20


def _coordinator_required(request):
    if not is_coordinator(request.user):
        raise PermissionDenied


def _presenter_required(request):
    if not is_presenter(request.user):
        raise PermissionDenied


# Joining a school ---------------------------------------------------------------


@login_required
def join(request):
    search = SchoolSearchForm(request.GET or None)
    results = School.objects.none()
    query = ""
    if search.is_valid() and search.cleaned_data["q"].strip():
        query = search.cleaned_data["q"].strip()
        condition = Q(name__icontains=query) | Q(postcode__iexact=query)
        compact = query.replace(" ", "")
        condition |= Q(postcode__istartswith=query)
        if compact.isdecimal():  # not isdigit(): int() refuses digits such as "²"
            condition |= Q(urn=int(compact))
        results = School.objects.filter(condition, is_open=True).select_related("district")[
            :SEARCH_LIMIT
        ]
    mine = request.user.school_memberships.select_related("school")
    return render(
        request,
        "schools/join.html",
        {"search": search, "results": results, "query": query, "memberships": mine},
    )


@login_required
def join_school(request, urn):
    school = get_object_or_404(School, urn=urn, is_open=True)
    form = JoinForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.request_membership(
                user=request.user, school=school, role=form.cleaned_data["role"]
            )
        except services.MembershipError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                f"You have asked to join {school.name}. We will email you when it has been checked.",
            )
            return redirect("dashboard")
    return render(request, "schools/join_school.html", {"school": school, "form": form})


@login_required
def membership_requests(request):
    """Pending requests this person may decide: all for coordinators, their school's for a DSL."""
    pending = (
        permissions.memberships_visible_to(request.user)
        .filter(status=SchoolMembership.Status.PENDING)
        .exclude(user=request.user)
        .select_related("user", "school")
    )
    pending = [m for m in pending if permissions.can_decide_membership(request.user, m)]
    if (
        not pending
        and not is_coordinator(request.user)
        and not any(
            permissions.is_approved_dsl(request.user, s) for s in approved_schools(request.user)
        )
    ):
        raise PermissionDenied
    return render(request, "schools/membership_requests.html", {"pending": pending})


@login_required
@require_POST
def decide_membership(request, pk):
    membership = get_object_or_404(SchoolMembership.objects.select_related("school", "user"), pk=pk)
    if not permissions.can_decide_membership(request.user, membership):
        raise PermissionDenied
    decisions = {"approve": services.approve_membership, "reject": services.reject_membership}
    decide = decisions.get(request.POST.get("decision"))
    if decide is None:  # never reject someone because a button's value went missing
        messages.error(request, "Choose approve or reject.")
        return redirect("schools:membership_requests")
    try:
        decide(membership, by=request.user)
    except services.MembershipError as error:
        messages.error(request, error.message)
    else:
        verb = "approved" if decide is services.approve_membership else "rejected"
        messages.success(
            request, f"{membership.user.get_full_name()} {verb} for {membership.school.name}."
        )
    return redirect("schools:membership_requests")


# Booking -------------------------------------------------------------------------


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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.request_booking(
                user=request.user,
                school=data["school"],
                session=session,
                year_groups=data["year_groups"],
                expected_pupils=data["expected_pupils"],
                options=data["options"],
                access_needs=data["access_needs"],
                notes=data["notes"],
            )
        except services.BookingError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                f"Request sent. Your reference is {booking.reference}. We have emailed you a copy.",
            )
            return redirect("schools:booking_detail", reference=booking.reference)
    return render(request, "schools/booking_form.html", {"form": form, "session": session})


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
            "can_schedule": is_coordinator(request.user)
            and booking.status == Booking.Status.REQUESTED,
        },
    )


@login_required
def booking_cancel(request, reference):
    booking = _visible_booking(request, reference)
    if not permissions.can_cancel_booking(request.user, booking):
        raise PermissionDenied
    form = ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_booking(booking, by=request.user, reason=form.cleaned_data["reason"])
        except services.BookingError as error:
            form.add_error("reason" if error.field else None, error.message)
        else:
            messages.success(
                request, f"Booking {booking.reference} cancelled. Everyone has been told."
            )
            return redirect("schools:booking_detail", reference=booking.reference)
    return render(
        request,
        "schools/booking_reason.html",
        {"booking": booking, "form": form, "action": "cancel"},
    )


@login_required
def booking_decline(request, reference):
    _coordinator_required(request)
    booking = _visible_booking(request, reference)
    form = ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_booking(booking, by=request.user, reason=form.cleaned_data["reason"])
        except services.BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, f"Request {booking.reference} declined. The school has been told."
            )
            return redirect("schools:booking_requests")
    return render(
        request,
        "schools/booking_reason.html",
        {"booking": booking, "form": form, "action": "decline"},
    )


def _slots(booking):
    slots = []
    for option in booking.options.all():
        start, end = services.slot_times(option, booking.session)
        slots.append(
            {
                "option": option,
                "start": start,
                "end": end,
                "label": f"{start:%A %-d %B %Y}, {start:%-I:%M%p}".replace("AM", "am").replace(
                    "PM", "pm"
                ),
                "presenters": services.available_presenters(booking.session, start, end),
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
            form.add_error("slot" if error.field else None, error.message)
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
        .prefetch_related("options")
        .order_by("created_at")
    )
    return render(request, "schools/booking_requests.html", {"bookings": requests})


# Presenters' time and calendars ---------------------------------------------------


@login_required
def unavailability(request):
    _presenter_required(request)
    form = UnavailabilityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start = datetime.combine(data["start"], time.min, tzinfo=services.LONDON)
        end = datetime.combine(data["end"], time.max, tzinfo=services.LONDON)
        services.record_unavailability(
            presenter=request.user, start=start, end=end, reason=data["reason"]
        )
        messages.success(request, "Saved. You will not be offered for visits then.")
        return redirect("schools:unavailability")
    entries = Unavailability.objects.filter(presenter=request.user, end__gte=timezone.now())
    return render(request, "schools/unavailability.html", {"form": form, "entries": entries})


@login_required
@require_POST
def unavailability_delete(request, pk):
    entry = get_object_or_404(Unavailability, pk=pk, presenter=request.user)
    services.delete_unavailability(entry, by=request.user)
    messages.success(request, "Removed.")
    return redirect("schools:unavailability")


@login_required
@require_POST
def calendar_reset(request):
    """A new secret feed address for a presenter, or for a school its staff manage."""
    urn = request.POST.get("school", "")
    if urn:
        try:
            school = get_object_or_404(School, urn=int(urn))
        except ValueError:
            raise Http404("No such school") from None
        if not permissions.is_approved_member(request.user, school):
            raise PermissionDenied
        services.reset_calendar_token(school, by=request.user)
    else:
        _presenter_required(request)
        profile, _ = PresenterProfile.objects.get_or_create(user=request.user)
        services.reset_calendar_token(profile, by=request.user)
    messages.success(request, "Calendar address changed. The old address no longer works.")
    return redirect("dashboard")


def calendar_feed(request, token):
    """The secret address is the only key: calendar programs cannot sign in."""
    profile = PresenterProfile.objects.filter(calendar_token=token).select_related("user").first()
    if profile:
        deliveries = Delivery.objects.filter(assignments__presenter=profile.user)
        name = f"School visits: {profile.user.get_full_name()}"
    else:
        school = School.objects.filter(calendar_token=token).first()
        if school is None:
            raise Http404("No such calendar")
        deliveries = Delivery.objects.filter(booking__school=school)
        name = f"Safeguarding visits: {school.name}"
    deliveries = (
        deliveries.filter(booking__status__in=[Booking.Status.SCHEDULED, Booking.Status.DELIVERED])
        .select_related("booking__school", "booking__session")
        .prefetch_related("presenters")
        .distinct()
    )
    response = HttpResponse(calendar.feed(name, deliveries), content_type="text/calendar")
    response["Cache-Control"] = "private, max-age=300"
    return response
