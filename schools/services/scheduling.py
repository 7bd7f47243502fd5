"""Turning a request into a visit: free, qualified presenters, never double-booked."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from portal.roles import is_presenter
from schools import tasks
from schools.models import (
    Booking,
    BookingOption,
    Delivery,
    DeliveryAssignment,
    PresenterProfile,
    Unavailability,
    travel_buffer,
)
from schools.signals import delivery_scheduled

from .bookings import _change_status, _lock_booking
from .common import LONDON, after_commit
from .errors import SchedulingError

# When a morning or an afternoon visit starts, unless the coordinator says otherwise.
PART_OF_DAY_START = {
    BookingOption.PartOfDay.MORNING: time(9, 30),
    BookingOption.PartOfDay.AFTERNOON: time(13, 30),
}


def slot_times(option, session):
    """Start and end (aware, Europe/London) of a preferred morning or afternoon."""
    start = datetime.combine(option.date, PART_OF_DAY_START[option.part_of_day], tzinfo=LONDON)
    return start, start + timedelta(minutes=session.duration_minutes)


def _busy_filter(start, end):
    """Assignments whose busy time (with travel) overlaps a new delivery's busy time."""
    return Q(start__lt=end + travel_buffer()) & Q(busy_until__gt=start)


def busy_presenter_ids(presenter_ids, start, end):
    """Presenters among `presenter_ids` who cannot be at a delivery from start to end."""
    ids = set(presenter_ids)
    busy = set(
        DeliveryAssignment.objects.filter(
            _busy_filter(start, end), presenter_id__in=ids
        ).values_list("presenter_id", flat=True)
    )
    busy |= set(
        Unavailability.objects.filter(
            presenter_id__in=ids, start__lt=end, end__gt=start
        ).values_list("presenter_id", flat=True)
    )
    return busy


def available_presenters(session, start, end):
    """Presenters qualified for the session and free (travel buffer included) then."""
    qualified = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            presenter_profile__qualified_sessions=session,
            groups__name="Presenters",
        )
        .select_related("presenter_profile__organisation")
        .order_by("last_name", "first_name")
        .distinct()
    )
    busy = busy_presenter_ids([p.pk for p in qualified], start, end)
    return [p for p in qualified if p.pk not in busy]


def _lock_presenters(presenter_ids):
    """Row locks on the presenters, always in the same order so two schedulers cannot deadlock."""
    list(
        get_user_model()
        .objects.select_for_update()
        .filter(pk__in=presenter_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def schedule_delivery(booking, *, by, presenters, start, end=None, place=""):
    """Turn a request into a visit with one or more presenters, never double-booking them."""
    presenters = list(presenters)
    if not presenters:
        raise SchedulingError("Choose a presenter.", code="no_presenter", field="presenter")
    if timezone.is_naive(start):
        start = timezone.make_aware(start, LONDON)
    end = end or start + timedelta(minutes=booking.session.duration_minutes)
    if end <= start:
        raise SchedulingError("The visit must end after it starts.", code="bad_times")
    if start <= timezone.now():
        raise SchedulingError("The visit must be in the future.", code="in_past")
    for person in presenters:
        profile = PresenterProfile.objects.filter(user=person).first()
        if not is_presenter(person) or profile is None:
            raise SchedulingError(
                f"{person.get_full_name()} is not a presenter.", code="not_presenter"
            )
        if not profile.qualified_sessions.filter(pk=booking.session_id).exists():
            raise SchedulingError(
                f"{person.get_full_name()} is not qualified to deliver this session.",
                code="not_qualified",
            )
    ids = [p.pk for p in presenters]
    with transaction.atomic():
        booking = _lock_booking(booking)
        if not booking.can_become(Booking.Status.SCHEDULED):
            raise SchedulingError("Only new requests can be scheduled.", code="not_schedulable")
        _lock_presenters(ids)
        busy = busy_presenter_ids(ids, start, end)
        if busy:
            raise _busy_error(presenters, busy)
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
            raise _busy_error(presenters, set(ids)) from error
        _change_status(booking, Booking.Status.SCHEDULED, by=by)
        log(
            instance=booking,
            action="schools.booking.scheduled",
            user=by,
            data={
                "start": start.isoformat(),
                "end": end.isoformat(),
                "presenters": ids,
            },
        )
        after_commit(tasks.send_booking_email.enqueue, booking.pk, "scheduled")
        after_commit(delivery_scheduled.send, sender=Delivery, delivery=delivery)
    return delivery


def _refused_by_the_constraint(error):
    """The exclusion constraint's refusal: a violation, or, when two overlapping
    assignments are written at once and each check waits for the other's transaction,
    the deadlock PostgreSQL ends one of them with (SQLSTATE 40P01)."""
    return (
        isinstance(error, IntegrityError) or getattr(error.__cause__, "sqlstate", None) == "40P01"
    )


def _busy_error(presenters, busy):
    names = ", ".join(p.get_full_name() or p.email for p in presenters if p.pk in busy)
    return SchedulingError(
        f"{names} is not free then: another visit (with travel time) or time off overlaps. "
        "Choose another presenter or time.",
        code="presenter_busy",
        field="presenter",
    )
