"""Emails about training events, with an iCalendar invitation for confirmed places.

Called through transaction.on_commit, so they read the registration afresh and
never go out for a change that was rolled back; the task worker sends them
(portal.tasks.queue_email).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal import calendars
from portal.calendars import Attendee
from portal.tasks import queue_email
from training.models import Registration, TrainingEvent


def event_url(event: TrainingEvent) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "training:event_detail", args=[event.pk]
    )


def invitation(
    event: TrainingEvent, registration: Registration, *, cancelled: bool = False
) -> tuple[bytes, str]:
    """One person's invitation to an event, or its cancellation: (bytes, METHOD).

    The UID is the event's (`training-event-<pk>@<domain>`); the SEQUENCE adds the
    event's counter (its time, place or cancellation) to the person's (their place
    given up or taken again), so every later message outranks every earlier one."""
    where = event.venue or "Online"
    description = f"{event.course.title}\n{where}"
    if event.online_link and not cancelled:
        description += f"\nJoin online: {event.online_link}"
    entry = calendars.Entry(
        uid=calendars.uid("training-event", event.pk),
        sequence=event.sequence + registration.sequence,
        start=event.start,
        end=event.end,
        summary=event.course.title,
        location=where,
        description=description + f"\n{event_url(event)}",
        url=event.online_link if event.online_link and not cancelled else event_url(event),
        cancelled=cancelled,
    )
    user = registration.user
    return calendars.invitation(entry, [Attendee(user.email, user.get_full_name())])


def _send(
    template: str,
    registration: Registration,
    *,
    ics: bool = False,
    ics_cancelled: bool = False,
    also: tuple[tuple[Registration, bool], ...] = (),
    **extra: object,
) -> None:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "url": event_url(event),
        "service_name": settings.PORTAL_SERVICE_NAME,
        "start": timezone.localtime(event.start),
        "end": timezone.localtime(event.end),
        **extra,
    }
    subject = render_to_string(f"training/emails/{template}_subject.txt", context).strip()
    body = render_to_string(f"training/emails/{template}.txt", context)
    message = EmailMessage(subject, body, to=[registration.user.email])
    if ics:
        content, method = invitation(event, registration, cancelled=ics_cancelled)
        calendars.attach(message, "invitation.ics", content, method)
    for other, cancelled in also:
        content, method = invitation(other.event, other, cancelled=cancelled)
        calendars.attach(message, f"{method.lower()}-{other.event_id}.ics", content, method)
    queue_email(message)


def _registration(pk: int) -> Registration:
    return Registration.objects.select_related("event__course", "user").get(pk=pk)


def send_registration_email(registration_pk: int) -> None:
    """Confirmed (with invitation and any online link) or on the waiting list (with position)."""
    registration = _registration(registration_pk)
    if registration.status == Registration.Status.CONFIRMED:
        _send("confirmed", registration, ics=True)
    elif registration.status == Registration.Status.WAITLISTED:
        _send("waitlisted", registration, position=registration.waiting_list_position())


def send_promoted_email(registration_pk: int) -> None:
    registration = _registration(registration_pk)
    if registration.status == Registration.Status.CONFIRMED:
        _send("promoted", registration, ics=True)


def send_cancelled_email(registration_pk: int) -> None:
    registration = _registration(registration_pk)
    _send("registration_cancelled", registration, ics=True, ics_cancelled=True)


def send_moved_email(registration_pk: int, from_event_pk: int, *, was_confirmed=False) -> None:
    """The new place (with its invitation when confirmed) and, for someone who had a
    place at the old event, that event's cancellation for their calendar."""
    registration = _registration(registration_pk)
    from_event = TrainingEvent.objects.select_related("course").get(pk=from_event_pk)
    confirmed = registration.status == Registration.Status.CONFIRMED
    old = Registration.objects.select_related("event__course", "user").filter(
        event=from_event, user=registration.user
    )
    _send(
        "moved",
        registration,
        ics=confirmed,
        also=tuple((former, True) for former in old if was_confirmed),
        from_event=from_event,
        position=registration.waiting_list_position(),
    )


def send_event_cancelled_emails(event_pk: int, reason: str) -> None:
    event = TrainingEvent.objects.select_related("course").get(pk=event_pk)
    for registration in event.registrations.active().select_related("user", "event__course"):
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        _send(
            "event_cancelled",
            registration,
            ics=was_confirmed,
            ics_cancelled=True,
            reason=reason,
        )


def send_event_changed_emails(event_pk: int) -> None:
    """The event's new time or place, with the updated invitation, to everyone confirmed."""
    event = TrainingEvent.objects.select_related("course").get(pk=event_pk)
    for registration in event.registrations.confirmed().select_related("user", "event__course"):
        _send("changed", registration, ics=True)


def send_reminder_email(registration: Registration, *, now: datetime) -> None:
    starts_in = registration.event.start - now
    _send("reminder", registration, ics=True, tomorrow=starts_in <= timedelta(days=1))
