"""Reminders before school visits. `manage.py send_reminders` calls every function
listed in its REMINDERS with the current time; each must be safe to run again at
once (it claims each item with a conditional update before sending)."""

from datetime import timedelta

from django.utils import timezone

from .models import Booking, Delivery
from .services import school_days_before
from .tasks import REMINDER, send_booking_message

REMINDER_SCHOOL_DAYS = 2
# Two school days back can span a weekend, a two-week holiday and INSET days: every
# visit in this window is checked against its own school's closed days.
LOOK_AHEAD = timedelta(days=28)


def reminder_due(delivery, now):
    """From the start of the school day two school days before the visit (the school's
    own closed days skipped), until the visit starts."""
    visit_day = timezone.localtime(delivery.start).date()
    first_day = school_days_before(visit_day, REMINDER_SCHOOL_DAYS, delivery.booking.school)
    return first_day <= timezone.localdate(now) and delivery.start > now


def send_delivery_reminders(now):
    """Send each scheduled visit's reminder once; returns how many were sent."""
    candidates = Delivery.objects.filter(
        booking__status=Booking.Status.SCHEDULED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lt=now + LOOK_AHEAD,
    ).select_related("booking__school")
    sent = 0
    for delivery in candidates:
        if not reminder_due(delivery, now):
            continue
        # Claim it: of two runs at once, only one updates the row.
        claimed = Delivery.objects.filter(pk=delivery.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if claimed:
            send_booking_message(
                delivery.booking,
                REMINDER,
                key=f"reminder:{delivery.pk}:{delivery.start.isoformat()}",
            )
            sent += 1
    return sent
