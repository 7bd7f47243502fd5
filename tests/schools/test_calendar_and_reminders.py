"""Calendar feeds and invitations carry Europe/London times; reminders go once."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Site

from cms.models import PartnershipSettings
from schools import calendar, reminders, services
from schools.models import ClosedDays
from tests import calendars as read_calendars
from tests import factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db
LONDON = services.LONDON


def feed_events(client, token):
    response = client.get(reverse("schools:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    read = read_calendars.read(response.content)  # both parsers agree
    assert read.method == "PUBLISH"
    assert (read.refresh_interval, read.published_ttl) == ("PT1H", "PT1H")
    for event in read.events:
        assert event.organizer == "mailto:portal@safeguarding-partnership.example"
        assert event.organizer_name == "Westshire Safeguarding Children Partnership"
        assert event.attendees == ()  # a feed names nobody (RFC 5546 PUBLISH)
    return Calendar.from_ical(response.content).walk("VEVENT")


def next_year_day(month, day):
    return datetime(timezone.localdate().year + 1, month, day, 10, 0, tzinfo=LONDON)


def test_presenter_feed_shows_their_visits_at_london_time_either_side_of_the_clock_change(client):
    person = school_factories.presenter_profile().user
    summer = next_year_day(7, 1)  # BST, UTC+1
    winter = next_year_day(1, 15)  # GMT
    school_factories.delivery(presenters=[person], start=summer)
    school_factories.delivery(presenters=[person], start=winter)
    school_factories.delivery()  # someone else's
    events = feed_events(client, person.presenter_profile.calendar_token)
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == [winter, summer]
    assert [
        e.decoded("dtstart").utcoffset() for e in sorted(events, key=lambda e: e.decoded("dtstart"))
    ] == [
        timedelta(0),
        timedelta(hours=1),
    ]
    assert all(str(e["dtstart"].params["TZID"]) == "Europe/London" for e in events)


def test_school_feed_shows_only_that_schools_scheduled_visits(client, school):
    mine = school_factories.delivery(
        booking_=school_factories.booking(school=school, status="scheduled")
    )
    school_factories.delivery(booking_=school_factories.booking(school=school, status="cancelled"))
    school_factories.delivery()  # another school's
    events = feed_events(client, school.calendar_token)
    assert [str(e["uid"]) for e in events] == [f"visit-{mine.booking.reference}@testserver"]
    assert school.name in str(events[0]["summary"])


def test_unknown_or_reset_feed_addresses_show_nothing(client, school, staff):
    old = school.calendar_token
    assert client.get(reverse("schools:calendar_feed", args=["not-a-token"])).status_code == 404
    client.force_login(staff)
    client.post(reverse("schools:calendar_reset"), {"school": school.urn})
    school.refresh_from_db()
    assert school.calendar_token != old
    assert client.get(reverse("schools:calendar_feed", args=[old])).status_code == 404
    feed_events(client, school.calendar_token)


@pytest.mark.parametrize("urn", ["abc", "12a", "\u00b2", "99999999999999999999"])
def test_a_school_number_that_is_not_one_finds_no_school(client, school, staff, urn):
    """Not a server error, and the school's feed address stays as it was."""
    old = school.calendar_token
    client.force_login(staff)
    response = client.post(reverse("schools:calendar_reset"), {"school": urn})
    assert response.status_code == 404
    school.refresh_from_db()
    assert school.calendar_token == old


def test_presenter_can_reset_their_feed_address(client, presenter):
    profile = school_factories.presenter_profile(user=presenter)
    old = profile.calendar_token
    client.force_login(presenter)
    client.post(reverse("schools:calendar_reset"))
    profile.refresh_from_db()
    assert profile.calendar_token != old


def test_invitation_parses_and_cancellation_says_so():
    delivery = school_factories.delivery(start=next_year_day(3, 10))
    ics, method = calendar.invitation(delivery, ["dsl@school.example"])
    invited = read_calendars.read(ics)
    assert (method, invited.method) == ("REQUEST", "REQUEST")
    assert invited.event.start == delivery.start
    assert invited.event.end == delivery.end
    assert invited.event.attendees == ("mailto:dsl@school.example",)
    ics, method = calendar.invitation(delivery, ["dsl@school.example"], cancelled=True)
    cancelled = read_calendars.read(ics)
    assert (method, cancelled.method) == ("CANCEL", "CANCEL")
    assert cancelled.event.status == "CANCELLED"
    assert cancelled.event.uid == invited.event.uid


