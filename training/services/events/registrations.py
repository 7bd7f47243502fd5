"""Registering for training events: places, the waiting list, cancellations and moves.

Every change locks the event row first (and, for a move, both events in id
order), so that capacity is decided by one transaction at a time: never more
confirmed people than places, and never a free place while someone waits.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from schools.models import School
from training import permissions
from training.models import Registration, TrainingEvent
from training.services.errors import TrainingError

from .emails import (
    send_cancelled_email,
    send_event_cancelled_emails,
    send_event_changed_emails,
    send_moved_email,
    send_promoted_email,
    send_registration_email,
)

Status = Registration.Status
# What registering again after cancelling sets afresh.
REJOIN_FIELDS = ["status", "status_changed_at", "school", "attendance", "walk_in", "sequence"]


def _locked_event(event: TrainingEvent) -> TrainingEvent:
    return TrainingEvent.objects.select_for_update().get(pk=event.pk)


def _set_status(registration: Registration, status: str, now: datetime) -> None:
    registration.status = status
    registration.status_changed_at = now


def _raise_sequence(registration: Registration) -> None:
    """A place given up or taken again: the calendar entry it sends outranks the last."""
    registration.sequence += 1


def _status_on_arrival(event: TrainingEvent) -> str:
    """Confirmed while a place is free and nobody waits for one; otherwise waitlisted.
    The event row must be locked."""
    has_place = (
        event.registrations.confirmed().count() < event.capacity
        and not event.registrations.waiting_list().exists()
    )
    return Status.CONFIRMED if has_place else Status.WAITLISTED


def fill_places(
    event: TrainingEvent, *, now: datetime | None = None, by: User | None = None
) -> list[Registration]:
    """Give free places to the people waiting longest. The event row must be locked.

    Returns the registrations promoted (each is logged and emailed after commit).
    """
    now = now or timezone.now()
    free = event.capacity - event.registrations.confirmed().count()
    if free <= 0:
        return []
    promoted = list(event.registrations.waiting_list().select_for_update()[:free])
    for registration in promoted:
        _set_status(registration, Status.CONFIRMED, now)
        registration.save(update_fields=["status", "status_changed_at"])
        log(instance=registration, action="training.registration.promoted", user=by)
        transaction.on_commit(partial(send_promoted_email, registration.pk))
    return promoted


def register_for_event(
    event: TrainingEvent, user: User, school: School | None, *, now: datetime | None = None
) -> Registration:
    """Give `user` a place at `event` for `school`, or a place on the waiting list.

    Someone who cancelled earlier may register again: their registration comes
    back to life and, if the event is full, joins the back of the waiting list.
    """
    now = now or timezone.now()
    if not permissions.can_register_for_school(user, school):
        raise TrainingError(
            "You can only register for a school you are approved staff of.",
            code="not_your_school",
        )
    with transaction.atomic():
        event = _locked_event(event)
        if event.is_cancelled:
            raise TrainingError("This event has been cancelled.", code="event_cancelled")
        if not event.is_open_for_booking(now):
            raise TrainingError("Booking for this event has closed.", code="booking_closed")
        fill_places(event, now=now)
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing and existing.is_active:
            raise TrainingError(
                "You are already registered for this event.", code="already_registered"
            )
        status = _status_on_arrival(event)
        if existing:
            registration = existing
            _set_status(registration, status, now)
            _raise_sequence(registration)
            registration.school = school
            registration.attendance = Registration.Attendance.UNKNOWN
            registration.walk_in = False
            registration.save(update_fields=REJOIN_FIELDS)
            action = "training.registration.rejoined"
        else:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        event=event,
                        user=user,
                        school=school,
                        status=status,
                        status_changed_at=now,
                    )
            except IntegrityError as error:  # only without the event lock (see tests)
                raise TrainingError(
                    "You are already registered for this event.", code="already_registered"
                ) from error
            action = "training.registration.created"
        log(instance=registration, action=action, user=user, data={"status": status})
        transaction.on_commit(partial(send_registration_email, registration.pk))
    return registration


def cancel_registration(
    registration: Registration, *, by: User, now: datetime | None = None
) -> Registration:
    """Give up a place (or leave the waiting list); the first person waiting gets the place."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            raise TrainingError("This registration is already cancelled.", code="already_cancelled")
        if event.start <= now and not permissions.can_cancel_after_start(by):
            raise TrainingError(
                "This event has started, so the registration cannot be cancelled.",
                code="event_started",
            )
        was = registration.status
        _set_status(registration, Status.CANCELLED, now)
        _raise_sequence(registration)
        registration.save(update_fields=["status", "status_changed_at", "sequence"])
        log(
            instance=registration,
            action="training.registration.cancelled",
            user=by,
            data={"was": was},
        )
        transaction.on_commit(partial(send_cancelled_email, registration.pk))
        if event.start > now:
            fill_places(event, now=now, by=by)
    return registration


