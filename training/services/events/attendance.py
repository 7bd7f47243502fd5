"""Registers: who attended a training event, and what a school delivery reached.

Trainers and presenters take registers; coordinators correct them. Permission
is checked by the caller (views and admin use the same functions in
training.permissions); these functions keep the data consistent and audited.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from cms.choices import year_group_label
from cms.models import SessionPage
from portal.models import User
from schools.models import Booking, Delivery, SchoolMembership
from schools.services import SchoolsError, mark_delivered
from training.models import DeliveryRegister, PupilsReached, Registration, TrainingEvent
from training.services.errors import TrainingError

# Upper bounds well above any real school: a slip of the keyboard (or a number too
# big for the database) is refused rather than saved as a figure.
MAX_PUPILS_PER_YEAR_GROUP = 1000
MAX_STAFF_PRESENT = 200
MAX_PARENTS_REACHED = 1000
# A visit may have been brought forward, but not by more than this: a date further
# back is a typing slip, and would be printed on the school's certificate.
EARLIEST_DELIVERY_BEFORE_PLANNED = timedelta(days=365)

Attendance = Registration.Attendance


def mark_attendance(
    event: TrainingEvent, marks: dict[int, str], *, by: User, now: datetime | None = None
) -> int:
    """Record attended or absent for confirmed people: `marks` maps registration id to
    an Attendance value. Only changes are saved and logged. Returns how many changed."""
    now = now or timezone.now()
    allowed = {Attendance.ATTENDED, Attendance.ABSENT, Attendance.UNKNOWN}
    if any(value not in allowed for value in marks.values()):
        raise TrainingError("Choose attended or absent.", code="invalid_attendance")
    with transaction.atomic():
        event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
        if not event.register_open(now):
            raise TrainingError(
                "The register opens on the day of the event.", code="register_not_open"
            )
        registrations = event.registrations.confirmed().filter(pk__in=marks).select_for_update()
        changed = 0
        for registration in registrations:
            new = marks[registration.pk]
            if registration.attendance == new:
                continue
            old = registration.attendance
            registration.attendance = new
            registration.save(update_fields=["attendance"])
            log(
                instance=registration,
                action="training.registration.attendance",
                user=by,
                data={"from": old, "to": new},
            )
            changed += 1
    return changed


def add_walk_in(
    event: TrainingEvent,
    user: User,
    *,
    by: User,
    now: datetime | None = None,
    over_capacity: bool = False,
) -> Registration:
    """Someone who turned up without a place: confirmed and attended. When the event is
    full this is refused with a warning, unless the trainer says `over_capacity` (they
    are in the room, and the room has space), as happens on the day.

    A person already on the waiting list is given the place they were waiting for.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
        if not event.register_open(now):
            raise TrainingError(
                "The register opens on the day of the event.", code="register_not_open"
            )
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration and registration.status == Registration.Status.CONFIRMED:
            raise TrainingError("This person already has a place.", code="already_registered")
        confirmed = event.registrations.confirmed().count()
        if confirmed >= event.capacity and not over_capacity:
            raise TrainingError(
                f"The event is full: all {event.capacity} places are taken. If they are "
                "here and the room has space, tick the box to add them above capacity.",
                code="event_full",
                field="over_capacity",
            )
        if registration is None:
            registration = Registration(event=event, user=user)
        memberships = user.school_memberships.filter(status=SchoolMembership.Status.APPROVED)
        registration.school = registration.school or (
            memberships.first().school if memberships.exists() else None
        )
        registration.status = Registration.Status.CONFIRMED
        registration.status_changed_at = now
        registration.attendance = Attendance.ATTENDED
        registration.walk_in = True
        registration.save()
        log(
            instance=registration,
            action="training.registration.walk_in",
            user=by,
            data={"over_capacity": confirmed >= event.capacity},
        )
    return registration


def _mark_booking_delivered(booking: Booking, *, by: User, now: datetime) -> Booking:
    """Scheduled -> delivered, through the bookings package's own transition (which
    locks the booking, checks the visit has started, audits and emails)."""
    try:
        return mark_delivered(booking, by=by, now=now)
    except SchoolsError as error:
        raise TrainingError(str(error), code=error.code) from error


def _check_pupils(delivery: Delivery, counts: dict[int, int]) -> None:
    """A pupil session counts its pupils by year group. Year groups beyond the booking
    are accepted (a class joins on the day) if the school teaches them; they are
    recorded as not booked."""
    school = delivery.booking.school
    taught = school.year_groups_taught or range(0, 14)
    wrong = sorted(set(counts) - set(taught))
    if wrong:
        raise TrainingError(
            f"{school.name} does not teach {year_group_label(wrong[0])}. "
            "Record only year groups the school teaches.",
            code="wrong_year_groups",
        )
    if sum(counts.values()) == 0:
        raise TrainingError("Enter how many pupils the session reached.", code="no_pupils")
    if any(c > MAX_PUPILS_PER_YEAR_GROUP for c in counts.values()):
        raise TrainingError(
            f"Check the numbers: at most {MAX_PUPILS_PER_YEAR_GROUP} pupils per year group.",
            code="too_many",
        )


