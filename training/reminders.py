"""One reminder before each training event, never two.

`send_reminders` (the management command run by a scheduler) calls
`send_event_reminders(now)`. Each event is claimed with a conditional update
(`reminder_sent_at` still empty), so two overlapping runs can never both send.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from training.models import TrainingEvent
from training.services.events import send_reminder_email

REMIND_BEFORE = timedelta(days=2)


def send_event_reminders(now: datetime | None = None) -> int:
    """Remind confirmed people of events starting within REMIND_BEFORE. Returns emails sent."""
    now = now or timezone.now()
    due = TrainingEvent.objects.filter(
        status=TrainingEvent.Status.SCHEDULED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + REMIND_BEFORE,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in due:
        with transaction.atomic():
            claimed = TrainingEvent.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not claimed:
                continue  # another run got there first
            event = TrainingEvent.objects.select_related("course").get(pk=pk)
            registrations = list(event.registrations.confirmed().select_related("user", "event"))
        for registration in registrations:
            send_reminder_email(registration, now=now)
            sent += 1
    return sent