def cancel_event(
    event: TrainingEvent, *, by: User, reason: str = "", now: datetime | None = None
) -> TrainingEvent:
    """Cancel an event and tell everyone registered or waiting. Registrations keep their
    status, so the history shows who was affected."""
    with transaction.atomic():
        event = _locked_event(event)
        if event.is_cancelled:
            raise TrainingError("This event is already cancelled.", code="already_cancelled")
        event.status = TrainingEvent.Status.CANCELLED
        event.sequence += 1
        event.save(update_fields=["status", "sequence"])
        log(instance=event, action="training.event.cancelled", user=by, data={"reason": reason})
        transaction.on_commit(partial(send_event_cancelled_emails, event.pk, reason))
    return event


# What a calendar shows of an event: a change to one of these is sent to everyone confirmed.
CALENDAR_FIELDS = ("start", "end", "venue", "online_link")


def event_details_changed(event: TrainingEvent, fields: list[str], *, by: User) -> bool:
    """After an edit of `fields`: if the time or place changed, raise the event's
    sequence and send everyone confirmed the updated invitation. Returns whether it did."""
    changed = sorted(set(fields) & set(CALENDAR_FIELDS))
    if not changed:
        return False
    with transaction.atomic():
        event = _locked_event(event)
        if event.is_cancelled:
            return False
        event.sequence += 1
        event.save(update_fields=["sequence"])
        log(instance=event, action="training.event.changed", user=by, data={"fields": changed})
        transaction.on_commit(partial(send_event_changed_emails, event.pk))
    return True


def move_registration(
    registration: Registration,
    to_event: TrainingEvent,
    *,
    by: User,
    now: datetime | None = None,
) -> Registration:
    """Move someone to another event (a coordinator's decision).

    They take a free place there or join the back of its waiting list; their
    old place goes to the first person waiting at the old event.
    """
    now = now or timezone.now()
    if registration.event_id == to_event.pk:
        raise TrainingError("Choose a different event.", code="same_event")
    with transaction.atomic():
        # Both events, always locked in id order, so two opposite moves cannot deadlock.
        locked = {
            e.pk: e
            for e in TrainingEvent.objects.select_for_update()
            .filter(pk__in=[registration.event_id, to_event.pk])
            .order_by("pk")
        }
        from_event, to_event = locked[registration.event_id], locked[to_event.pk]
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            raise TrainingError("This registration is cancelled.", code="already_cancelled")
        if to_event.is_cancelled or to_event.start <= now:
            raise TrainingError(
                "People can only be moved to an upcoming event.", code="event_not_upcoming"
            )
        target = Registration.objects.filter(event=to_event, user=registration.user).first()
        if target and target.is_active:
            raise TrainingError(
                "This person is already registered for that event.", code="already_registered"
            )
        had_place = registration.status == Status.CONFIRMED
        fill_places(to_event, now=now, by=by)
        status = _status_on_arrival(to_event)
        if target is None:
            target = Registration(event=to_event, user=registration.user)
        else:
            _raise_sequence(target)
        target.school = registration.school
        target.attendance = Registration.Attendance.UNKNOWN
        target.walk_in = False
        _set_status(target, status, now)
        target.save()
        _set_status(registration, Status.CANCELLED, now)
        _raise_sequence(registration)
        registration.save(update_fields=["status", "status_changed_at", "sequence"])
        data = {"from_event": from_event.pk, "to_event": to_event.pk, "status": status}
        log(instance=registration, action="training.registration.moved", user=by, data=data)
        log(instance=target, action="training.registration.moved", user=by, data=data)
        moved = partial(send_moved_email, target.pk, from_event.pk, was_confirmed=had_place)
        transaction.on_commit(moved)
        if from_event.start > now:
            fill_places(from_event, now=now, by=by)
    return target
