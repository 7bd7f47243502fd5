"""Coordinators run events in the Wagtail admin: listings, exports, cancel and move."""

import csv
import io
import re
from datetime import UTC, datetime, time, timedelta

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from schools.services import bank_holiday, next_open_day
from tests import factories
from tests.calendars import invitation_in
from tests.factories import training as tf
from training.models import Registration, TrainingEvent

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_coordinator_sees_events_with_numbers(admin_client):
    event = tf.full_event(capacity=2, waiting=1)
    response = admin_client.get("/admin/training/events/")
    assert response.status_code == 200
    assert event.course.title in response.text


def test_registrations_and_waiting_list_of_one_event(admin_client):
    event = tf.full_event(capacity=1, waiting=2)
    other = tf.registration()
    response = admin_client.get(f"/admin/training/registrations/?event={event.pk}")
    assert response.status_code == 200
    for registration in event.registrations.all():
        assert (
            registration.user.email in response.text
            or escape(str(registration.user)) in response.text
        )
    assert escape(str(other.user)) not in response.text


def test_registrations_export_as_csv_and_xlsx(admin_client):
    event = tf.full_event(capacity=1, waiting=1)
    response = admin_client.get(f"/admin/training/registrations/?event={event.pk}&export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert len(rows) == 2
    assert {r["Email"] for r in rows} == {r.user.email for r in event.registrations.all()}
    assert {r["Status"]: r["Waiting list position"] for r in rows} == {
        "Confirmed": "",
        "On the waiting list": "1",
    }
    response = admin_client.get(f"/admin/training/registrations/?event={event.pk}&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 3  # headings and two people


def test_events_export(admin_client):
    tf.event()
    response = admin_client.get("/admin/training/events/?export=csv")
    assert response.status_code == 200
    assert "Confirmed" in body(response)


def test_exports_give_local_time_to_the_second(admin_client):
    # 08:30:15.25 UTC on a July day is 09:30:15 in London (summer time).
    start = datetime(2027, 7, 1, 8, 30, 15, 250000, tzinfo=UTC)
    tf.registration(event_=tf.event(start=start))
    rows = list(csv.DictReader(io.StringIO(body(admin_client.get(EVENTS_CSV)))))
    assert (rows[0]["Start"], rows[0]["End"]) == ("2027-07-01 09:30:15", "2027-07-01 12:30:15")
    response = admin_client.get("/admin/training/events/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    assert sheet[2][headings.index("Start")].value == datetime(2027, 7, 1, 9, 30, 15)
    rows = list(csv.DictReader(io.StringIO(body(admin_client.get(REGISTRATIONS_CSV)))))
    assert rows[0]["Event starts"] == "2027-07-01 09:30:15"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[0]["Registered at"])


EVENTS_CSV = "/admin/training/events/?export=csv"
REGISTRATIONS_CSV = "/admin/training/registrations/?export=csv"


@pytest.mark.parametrize("who", ["presenter", "staff"])
def test_others_cannot_reach_the_training_admin(client, who):
    event = tf.event()
    registration = tf.registration(event_=event)
    user = factories.presenter() if who == "presenter" else registration.user
    client.force_login(user)
    for path in [
        "/admin/training/events/",
        "/admin/training/registrations/",
        "/admin/training/registrations/?export=csv",
        f"/admin/training/events/cancel/{event.pk}/",
        f"/admin/training/registrations/move/{registration.pk}/",
    ]:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        assert registration.user.email not in response.content.decode(errors="ignore")
    client.post(f"/admin/training/events/cancel/{event.pk}/", {"reason": "no"})
    event.refresh_from_db()
    assert event.status == TrainingEvent.Status.SCHEDULED


def event_form(course, **overrides):
    day = next_open_day(timezone.localdate() + timedelta(days=20))
    start = timezone.make_aware(datetime.combine(day, time(9, 30)))
    data = {
        "course": course.pk,
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        "venue": "County Hall",
        "online_link": "",
        "capacity": "20",
        "booking_closes": (start - timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
    }
    data.update(overrides)
    return data


def test_coordinator_schedules_an_event(admin_client):
    from tests.factories import cms

    course = cms.course_page()
    trainer = factories.presenter()
    response = admin_client.post(
        "/admin/training/events/new/", event_form(course, trainers=[trainer.pk])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = TrainingEvent.objects.get()
    assert event.course == course
    assert list(event.trainers.all()) == [trainer]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"venue": ""}, "Give a venue"),
        (
            {"booking_closes": (timezone.now() + timedelta(days=60)).strftime("%Y-%m-%d %H:%M")},
            "Booking must close",
        ),
    ],
)
def test_bad_event_input_is_refused_on_the_form(admin_client, overrides, message):
    from tests.factories import cms

    course = cms.course_page()
    response = admin_client.post("/admin/training/events/new/", event_form(course, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TrainingEvent.objects.exists()


def test_a_venue_on_several_lines_is_refused_at_the_field(admin_client):
    """The venue goes into the reminder emails and calendar invitations."""
    from tests.factories import cms

    course = cms.course_page()
    response = admin_client.post(
        "/admin/training/events/new/", event_form(course, venue="County Hall\r\nRoom 2")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["venue"] == [
        "Enter this on one line, without line breaks, tabs or other special characters."
    ]
    assert not TrainingEvent.objects.exists()


def test_an_event_on_the_authoritys_inset_day_is_refused(admin_client):
    from schools.models import ClosedDays
    from tests.factories import cms

    data = event_form(cms.course_page())  # on an open day, twenty days ahead
    day = datetime.strptime(data["start"], "%Y-%m-%d %H:%M").date()
    ClosedDays.objects.create(name="INSET day", kind="inset", first_day=day, last_day=day)
    response = admin_client.post("/admin/training/events/new/", data)
    assert response.status_code == 200
    assert f"Schools are closed on {day:%A %-d %B %Y} (INSET day)" in response.text
    assert not TrainingEvent.objects.exists()


def test_an_event_on_a_bank_holiday_or_weekend_is_refused(admin_client):
    from tests.factories import cms

    course = cms.course_page()
    day = timezone.localdate() + timedelta(days=20)
    while not bank_holiday(day):
        day += timedelta(days=1)
    start = datetime.combine(day, time(9, 30))
    response = admin_client.post(
        "/admin/training/events/new/",
        event_form(
            course,
            start=start.strftime("%Y-%m-%d %H:%M"),
            end=(start + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
            booking_closes=(start - timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Schools are closed on {day:%A %-d %B %Y}" in page
    assert f"The next open day is {next_open_day(day):%A %-d %B %Y}." in page
    assert not TrainingEvent.objects.exists()


def test_more_places_promote_the_people_waiting(admin_client):
    event = tf.full_event(capacity=1, waiting=2)
    local = {
        k: timezone.localtime(getattr(event, k)).strftime("%Y-%m-%d %H:%M")
        for k in ("start", "end", "booking_closes")
    }
    data = event_form(event.course, capacity="2", **local)
    response = admin_client.post(f"/admin/training/events/edit/{event.pk}/", data)
    assert response.status_code == 302
    assert event.registrations.confirmed().count() == 2
    assert event.registrations.waiting_list().count() == 1


def test_capacity_cannot_drop_below_confirmed_places(admin_client):
    event = tf.full_event(capacity=3)
    local = {
        k: timezone.localtime(getattr(event, k)).strftime("%Y-%m-%d %H:%M")
        for k in ("start", "end", "booking_closes")
    }
    response = admin_client.post(
        f"/admin/training/events/edit/{event.pk}/", event_form(event.course, capacity="2", **local)
    )
    assert response.status_code == 200
    assert "3 people already have a place" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 3


def test_cancel_an_event_from_the_admin(admin_client, django_capture_on_commit_callbacks):
    event = tf.full_event(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/training/events/cancel/{event.pk}/", {"reason": "Venue flooded."}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == TrainingEvent.Status.CANCELLED
    assert len(mail.outbox) == 2


def test_move_someone_from_the_admin(admin_client, coordinator):
    registration = tf.registration()
    target = tf.event()
    page = admin_client.get(f"/admin/training/registrations/move/{registration.pk}/")
    assert page.status_code == 200
    response = admin_client.post(
        f"/admin/training/registrations/move/{registration.pk}/", {"to_event": target.pk}
    )
    assert response.status_code == 302
    moved = Registration.objects.get(event=target, user=registration.user)
    assert moved.status == Registration.Status.CONFIRMED
    entry = ModelLogEntry.objects.for_instance(moved).get()
    assert entry.user == coordinator


def test_a_refused_move_is_shown_on_the_form(admin_client):
    registration = tf.registration()
    target = tf.event()
    tf.registration(event_=target, user=registration.user)
    response = admin_client.post(
        f"/admin/training/registrations/move/{registration.pk}/", {"to_event": target.pk}
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()


def admin_breadcrumbs(html):
    """(address, label) of each item of Wagtail's breadcrumbs; the current page has no address."""
    nav = re.search(r'<nav[^>]*aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
    return [
        (href, " ".join(re.sub(r"<[^>]+>", " ", label).split()))
        for href, label in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', nav, re.S)
    ]


def test_cancel_and_move_pages_have_wagtail_breadcrumbs(admin_client):
    registration = tf.registration()
    event = registration.event
    page = admin_client.get(f"/admin/training/events/cancel/{event.pk}/")
    assert admin_breadcrumbs(page.text) == [
        ("/admin/", "Home"),
        ("/admin/training/events/", "Training events"),
        (f"/admin/training/events/edit/{event.pk}/", escape(str(event))),
        ("", "Cancel"),
    ]
    for action, label in [("move", "Move"), ("cancel", "Cancel")]:
        page = admin_client.get(f"/admin/training/registrations/{action}/{registration.pk}/")
        assert admin_breadcrumbs(page.text) == [
            ("/admin/", "Home"),
            (f"/admin/training/registrations/?event={event.pk}", "Registrations"),
            (
                f"/admin/training/registrations/inspect/{registration.pk}/",
                escape(str(registration)),
            ),
            ("", label),
        ]


def test_a_new_time_in_the_admin_updates_everyones_calendar(
    admin_client, django_capture_on_commit_callbacks
):
    event = tf.event(capacity=1)
    confirmed = tf.registration(event_=event)
    tf.registration(event_=event, status=Registration.Status.WAITLISTED)
    later = {
        k: timezone.localtime(getattr(event, k) + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
        for k in ("start", "end")
    }
    closes = timezone.localtime(event.booking_closes).strftime("%Y-%m-%d %H:%M")
    data = event_form(event.course, venue=event.venue, capacity="1", booking_closes=closes, **later)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/training/events/edit/{event.pk}/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1
    entry = ModelLogEntry.objects.for_instance(event).get(action="training.event.changed")
    assert entry.data == {"fields": ["end", "start"]}
    (message,) = mail.outbox
    assert message.to == [confirmed.user.email]
    update = invitation_in(message)
    assert (update.method, update.event.sequence, update.event.start) == (
        "REQUEST",
        1,
        event.start,
    )
