"""iCalendar files: an invitation per delivery and the school and presenter feeds.

Times are written in Europe/London with its VTIMEZONE, so calendar programs show
the visit at the right local time either side of the clock change.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Safeguarding Partnership//Schools portal//EN"


def _calendar(name=None, method=None):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/London")
    return cal


def delivery_event(delivery, *, cancelled=False):
    booking = delivery.booking
    event = Event()
    event.add("uid", f"{booking.reference}@schools-portal")
    event.add("summary", f"{booking.session.title} at {booking.school.name}")
    event.add("dtstart", delivery.start.astimezone(LONDON))
    event.add("dtend", delivery.end.astimezone(LONDON))
    event.add("dtstamp", booking.updated_at)
    # Same UID for the visit's whole life; each move or change of presenter raises
    # SEQUENCE, so calendars update the event in place (RFC 5546).
    event.add("sequence", delivery.sequence + (1 if cancelled else 0))
    place = ", ".join(
        p for p in [delivery.place, booking.school.name, booking.school.postcode] if p
    )
    event.add("location", place)
    names = ", ".join(p.get_full_name() for p in delivery.presenters.all())
    url = settings.WAGTAILADMIN_BASE_URL + reverse(
        "schools:booking_detail", args=[booking.reference]
    )
    event.add(
        "description",
        f"Booking {booking.reference}. Presenters: {names or 'to be confirmed'}. "
        f"Expected audience: {booking.expected_audience}. Details: {url}",
    )
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def invitation(delivery, *, cancelled=False):
    """A single-event calendar to attach to an email."""
    cal = _calendar(method="CANCEL" if cancelled else "PUBLISH")
    cal.add_component(delivery_event(delivery, cancelled=cancelled))
    cal.add_missing_timezones()
    return cal.to_ical()


def feed(name, deliveries):
    cal = _calendar(name=name)
    for delivery in deliveries:
        cal.add_component(delivery_event(delivery))
    cal.add_missing_timezones()
    return cal.to_ical()
