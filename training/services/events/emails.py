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
from icalendar import Calendar, Event, vCalAddress, vText

from portal.tasks import queue_email
from training.models import Registration, TrainingEvent

ICS_DOMAIN = "training.portal"


def event_url(event: TrainingEvent) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "training:event_detail", args=[event.pk]
    )


def invitation(
    event: TrainingEvent, registration: Registration, *, cancelled: bool = False
) -> bytes:
    """An .ics invitation (Europe/London) for one person's place at an event."""
    cal = Calendar()
    cal.add("prodid", f"-//{settings.PORTAL_SERVICE_NAME}//Training//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "REQUEST")
    item = Event()
    item.add("uid", f"training-event-{event.pk}@{ICS_DOMAIN}")
    item.add("dtstamp", timezone.now())
    item.add("sequence", int(timezone.now().timestamp()))
    item.add("dtstart", timezone.localtime(event.start))
    item.add("dtend", timezone.localtime(event.end))
    item.add("summary", event.course.title)
    where = event.venue or "Online"
    item.add("location", where)
    description = f"{event.course.title}\n{where}"
    if event.online_link and not cancelled:
        description += f"\nJoin online: {event.online_link}"
        item.add("url", event.online_link)
    item.add("description", description + f"\n{event_url(event)}")
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    attendee = vCalAddress(f"mailto:{registration.user.email}")
    attendee.params["cn"] = vText(registration.user.get_full_name() or registration.user.email)
    item.add("attendee", attendee, encode=0)
    cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def _send(
    template: str,
    registration: Registration,
    *,
    ics: bool = False,
    ics_cancelled: bool = False,
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
        message.attach(
            "invitation.ics",
            invitation(event, registration, cancelled=ics_cancelled),
            "text/calendar; method=" + ("CANCEL" if ics_cancelled else "REQUEST"),
        )
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


def send_moved_email(registration_pk: int, from_event_pk: int) -> None:
    registration = _registration(registration_pk)
    from_event = TrainingEvent.objects.select_related("course").get(pk=from_event_pk)
    confirmed = registration.status == Registration.Status.CONFIRMED
    _send(
        "moved",
        registration,
        ics=confirmed,
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


def send_reminder_email(registration: Registration, *, now: datetime) -> None:
    starts_in = registration.event.start - now
    _send("reminder", registration, ics=True, tomorrow=starts_in <= timedelta(days=1))