def test_uids_are_on_the_portals_own_domain_or_the_one_configured(settings):
    delivery = school_factories.delivery()
    settings.WAGTAILADMIN_BASE_URL = "https://schools.westshire.example"
    ics, _ = calendar.invitation(delivery, ["dsl@school.example"])
    assert read_calendars.read(ics).event.uid == (
        f"visit-{delivery.booking.reference}@schools.westshire.example"
    )
    settings.PORTAL_CALENDAR_DOMAIN = "calendar.westshire.example"
    ics, _ = calendar.invitation(delivery, ["dsl@school.example"])
    assert read_calendars.read(ics).event.uid.endswith("@calendar.westshire.example")


def test_the_organizer_is_the_partnerships_mailbox_from_its_settings():
    branding = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    branding.partnership_name = "Eastshire Partnership"
    branding.contact_email = "team@eastshire.example"
    branding.save()
    ics, _ = calendar.invitation(school_factories.delivery(), ["dsl@school.example"])
    event = read_calendars.read(ics).event
    assert (event.organizer, event.organizer_name) == (
        "mailto:team@eastshire.example",
        "Eastshire Partnership",
    )


# Reminders -------------------------------------------------------------------------


def monday_visit():
    day = timezone.localdate() + timedelta(days=14)
    day += timedelta(days=(7 - day.weekday()) % 7)
    return datetime.combine(day, time(10), tzinfo=LONDON)


def test_reminder_goes_two_school_days_before_and_only_once(school, staff):
    start = monday_visit()
    booking = school_factories.booking(school=school, status="scheduled", requested_by=staff)
    person = school_factories.presenter_profile().user
    delivery = school_factories.delivery(booking_=booking, presenters=[person], start=start)
    wednesday = start - timedelta(days=5)
    thursday = start - timedelta(days=4, hours=2)
    assert reminders.send_delivery_reminders(wednesday) == 0
    assert reminders.send_delivery_reminders(thursday) == 1
    assert reminders.send_delivery_reminders(thursday + timedelta(minutes=5)) == 0
    delivery.refresh_from_db()
    assert delivery.reminder_sent_at == thursday
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([staff.email, person.email])
    assert all("Reminder" in m.subject for m in mail.outbox)


def test_reminder_counts_school_days_back_over_half_term_and_the_schools_inset_day(school, staff):
    """A visit on Monday 22 February 2027 after half term (15 to 19 February), with the
    school's own INSET day on Friday 12 February: two school days before is Wednesday
    10 February, not the Thursday before it as weekdays alone would give."""
    ClosedDays.objects.create(
        name="February half term",
        first_day=datetime(2027, 2, 15).date(),
        last_day=datetime(2027, 2, 19).date(),
    )
    ClosedDays.objects.create(
        name="INSET day",
        kind="inset",
        first_day=datetime(2027, 2, 12).date(),
        last_day=datetime(2027, 2, 12).date(),
        school=school,
    )
    booking = school_factories.booking(school=school, status="scheduled", requested_by=staff)
    start = datetime(2027, 2, 22, 10, tzinfo=LONDON)
    delivery = school_factories.delivery(booking_=booking, start=start)
    assert reminders.send_delivery_reminders(datetime(2027, 2, 9, 16, tzinfo=LONDON)) == 0
    wednesday = datetime(2027, 2, 10, 7, tzinfo=LONDON)
    assert reminders.send_delivery_reminders(wednesday) == 1
    delivery.refresh_from_db()
    assert delivery.reminder_sent_at == wednesday
    assert staff.email in {a for m in mail.outbox for a in m.to}


def test_cancelled_visits_get_no_reminder(school):
    start = monday_visit()
    booking = school_factories.booking(school=school, status="cancelled")
    school_factories.delivery(booking_=booking, start=start)
    assert reminders.send_delivery_reminders(start - timedelta(days=1)) == 0


def test_send_reminders_command_runs_every_listed_function(monkeypatch, capsys):
    from schools.management.commands import send_reminders

    monkeypatch.setattr(
        send_reminders,
        "REMINDERS",
        [*send_reminders.REMINDERS, "tests.schools.test_calendar_and_reminders.fake_reminder"],
    )
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert "schools.reminders.send_delivery_reminders: 0 sent" in out
    assert "fake_reminder: 7 sent" in out


def fake_reminder(now):
    assert timezone.is_aware(now)
    return 7


def test_factories_still_work_for_others():
    assert factories.SchoolFactory().calendar_token
