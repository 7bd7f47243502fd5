"""Calendars read back as a mail client would: every invitation and feed the tests see
is parsed by two independent parsers (icalendar and vobject), which must agree on
what RFC 5546 asks of it: METHOD, ORGANIZER, UID, SEQUENCE, DTSTAMP and times in
Europe/London with its VTIMEZONE."""

from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes

import vobject
from icalendar import Calendar

LONDON = "Europe/London"


@dataclass(frozen=True)
class ReadEvent:
    uid: str
    sequence: int
    status: str
    organizer: str  # mailto:...
    organizer_name: str
    attendees: tuple[str, ...]  # mailto:...
    start: datetime
    end: datetime
    summary: str


@dataclass(frozen=True)
class ReadCalendar:
    method: str
    events: tuple[ReadEvent, ...]
    refresh_interval: str = ""
    published_ttl: str = ""

    @property
    def event(self) -> ReadEvent:
        (only,) = self.events
        return only


def _by_icalendar(data: bytes) -> ReadCalendar:
    cal = Calendar.from_ical(data)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == [LONDON] or not cal.walk("VEVENT")
    events = []
    for event in cal.walk("VEVENT"):
        for name in ("dtstart", "dtend"):
            assert str(event[name].params["TZID"]) == LONDON
        assert event.decoded("dtstamp").utcoffset().total_seconds() == 0
        organizer = event["organizer"]
        attendees = event.get("attendee", [])
        attendees = attendees if isinstance(attendees, list) else [attendees]
        events.append(
            ReadEvent(
                uid=str(event["uid"]),
                sequence=int(event["sequence"]),
                status=str(event["status"]),
                organizer=str(organizer),
                organizer_name=str(organizer.params.get("CN", "")),
                attendees=tuple(sorted(str(a) for a in attendees)),
                start=event.decoded("dtstart"),
                end=event.decoded("dtend"),
                summary=str(event["summary"]),
            )
        )
    return ReadCalendar(
        method=str(cal["method"]),
        events=tuple(events),
        refresh_interval=cal.get("refresh-interval", "")
        and cal["refresh-interval"].to_ical().decode(),
        published_ttl=str(cal.get("x-published-ttl", "")),
    )


def _by_vobject(data: bytes) -> ReadCalendar:
    cal = vobject.readOne(data.decode())
    assert [tz.tzid.value for tz in getattr(cal, "vtimezone_list", [])] == [LONDON] or not hasattr(
        cal, "vevent"
    )
    events = []
    for event in getattr(cal, "vevent_list", []):
        for line in (event.dtstart, event.dtend):
            assert vobject.icalendar.TimezoneComponent.pickTzid(line.value.tzinfo) == LONDON
        organizer = event.organizer
        events.append(
            ReadEvent(
                uid=event.uid.value,
                sequence=int(event.sequence.value),
                status=event.status.value,
                organizer=organizer.value,
                organizer_name=organizer.params.get("CN", [""])[0],
                attendees=tuple(sorted(a.value for a in getattr(event, "attendee_list", []))),
                start=event.dtstart.value,
                end=event.dtend.value,
                summary=event.summary.value,
            )
        )
    contents = cal.contents
    return ReadCalendar(
        method=cal.method.value,
        events=tuple(events),
        refresh_interval=contents["refresh-interval"][0].value
        if "refresh-interval" in contents
        else "",
        published_ttl=contents["x-published-ttl"][0].value if "x-published-ttl" in contents else "",
    )


def read(data: bytes) -> ReadCalendar:
    """The calendar as both parsers read it; they must agree on every field."""
    first, second = _by_icalendar(data), _by_vobject(data)
    assert first == second, (first, second)
    return first


def attached(message, suffix=".ics"):
    """(calendar, MIME method parameter) of each calendar file attached to a sent
    email, read from the email as it goes out, not from Django's attachment list."""
    parsed = message_from_bytes(message.message().as_bytes())
    found = []
    for part in parsed.walk():
        if part.get_content_type() == "text/calendar" and (part.get_filename() or "").endswith(
            suffix
        ):
            found.append((read(part.get_payload(decode=True)), part.get_param("method")))
    return found


def invitation_in(message):
    """The one invitation in an email, checked to say the same METHOD as its MIME part."""
    ((cal, method),) = attached(message)
    assert method == cal.method
    return cal
