"""A message to everyone with a confirmed place on a training event (a room
change, something to bring). The people are chosen here; the message is kept
and sent by portal.messages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from portal.messages import draft_message
from portal.models import Message, User
from training.models import Registration, TrainingEvent

KIND = "training.event"


def confirmed_people(event: TrainingEvent) -> QuerySet[User]:
    """People with a confirmed place (waiting lists and cancellations left out)."""
    return User.objects.filter(
        registrations__event=event, registrations__status=Registration.Status.CONFIRMED
    ).distinct()


def draft_event_message(event: TrainingEvent, *, subject: str, body: str, by: User) -> Message:
    start = timezone.localtime(event.start)
    return draft_message(
        subject=subject,
        body=body,
        audience=f"Everyone with a confirmed place on {event.course.title}, {start:%-d %B %Y}",
        kind=KIND,
        recipients=confirmed_people(event),
        by=by,
    )
