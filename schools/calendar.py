"""School visits in calendars: the invitation emailed for a delivery and the school
and presenter feeds, written by the portal's one builder (portal.calendars).

A visit keeps one UID for its whole life (`visit-<booking reference>@<domain>`);
Delivery.sequence is raised by every move, change of presenter and cancellation,
so calendars update or remove the entry in place (RFC 5546).
"""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from portal import calendars
from portal.calendars import Attendee


def delivery_entry(delivery, *, cancelled=False):
    booking = delivery.booking
    place = ", ".join(
        p for p in [delivery.place, booking.school.name, booking.school.postcode] if p
    )
    names = ", ".join(p.get_full_name() for p in delivery.presenters.all())
    url = settings.WAGTAILADMIN_BASE_URL + reverse(
        "schools:booking_detail", args=[booking.reference]
    )
    return calendars.Entry(
        uid=calendars.uid("visit", booking.reference),
        sequence=delivery.sequence,
        start=delivery.start,
        end=delivery.end,
        summary=f"{booking.session.title} at {booking.school.name}",
        location=place,
        description=(
            f"Booking {booking.reference}. Presenters: {names or 'to be confirmed'}. "
            f"Expected audience: {booking.expected_audience}. Details: {url}"
        ),
        url=url,
        cancelled=cancelled,
    )


def invitation(delivery, recipients: Iterable[str] = (), *, cancelled=False):
    """The visit's invitation to `recipients` (or its cancellation): (bytes, METHOD)."""
    attendees = [Attendee(email) for email in recipients]
    return calendars.invitation(delivery_entry(delivery, cancelled=cancelled), attendees)


def feed(name, deliveries):
    return calendars.feed(name, (delivery_entry(d) for d in deliveries))
