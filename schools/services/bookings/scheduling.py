"""A request becomes a visit: any open date and time, one or two presenters, never
double-booked whatever arrives at once (row locks on the presenters, and
PostgreSQL's exclusion constraint behind them), never on a day the school has
just closed (the school's row lock, which adding an INSET day takes too)."""

from datetime import datetime

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from schools import tasks
from schools.models import Booking, DateProposal, Delivery, DeliveryAssignment, travel_buffer
from schools.signals import delivery_scheduled

from ..common import after_commit
from ..errors import SchedulingError
from ..presenters import busy_error, busy_presenter_ids, lock_presenters
from .common import (
    change_status,
    check_presenters,
    lock_booking,
    lock_school_open_on,
    visit_times,
)


def schedule_delivery(  # noqa: PLR0913  (the visit's own fields, each a form field)
    booking: Booking,
    *,
    by: User,
    presenters: list[User],
    start: datetime,
    end: datetime | None = None,
    place: str = "",
) -> Delivery:
    """Turn a request into a visit with one or two presenters, never double-booking them.
    A date proposed to the school and still waiting is withdrawn: this one replaces it."""
    presenters = list(presenters)
    check_presenters(presenters, booking)
    start, end = visit_times(booking, start, end)
    ids = [p.pk for p in presenters]
    with transaction.atomic():
        booking = lock_booking(booking)
        if not booking.can_become(Booking.Status.SCHEDULED):
            raise SchedulingError("Only new requests can be scheduled.", code="not_schedulable")
        lock_school_open_on(booking, start)
        lock_presenters(ids)
        busy = busy_presenter_ids(ids, start, end)
        if busy:
            raise busy_error(presenters, busy, start, end)
        delivery = assign(booking, presenters, start, end, place)
        change_status(booking, Booking.Status.SCHEDULED, by=by)
        booking.proposals.filter(status=DateProposal.Status.PENDING).update(
            status=DateProposal.Status.WITHDRAWN, decided_at=timezone.now()
        )
        log(
            instance=booking,
            action="schools.booking.scheduled",
            user=by,
            data={"start": start.isoformat(), "end": end.isoformat(), "presenters": ids},
        )
        after_commit(tasks.send_booking_email.enqueue, booking.pk, Booking.Status.SCHEDULED)
        after_commit(delivery_scheduled.send, sender=Delivery, delivery=delivery)
    return delivery


def assign(
    booking: Booking, presenters: list[User], start: datetime, end: datetime, place: str
) -> Delivery:
    """The delivery and one assignment per presenter; the database refuses an overlap
    the locks missed (PostgreSQL's exclusion constraint)."""
    try:
        with transaction.atomic():
            delivery, _ = Delivery.objects.update_or_create(
                booking=booking, defaults={"start": start, "end": end, "place": place}
            )
            delivery.assignments.all().delete()
            for person in presenters:
                DeliveryAssignment.objects.create(
                    delivery=delivery,
                    presenter=person,
                    start=start,
                    end=end,
                    busy_until=end + travel_buffer(),
                )
    except (IntegrityError, OperationalError) as error:
        if not _refused_by_the_constraint(error):
            raise
        # PostgreSQL's exclusion constraint caught what the lock should have.
        raise busy_error(presenters, {p.pk for p in presenters}, start, end) from error
    return delivery


def _refused_by_the_constraint(error: Exception) -> bool:
    """The exclusion constraint's refusal: a violation, or, when two overlapping
    assignments are written at once and each check waits for the other's transaction,
    the deadlock PostgreSQL ends one of them with (SQLSTATE 40P01)."""
    return (
        isinstance(error, IntegrityError) or getattr(error.__cause__, "sqlstate", None) == "40P01"
    )
