"""Booking requests and the changes of status that do not involve presenters."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from schools import tasks
from schools.models import Booking, BookingOption, ReferenceCounter, School

from .common import after_commit
from .errors import BookingError

MAX_OPTIONS = 3
# How far ahead a visit may be asked for: beyond it a date is a typing slip (and one
# near 9999-12-31 would overflow every date sum made for the visit afterwards).
BOOKING_HORIZON = timedelta(days=2 * 365)


def date_problem(session, day, *, today=None):
    """Why a preferred date cannot be offered, or None. Shared by the form and the service."""
    today = today or timezone.localdate()
    if day < today:
        return "The date must be in the future."
    if day.weekday() >= 5:
        return "Choose a weekday: schools are closed at weekends."
    earliest = today + timedelta(days=session.minimum_notice_days)
    if day < earliest:
        return (
            f"This session needs {session.minimum_notice_days} days' notice. "
            f"Choose {earliest:%-d %B %Y} or later."
        )
    if day > today + BOOKING_HORIZON:
        return "Choose a date within the next two years."
    return None


def next_reference(year):
    """BK-<year>-<5 digits>: the counter row is locked, so two requests never share one."""
    try:
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(year=year)
    except IntegrityError:
        pass  # Another request created this year's counter first.
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"BK-{year}-{counter.last:05d}"


def request_booking(
    *,
    user,
    school,
    session,
    year_groups,
    expected_pupils,
    options,
    access_needs="",
    notes="",
    today=None,
):
    """A school asks for a session. `options` is a list of (date, part_of_day), best first."""
    if not school.memberships.filter(user=user, status="approved").exists():
        raise BookingError("You can only book for a school you belong to.", code="not_member")
    if not session.live or not session.bookable:
        raise BookingError("This session cannot be booked at the moment.", code="not_bookable")
    allowed = {number for number, _ in session.year_groups}
    if not year_groups or not set(year_groups) <= allowed:
        raise BookingError(
            "Choose year groups this session is for.", code="bad_year_groups", field="year_groups"
        )
    if expected_pupils < 1 or expected_pupils > session.max_audience:
        raise BookingError(
            f"This session is for up to {session.max_audience} pupils at a time.",
            code="too_many_pupils",
            field="expected_pupils",
        )
    if not options:
        raise BookingError("Give at least one preferred date.", code="no_options")
    if len(options) > MAX_OPTIONS:
        raise BookingError("Give no more than three preferred dates.", code="too_many_options")
    if len({(d, p) for d, p in options}) != len(options):
        raise BookingError("Each preferred date must be different.", code="duplicate_options")
    for day, _part in options:
        problem = date_problem(session, day, today=today)
        if problem:
            raise BookingError(problem, code="bad_date")

    with transaction.atomic():
        _lock_school(school)
        if _has_open_request(school, session):
            raise _already_requested(session)
        year = (today or timezone.localdate()).year
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    reference=next_reference(year),
                    school=school,
                    session=session,
                    requested_by=user,
                    year_groups=sorted(set(year_groups)),
                    expected_pupils=expected_pupils,
                    access_needs=access_needs,
                    notes=notes,
                    status=Booking.Status.REQUESTED,
                    status_changed_by=user,
                    status_changed_at=timezone.now(),
                )
        except IntegrityError as error:
            # The partial unique constraint: the database's last word on open requests.
            raise _already_requested(session) from error
        BookingOption.objects.bulk_create(
            BookingOption(booking=booking, position=i, date=d, part_of_day=p)
            for i, (d, p) in enumerate(options, start=1)
        )
        log(instance=booking, action="schools.booking.requested", user=user)
        after_commit(tasks.send_booking_email.enqueue, booking.pk, "requested")
        after_commit(tasks.send_new_request_email.enqueue, booking.pk)
    return booking


def _lock_school(school):
    """One request at a time per school, so two identical submissions cannot both pass."""
    School.objects.select_for_update().get(pk=school.pk)


def _has_open_request(school, session):
    return Booking.objects.open().filter(school=school, session=session).exists()


def _already_requested(session):
    return BookingError(
        f"Your school already has an open request for “{session.title}”. "
        "You can see it on your dashboard.",
        code="already_requested",
    )


def _lock_booking(booking):
    return (
        Booking.objects.select_for_update().select_related("session", "school").get(pk=booking.pk)
    )


def _change_status(booking, status, *, by, reason=""):
    booking.status = status
    booking.status_reason = reason
    booking.status_changed_by = by
    booking.status_changed_at = timezone.now()
    booking.save(
        update_fields=[
            "status",
            "status_reason",
            "status_changed_by",
            "status_changed_at",
            "updated_at",
        ]
    )


def decline_booking(booking, *, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(
            "Tell the school why the request is declined.", code="no_reason", field="reason"
        )
    with transaction.atomic():
        booking = _lock_booking(booking)
        if not booking.can_become(Booking.Status.DECLINED):
            raise BookingError("Only new requests can be declined.", code="not_declinable")
        _change_status(booking, Booking.Status.DECLINED, by=by, reason=reason)
        log(instance=booking, action="schools.booking.declined", user=by, data={"reason": reason})
        after_commit(tasks.send_booking_email.enqueue, booking.pk, "declined")
    return booking


def cancel_booking(booking, *, by, reason, now=None):
    """School staff before the visit, or a coordinator; the presenters are freed."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise BookingError("Say why the booking is cancelled.", code="no_reason", field="reason")
    with transaction.atomic():
        booking = _lock_booking(booking)
        if not booking.can_cancel(now):
            raise BookingError("This booking can no longer be cancelled.", code="not_cancellable")
        presenter_ids = []
        if hasattr(booking, "delivery"):
            assignments = booking.delivery.assignments.all()
            presenter_ids = list(assignments.values_list("presenter_id", flat=True))
            assignments.delete()
        _change_status(booking, Booking.Status.CANCELLED, by=by, reason=reason)
        log(
            instance=booking,
            action="schools.booking.cancelled",
            user=by,
            data={"reason": reason, "presenters": presenter_ids},
        )
        after_commit(tasks.send_booking_email.enqueue, booking.pk, "cancelled", presenter_ids)
    return booking


def mark_delivered(booking, *, by, now=None):
    """Called when the register is taken: the visit has happened."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking)
        if not booking.can_become(Booking.Status.DELIVERED):
            raise BookingError(
                "Only a scheduled booking can be marked as delivered.", code="not_scheduled"
            )
        if booking.delivery.start > now:
            raise BookingError("The visit has not started yet.", code="not_started")
        _change_status(booking, Booking.Status.DELIVERED, by=by)
        log(instance=booking, action="schools.booking.delivered", user=by)
        after_commit(tasks.send_booking_email.enqueue, booking.pk, "delivered")
    return booking
