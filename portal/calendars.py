"""The portal's one iCalendar builder: the invitations emailed about school visits and
training events (RFC 5546) and the calendar feeds (RFC 5545, RFC 7986).

The apps describe what goes in a calendar as plain `Entry` values; everything
about the format is decided here, once:

- METHOD on the calendar, and the same `method=` on the email's MIME part
  (`attach`): REQUEST for an invitation, CANCEL for a cancellation, PUBLISH for a
  feed.
- ORGANIZER is the partnership's mailbox (portal.mail.sender); every person the
  email goes to is an ATTENDEE. Feeds (PUBLISH) carry no ATTENDEE.
- UID is `<kind>-<key>@<the portal's domain>` (`uid`), the same for the whole life
  of a visit or event; SEQUENCE is the caller's counter, raised by every change,
  so a calendar replaces the entry in place rather than adding another.
- Times are in Europe/London with its VTIMEZONE, so they stay right either side of
  the clock change.
- Feeds ask to be fetched again every FEED_REFRESH (REFRESH-INTERVAL and
  Outlook's X-PUBLISHED-TTL).

See docs/messages.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
    vText,
)

from . import mail

LONDON = ZoneInfo("Europe/London")
REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"
# Often enough that a moved visit shows within the hour; rarely enough to cost little.
FEED_REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str = ""


@dataclass(frozen=True)
class Entry:
    """One visit or event as a calendar shows it."""

    uid: str
    sequence: int
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False


def domain() -> str:
    """The right-hand side of every UID: PORTAL_CALENDAR_DOMAIN, else the host of the
    portal's own address. It must never change once invitations have gone out."""
    configured = getattr(settings, "PORTAL_CALENDAR_DOMAIN", "")
    return configured or urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def uid(kind: str, key: object) -> str:
    """A UID that names one visit or event for good, e.g. `visit-BK-2026-00042@host`."""
    return f"{kind}-{key}@{domain()}"


def mimetype(method: str) -> str:
    """The MIME type of an invitation: its `method=` always agrees with the METHOD inside."""
    return f"text/calendar; method={method}"


def _calendar(method: str, name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.PORTAL_SERVICE_NAME}//Calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("name", name)  # RFC 7986
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/London")
        cal.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(FEED_REFRESH))
    cal.add_component(_london())
    return cal


def _london() -> Timezone:
    """Europe/London as its rule (the last Sundays of March and October), as the big
    calendar services write it: valid for any year, and read alike by every parser
    (a list of past dates, as icalendar generates, ends in 2038 and was misread)."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    zone.add("x-lic-location", "Europe/London")
    for part, name, before, after, start, month in (
        (TimezoneDaylight(), "BST", 0, 1, datetime(1970, 3, 29, 1), 3),
        (TimezoneStandard(), "GMT", 1, 0, datetime(1970, 10, 25, 2), 10),
    ):
        part.add("tzname", name)
        part.add("tzoffsetfrom", timedelta(hours=before))
        part.add("tzoffsetto", timedelta(hours=after))
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    address.params.update(params)
    return address


def _event(entry: Entry, attendees: Sequence[Attendee], stamp: datetime, who: mail.Sender) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.start.astimezone(LONDON))
    event.add("dtend", entry.end.astimezone(LONDON))
    event.add("summary", entry.summary)
    if entry.location:
        event.add("location", entry.location)
    if entry.description:
        event.add("description", entry.description)
    if entry.url:
        event.add("url", entry.url)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("organizer", _address(who.mailbox, who.name))
    for attendee in attendees:
        event.add(
            "attendee",
            _address(
                attendee.email,
                attendee.name,
                CUTYPE="INDIVIDUAL",
                ROLE="REQ-PARTICIPANT",
                PARTSTAT="NEEDS-ACTION",
                RSVP="FALSE",
            ),
        )
    return event


def invitation(entry: Entry, attendees: Iterable[Attendee]) -> tuple[bytes, str]:
    """An invitation to `attendees` (REQUEST), or its cancellation (CANCEL) when the
    entry is cancelled: the calendar text and its METHOD."""
    method = CANCEL if entry.cancelled else REQUEST
    cal = _calendar(method)
    cal.add_component(_event(entry, list(attendees), timezone.now(), mail.sender()))
    return cal.to_ical(), method


def feed(name: str, entries: Iterable[Entry]) -> bytes:
    """A feed to subscribe to (PUBLISH): every entry, refreshed every FEED_REFRESH."""
    cal = _calendar(PUBLISH, name)
    stamp, who = timezone.now(), mail.sender()  # once for the whole feed
    for entry in entries:
        cal.add_component(_event(entry, (), stamp, who))
    return cal.to_ical()


def attach(message: EmailMessage, filename: str, ics: bytes, method: str) -> None:
    """Attach an invitation to an email, its MIME `method=` agreeing with its METHOD."""
    message.attach(filename, ics, mimetype(method))
