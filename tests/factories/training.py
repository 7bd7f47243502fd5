"""Training events, registrations and registers, built directly (no rules applied)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from schools.services import next_open_day
from training.models import DeliveryRegister, PupilsReached, Registration, TrainingEvent

from . import cms as cms_factories
from .core import school_staff


def event(*, course=None, capacity=20, start=None, trainers=(), **fields):
    if start is None:  # about a month ahead, on a day schools are open
        day = next_open_day(timezone.localdate() + timedelta(days=30))
        start = timezone.make_aware(datetime.combine(day, time(10)))
    fields.setdefault("end", start + timedelta(hours=3))
    fields.setdefault("booking_closes", start - timedelta(days=2))
    fields.setdefault("venue", "County Hall, Committee Room 2")
    e = TrainingEvent.objects.create(
        course=course or cms_factories.course_page(), start=start, capacity=capacity, **fields
    )
    if trainers:
        e.trainers.set(trainers)
    return e


def registration(*, event_=None, user=None, status=Registration.Status.CONFIRMED, **fields):
    user = user or school_staff()
    school = user.school_memberships.first().school if user.school_memberships.exists() else None
    return Registration.objects.create(
        event=event_ or event(), user=user, school=school, status=status, **fields
    )


def register(delivery, *, counts=None, staff_present=2, delivered_at=None, recorded_by=None):
    """A completed register: counts maps year group to pupils reached."""
    counts = counts or {delivery.booking.year_groups[0]: 30}
    reg = DeliveryRegister.objects.create(
        delivery=delivery,
        delivered_at=delivered_at or delivery.start,
        staff_present=staff_present,
        pupils_reached=sum(counts.values()),
        recorded_by=recorded_by,
    )
    PupilsReached.objects.bulk_create(
        PupilsReached(register=reg, year_group=y, count=c) for y, c in counts.items()
    )
    return reg


def online_event(**fields):
    fields.setdefault("venue", "")
    fields.setdefault("online_link", "https://meet.example/training-room")
    return event(**fields)


def full_event(*, capacity=1, waiting=0, **fields):
    """An event with every place taken and `waiting` people on the waiting list."""
    e = event(capacity=capacity, **fields)
    for _ in range(capacity):
        registration(event_=e)
    for _ in range(waiting):
        registration(event_=e, status=Registration.Status.WAITLISTED)
    return e
