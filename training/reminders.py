"""One reminder before each training event, never two, from the start of the school
day two school days before it (weekends, bank holidays and the local authority's
holidays and INSET days skipped: teachers are not reading email in half term).

`send_reminders` (the management command run by a scheduler) calls
`send_event_reminders(now)`. Each event is claimed with a conditional update
(`reminder_sent_at` still empty), so two overlapping runs can never both send.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from schools.services import school_days_before
from training.models import TrainingEvent
from training.services.events import send_reminder_email

REMINDER_SCHOOL_DAYS = 2
# Far enough back to span a two-week holiday; each event is then checked exactly.
LOOK_AHEAD = timedelta(days=28)


def reminder_due(event: TrainingEvent, now: datetime) -> bool:
    event_day = timezone.localtime(event.start).date()
    return school_days_before(event_day, REMINDER_SCHOOL_DAYS) <= timezone.localdate(now)


def send_event_reminders(now: datetime | None = None) -> int:
    """Remind confirmed people of events whose reminder is due. Returns emails sent."""
    now = now or timezone.now()
    candidates = TrainingEvent.objects.filter(
        status=TrainingEvent.Status.SCHEDULED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + LOOK_AHEAD,
    )
    due = [event.pk for event in candidates if reminder_due(event, now)]
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