def _check_adults(audience: str, counts: dict, staff_present: int, parents_reached: int) -> None:
    """A session for staff, or for parents and carers, counts those adults and no pupils."""
    Audience = SessionPage.Audience
    if counts:
        raise TrainingError(
            "This session is not for pupils: record the adults who attended.", code="not_for_pupils"
        )
    if audience == Audience.STAFF and staff_present == 0:
        raise TrainingError(
            "Enter how many school staff attended.", code="no_staff", field="staff_present"
        )
    if audience == Audience.PARENTS and parents_reached == 0:
        raise TrainingError(
            "Enter how many parents and carers attended.",
            code="no_parents",
            field="parents_reached",
        )
    if parents_reached > MAX_PARENTS_REACHED:
        raise TrainingError(
            f"Check the number of parents and carers: at most {MAX_PARENTS_REACHED}.",
            code="too_many",
            field="parents_reached",
        )


def _check_register(
    delivery: Delivery,
    counts: dict[int, int],
    staff_present: int,
    parents_reached: int,
    delivered_at: datetime,
    now: datetime,
) -> None:
    """Refuse figures no register could hold, before anything is locked."""
    if any(c is None or c < 0 for c in counts.values()) or min(staff_present, parents_reached) < 0:
        raise TrainingError("Numbers cannot be negative.", code="negative_count")
    audience = delivery.booking.session.audience
    if audience == SessionPage.Audience.PUPILS:
        if parents_reached:
            raise TrainingError(
                "This session is for pupils: record the pupils reached.", code="not_for_parents"
            )
        _check_pupils(delivery, counts)
    else:
        _check_adults(audience, counts, staff_present, parents_reached)
    if staff_present > MAX_STAFF_PRESENT:
        raise TrainingError(
            f"Check the number of staff: at most {MAX_STAFF_PRESENT}.",
            code="too_many",
            field="staff_present",
        )
    if delivered_at > now:
        raise TrainingError(
            "The delivery date cannot be in the future.",
            code="future_delivery",
            field="delivered_on",
        )
    if delivered_at < delivery.start - EARLIEST_DELIVERY_BEFORE_PLANNED:
        raise TrainingError(
            f"Check the date: the visit was planned for {timezone.localtime(delivery.start):%-d %B %Y}.",
            code="date_too_early",
            field="delivered_on",
        )


def _register_figures(register: DeliveryRegister) -> dict:
    """What the register held before this change, for the audit entry."""
    return {
        "delivered_at": register.delivered_at.isoformat() if register.delivered_at else None,
        "staff_present": register.staff_present,
        "parents_reached": register.parents_reached,
        "pupils": {str(p.year_group): p.count for p in register.year_groups.all()}
        if register.pk
        else {},
    }


def record_delivery_register(
    delivery: Delivery,
    *,
    counts: dict[int, int],
    staff_present: int,
    delivered_at: datetime,
    by: User,
    parents_reached: int = 0,
    now: datetime | None = None,
) -> DeliveryRegister:
    """Who the session reached (counts only), and when it was delivered. The first
    record moves the booking to delivered; later ones correct it.

    A session for pupils counts them by year group: `counts` maps year group (0 is
    Reception) to a number of pupils. A year group beyond the booking (a class that
    joined on the day) is kept, marked not booked, and counts in pupils reached like
    any other. A session for staff counts `staff_present`; one for parents and carers
    `parents_reached`; neither counts pupils.
    """
    now = now or timezone.now()
    _check_register(delivery, counts, staff_present, parents_reached, delivered_at, now)
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=delivery.booking.pk)
        register = DeliveryRegister.objects.filter(delivery=delivery).first()
        if register is None:
            if locked.status != Booking.Status.SCHEDULED:
                raise TrainingError("This booking is not scheduled.", code="not_scheduled")
            _mark_booking_delivered(locked, by=by, now=now)
            register = DeliveryRegister(delivery=delivery)
            action = "training.delivery_register.recorded"
        else:
            action = "training.delivery_register.corrected"
        before = _register_figures(register)
        register.delivered_at = delivered_at
        register.staff_present = staff_present
        register.parents_reached = parents_reached
        register.pupils_reached = sum(counts.values())
        register.recorded_by = by
        register.save()
        register.year_groups.all().delete()
        PupilsReached.objects.bulk_create(
            PupilsReached(
                register=register,
                year_group=year,
                count=count,
                booked=year in locked.year_groups,
            )
            for year, count in sorted(counts.items())
        )
        after = {
            "delivered_at": delivered_at.isoformat(),
            "staff_present": staff_present,
            "parents_reached": parents_reached,
            "pupils": {str(y): c for y, c in sorted(counts.items())},
            "not_booked": sorted(set(counts) - set(locked.year_groups)),
        }
        log(instance=register, action=action, user=by, data={"before": before, "after": after})
    return register
