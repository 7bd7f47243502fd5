"""Registering for training events: places, the waiting list, cancellations and moves.

Every change locks the event row first (and, for a move, both events in id
order), so that capacity is decided by one transaction at a time: never more
confirmed people than places, and never a free place while someone waits.
"""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal import roles
from schools.roles import approved_schools
from training.models import Registration, TrainingEvent

from . import event_emails
from .errors import TrainingError

Status = Registration.Status


def _locked_event(event):
    return TrainingEvent.objects.select_for_update().get(pk=event.pk)


def _set_status(registration, status, now):
    registration.status = status
    registration.status_changed_at = now


def fill_places(event, *, now=None, by=None):
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
        transaction.on_commit(partial(event_emails.send_promoted_email, registration.pk))
    return promoted


def register_for_event(event, user, school, *, now=None):
    """Give `user` a place at `event` for `school`, or a place on the waiting list.

    Someone who cancelled earlier may register again: their registration comes
    back to life and, if the event is full, joins the back of the waiting list.
    """
    now = now or timezone.now()
    if school is None or not approved_schools(user).filter(pk=school.pk).exists():
        raise TrainingError(
            "You can only register for a school you are approved staff of.", "not_your_school"
        )
    with transaction.atomic():
        event = _locked_event(event)
        if event.is_cancelled:
            raise TrainingError("This event has been cancelled.", "event_cancelled")
        if not event.is_open_for_booking(now):
            raise TrainingError("Booking for this event has closed.", "booking_closed")
        fill_places(event, now=now)
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing and existing.is_active:
            raise TrainingError("You are already registered for this event.", "already_registered")
        has_place = (
            event.registrations.confirmed().count() < event.capacity
            and not event.registrations.waiting_list().exists()
        )
        status = Status.CONFIRMED if has_place else Status.WAITLISTED
        if existing:
            registration = existing
            _set_status(registration, status, now)
            registration.school = school
            registration.attendance = Registration.Attendance.UNKNOWN
            registration.walk_in = False
            registration.save(
                update_fields=["status", "status_changed_at", "school", "attendance", "walk_in"]
            )
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
                    "You are already registered for this event.", "already_registered"
                ) from error
            action = "training.registration.created"
        log(instance=registration, action=action, user=user, data={"status": status})
        transaction.on_commit(partial(event_emails.send_registration_email, registration.pk))
    return registration


def cancel_registration(registration, *, by, now=None):
    """Give up a place (or leave the waiting list); the first person waiting gets the place."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            raise TrainingError("This registration is already cancelled.", "already_cancelled")
        if event.start <= now and not roles.is_coordinator(by):
            raise TrainingError(
                "This event has started, so the registration cannot be cancelled.",
                "event_started",
            )
        was = registration.status
        _set_status(registration, Status.CANCELLED, now)
        registration.save(update_fields=["status", "status_changed_at"])
        log(
            instance=registration,
            action="training.registration.cancelled",
            user=by,
            data={"was": was},
        )
        transaction.on_commit(partial(event_emails.send_cancelled_email, registration.pk))
        if event.start > now:
            fill_places(event, now=now, by=by)
    return registration


def cancel_event(event, *, by, reason="", now=None):
    """Cancel an event and tell everyone registered or waiting. Registrations keep their
    status, so the history shows who was affected."""
    with transaction.atomic():
        event = _locked_event(event)
        if event.is_cancelled:
            raise TrainingError("This event is already cancelled.", "already_cancelled")
        event.status = TrainingEvent.Status.CANCELLED
        event.save(update_fields=["status"])
        log(instance=event, action="training.event.cancelled", user=by, data={"reason": reason})
        transaction.on_commit(partial(event_emails.send_event_cancelled_emails, event.pk, reason))
    return event


def move_registration(registration, to_event, *, by, now=None):
    """Move someone to another event (a coordinator's decision).

    They take a free place there or join the back of its waiting list; their
    old place goes to the first person waiting at the old event.
    """
    now = now or timezone.now()
    if registration.event_id == to_event.pk:
        raise TrainingError("Choose a different event.", "same_event")
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
            raise TrainingError("This registration is cancelled.", "already_cancelled")
        if to_event.is_cancelled or to_event.start <= now:
            raise TrainingError(
                "People can only be moved to an upcoming event.", "event_not_upcoming"
            )
        target = Registration.objects.filter(event=to_event, user=registration.user).first()
        if target and target.is_active:
            raise TrainingError(
                "This person is already registered for that event.", "already_registered"
            )
        fill_places(to_event, now=now, by=by)
        has_place = (
            to_event.registrations.confirmed().count() < to_event.capacity
            and not to_event.registrations.waiting_list().exists()
        )
        status = Status.CONFIRMED if has_place else Status.WAITLISTED
        if target is None:
            target = Registration(event=to_event, user=registration.user)
        target.school = registration.school
        target.attendance = Registration.Attendance.UNKNOWN
        target.walk_in = False
        _set_status(target, status, now)
        target.save()
        _set_status(registration, Status.CANCELLED, now)
        registration.save(update_fields=["status", "status_changed_at"])
        data = {"from_event": from_event.pk, "to_event": to_event.pk, "status": status}
        log(instance=registration, action="training.registration.moved", user=by, data=data)
        log(instance=target, action="training.registration.moved", user=by, data=data)
        transaction.on_commit(partial(event_emails.send_moved_email, target.pk, from_event.pk))
        if from_event.start > now:
            fill_places(from_event, now=now, by=by)
    return target
