"""Moving a scheduled visit: the school asks (with a reason and open dates), the
coordinator moves it (any open date and time, one or two free presenters), and
everyone is told, the calendar invitation updating in place (same UID, SEQUENCE
raised)."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from schools import tasks
from schools.models import Booking, Delivery, MoveRequest, SchoolMembership

from ..closures import closure, next_open_day
from ..common import after_commit
from ..errors import BookingError, SchedulingError
from ..presenters import busy_error, busy_presenter_ids, lock_presenters
from .common import check_presenters, lock_booking, lock_school_open_on, visit_times
from .requests import BOOKING_HORIZON, MAX_OPTIONS
from .scheduling import assign


def _scheduled_not_started(booking: Booking, now: datetime) -> Delivery:
    delivery = getattr(booking, "delivery", None)
    if booking.status != Booking.Status.SCHEDULED or delivery is None or delivery.start <= now:
        raise BookingError(
            "Only a visit that is scheduled and has not started can be moved.",
            code="not_movable",
        )
    return delivery


def check_move_dates(booking: Booking, dates: list[date], today: date) -> None:
    """One to three different dates, each ahead and a day the school is open."""
    if not dates:
        raise BookingError("Give at least one date that would suit.", code="no_options")
    if len(dates) > MAX_OPTIONS or len(set(dates)) != len(dates):
        raise BookingError("Give up to three different dates.", code="duplicate_options")
    for day in dates:
        if day <= today or day > today + BOOKING_HORIZON:
            raise BookingError(
                "Each date must be after today and within two years.", code="bad_date"
            )
        reason = closure(day, booking.school)
        if reason:
            raise BookingError(
                f"The school is closed on {day:%A %-d %B %Y} ({reason}). "
                f"The next open day is {next_open_day(day, booking.school):%A %-d %B %Y}.",
                code="closed_day",
            )


def request_move(booking: Booking, *, by: User, reason: str, dates: list[date]) -> MoveRequest:
    """A school's request to move its visit. The visit stays as it is until a
    coordinator moves or cancels it; a newer request replaces a waiting one."""
    reason = (reason or "").strip()
    if not booking.school.memberships.filter(
        user=by, status=SchoolMembership.Status.APPROVED
    ).exists():
        raise BookingError(
            "Only your school's staff can ask to move this visit.", code="not_member"
        )
    if not reason:
        raise BookingError("Say why the visit needs to move.", code="no_reason", field="reason")
    now = timezone.now()
    check_move_dates(booking, dates, timezone.localdate())
    with transaction.atomic():
        booking = lock_booking(booking)
        _scheduled_not_started(booking, now)
        MoveRequest.objects.filter(booking=booking, resolved_at=None).update(resolved_at=now)
        move = MoveRequest.objects.create(
            booking=booking,
            requested_by=by,
            reason=reason,
            dates=[d.isoformat() for d in sorted(dates)],
        )
        log(
            instance=booking,
            action="schools.booking.move_requested",
            user=by,
            data={"reason": reason, "dates": move.dates},
        )
        after_commit(tasks.send_booking_email.enqueue, booking.pk, tasks.MOVE_REQUESTED)
        after_commit(tasks.send_coordinator_notice.enqueue, booking.pk, tasks.NOTICE_MOVE_REQUESTED)
    return move


def move_delivery(  # noqa: PLR0913  (the visit's own fields, each a form field)
    booking: Booking,
    *,
    by: User,
    presenters: list[User],
    start: datetime,
    place: str = "",
    reason: str = "",
) -> Delivery:
    """A coordinator moves a visit (and may change who delivers it). The presenters are
    locked and checked as when scheduling, the visit's own old time not counting."""
    presenters = list(presenters)
    reason = (reason or "").strip()
    if not reason:
        raise SchedulingError("Say why the visit is moving.", code="no_reason", field="reason")
    check_presenters(presenters, booking)
    start, end = visit_times(booking, start)
    ids = [p.pk for p in presenters]
    now = timezone.now()
    with transaction.atomic():
        booking = lock_booking(booking)
        delivery = _scheduled_not_started(booking, now)
        lock_school_open_on(booking, start)
        old_ids = list(delivery.assignments.values_list("presenter_id", flat=True))
        was = delivery.start
        lock_presenters(set(old_ids) | set(ids))
        delivery.assignments.all().delete()  # its old time no longer keeps them busy
        busy = busy_presenter_ids(ids, start, end)
        if busy:
            raise busy_error(presenters, busy, start, end)
        delivery = assign(booking, presenters, start, end, place)
        delivery.sequence += 1
        delivery.reminder_sent_at = None  # a reminder is due again before the new date
        delivery.save(update_fields=["sequence", "reminder_sent_at"])
        booking.save(update_fields=["updated_at"])
        MoveRequest.objects.filter(booking=booking, resolved_at=None).update(resolved_at=now)
        former = [pk for pk in old_ids if pk not in ids]
        log(
            instance=booking,
            action="schools.booking.moved",
            user=by,
            data={
                "from": was.isoformat(),
                "to": start.isoformat(),
                "presenters": ids,
                "former_presenters": former,
                "reason": reason,
            },
        )
        after_commit(
            tasks.send_booking_email.enqueue,
            booking.pk,
            tasks.CHANGED,
            former_ids=former,
            note=reason,
        )
    return delivery
