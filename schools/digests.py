"""The daily digest for coordinators who chose one: what schools did since the last
digest (new requests, withdrawals and cancellations, moves asked for, proposed dates
declined), read from the audit log. `manage.py send_booking_digest` runs it daily;
a coordinator with nothing new gets no email.

Each coordinator's period is claimed with a conditional update before the email is
queued (in the same transaction), and the email's key names the period, so two runs
at once, or a run repeated, never send the same digest twice."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal.roles import COORDINATORS
from portal.tasks import queue_email

from .models import Booking, BookingEmailPreference

# The audit actions a digest reports, in the words it uses.
ACTIONS = {
    "schools.booking.requested": "New request",
    "schools.booking.cancelled": "Cancelled by the school",
    "schools.booking.move_requested": "Asks to move the visit",
    "schools.booking.proposal_declined": "Cannot do the date you offered",
}
# A coordinator's first digest looks back this far.
FIRST_PERIOD = timedelta(days=1)


def school_actions(since: datetime, until: datetime) -> list[dict]:
    """What school staff did to bookings in (since, until], oldest first. Changes made
    by coordinators (a coordinator's cancellation) are not news to coordinators."""
    entries = (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Booking),
            action__in=ACTIONS,
            timestamp__gt=since,
            timestamp__lte=until,
        )
        .exclude(user__groups__name=COORDINATORS)
        .order_by("timestamp", "pk")
    )
    bookings = Booking.objects.select_related("school", "session").in_bulk(
        {int(e.object_id) for e in entries}
    )
    return [
        {
            "what": _what(entry),
            "when": entry.timestamp,
            "booking": bookings[int(entry.object_id)],
            "url": _absolute(bookings[int(entry.object_id)].get_absolute_url()),
        }
        for entry in entries
        if int(entry.object_id) in bookings
    ]


def _what(entry: ModelLogEntry) -> str:
    if entry.action == "schools.booking.cancelled" and (entry.data or {}).get("was") == "requested":
        return "Request withdrawn by the school"
    return ACTIONS[entry.action]


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL + path


def send_booking_digests(now: datetime) -> int:
    """One digest to each coordinator who chose daily and has something new.
    Returns how many were queued."""
    sent = 0
    preferences = BookingEmailPreference.objects.filter(
        frequency=BookingEmailPreference.Frequency.DAILY,
        user__is_active=True,
        user__groups__name=COORDINATORS,
    ).select_related("user")
    for preference in preferences:
        sent += _send_one(preference, now)
    return sent


def _send_one(preference: BookingEmailPreference, now: datetime) -> int:
    since = preference.digest_sent_up_to or now - FIRST_PERIOD
    with transaction.atomic():
        claimed = BookingEmailPreference.objects.filter(
            pk=preference.pk, digest_sent_up_to=preference.digest_sent_up_to
        ).update(digest_sent_up_to=now)
        if not claimed:
            return 0  # another run took this period
        items = school_actions(since, now)
        if not items:
            return 0
        context = {
            "items": items,
            "since": since,
            "requests_url": _absolute(reverse("schools:booking_requests")),
            "settings_url": _absolute(reverse("schools:booking_emails")),
        }
        body = render_to_string("schools/emails/booking_digest.txt", context)
        subject = f"Bookings: {len(items)} change{'s' if len(items) != 1 else ''} from schools"
        queue_email(
            EmailMessage(subject, body, to=[preference.user.email]),
            key=f"booking-digest:{preference.user_id}:{now.isoformat()}",
        )
    return 1
