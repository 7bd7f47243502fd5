"""Registering, cancelling and taking registers through the pages, and who may do what."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from portal.date_input import date_data
from schools.models import Booking
from tests import factories
from tests.factories import schools as sf
from tests.factories import training as tf
from training.models import DeliveryRegister, Registration

pytestmark = pytest.mark.django_db


def url(name, pk):
    from django.urls import reverse

    return reverse(f"training:{name}", args=[pk])


def test_anyone_sees_an_event_and_is_asked_to_sign_in(client):
    event = tf.event()
    response = client.get(url("event_detail", event.pk))
    assert response.status_code == 200
    assert event.course.title in response.text
    assert "Sign in" in response.text


def test_school_staff_register_and_see_their_place(
    client, staff, django_capture_on_commit_callbacks
):
    event = tf.event(capacity=1)
    client.force_login(staff)
    school = staff.school_memberships.get().school
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("event_register", event.pk), {"school": school.pk})
    assert response.status_code == 302
    assert Registration.objects.get(event=event, user=staff).status == "confirmed"
    page = client.get(url("event_detail", event.pk))
    assert "You have a place" in page.text
    assert len(mail.outbox) == 1


def test_a_full_event_offers_the_waiting_list_and_shows_the_position(client, staff):
    event = tf.full_event(capacity=1, waiting=2)
    client.force_login(staff)
    page = client.get(url("event_detail", event.pk))
    assert "Join the waiting list" in page.text
    school = staff.school_memberships.get().school
    client.post(url("event_register", event.pk), {"school": school.pk})
    page = client.get(url("event_detail", event.pk))
    assert "number 3 on the waiting list" in page.text


def test_registering_for_another_school_is_refused_on_the_form(client, staff):
    event = tf.event()
    client.force_login(staff)
    response = client.post(
        url("event_register", event.pk), {"school": factories.SchoolFactory().pk}
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text
    assert not Registration.objects.exists()


def test_registering_twice_shows_a_message_not_an_error(client, staff):
    event = tf.event()
    tf.registration(event_=event, user=staff)
    client.force_login(staff)
    school = staff.school_memberships.get().school
    response = client.post(url("event_register", event.pk), {"school": school.pk}, follow=True)
    assert "already registered" in response.text
    assert "You have a place" in response.text
    assert Registration.objects.filter(event=event, user=staff).count() == 1


def test_staff_cancel_their_own_registration_only(client, staff):
    mine = tf.registration(user=staff)
    theirs = tf.registration(event_=mine.event)
    client.force_login(staff)
    assert client.get(url("registration_cancel", theirs.pk)).status_code == 404
    assert client.post(url("registration_cancel", theirs.pk)).status_code == 404
    response = client.post(url("registration_cancel", mine.pk))
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == "cancelled"
    assert theirs.status == "confirmed"


def test_online_link_is_shown_only_to_confirmed_people(client, staff):
    event = tf.online_event(capacity=1)
    tf.registration(event_=event, user=staff)
    waiting = tf.registration(event_=event, status="waitlisted")
    client.force_login(staff)
    assert event.online_link in client.get(url("event_detail", event.pk)).text
    client.force_login(waiting.user)
    assert event.online_link not in client.get(url("event_detail", event.pk)).text


def todays_event(**fields):
    return tf.event(start=timezone.now() - timedelta(minutes=10), **fields)


@pytest.mark.parametrize("who", ["anonymous", "staff", "other_presenter"])
def test_only_trainers_and_coordinators_open_an_event_register(client, who):
    event = todays_event()
    registration = tf.registration(event_=event)
    if who == "staff":
        client.force_login(registration.user)
    elif who == "other_presenter":
        client.force_login(factories.presenter())
    response = client.get(url("event_attendance", event.pk))
    assert response.status_code == (302 if who == "anonymous" else 403)
    response = client.post(url("event_attendance", event.pk), {f"r{registration.pk}": "attended"})
    registration.refresh_from_db()
    assert registration.attendance == "unknown"


@pytest.mark.parametrize("who", ["trainer", "coordinator"])
def test_trainer_or_coordinator_takes_the_register(client, who):
    trainer = factories.presenter()
    event = todays_event(trainers=[trainer])
    here, away = tf.registration(event_=event), tf.registration(event_=event)
    client.force_login(trainer if who == "trainer" else factories.coordinator())
    page = client.get(url("event_attendance", event.pk))
    assert page.status_code == 200
    assert escape(here.user.get_full_name()) in page.text
    response = client.post(
        url("event_attendance", event.pk), {f"r{here.pk}": "attended", f"r{away.pk}": "absent"}
    )
    assert response.status_code == 302
    here.refresh_from_db()
    away.refresh_from_db()
    assert (here.attendance, away.attendance) == ("attended", "absent")


def test_walk_in_by_email(client):
    trainer = factories.presenter()
    event = todays_event(trainers=[trainer], capacity=2)
    walker = factories.school_staff()
    client.force_login(trainer)
    response = client.post(url("event_walk_in", event.pk), {"email": walker.email.upper()})
    assert response.status_code == 302
    assert Registration.objects.get(event=event, user=walker).walk_in
    response = client.post(url("event_walk_in", event.pk), {"email": "nobody@nowhere.example"})
    assert response.status_code == 400
    assert "No account uses this email address" in response.text


def test_a_walk_in_to_a_full_event_is_warned_then_added_above_capacity(client):
    trainer = factories.presenter()
    event = todays_event(trainers=[trainer], capacity=1)
    tf.registration(event_=event)
    walker = factories.school_staff()
    client.force_login(trainer)
    response = client.post(url("event_walk_in", event.pk), {"email": walker.email})
    assert response.status_code == 400
    assert "The event is full: all 1 places are taken" in response.text
    assert not Registration.objects.filter(user=walker).exists()
    response = client.post(
        url("event_walk_in", event.pk), {"email": walker.email, "over_capacity": "on"}, follow=True
    )
    assert "added above capacity: 2 people for 1 places" in response.text
    assert Registration.objects.get(event=event, user=walker).walk_in


def scheduled_delivery():
    booking = sf.booking(status=Booking.Status.SCHEDULED, year_groups=[7, 8])
    return sf.delivery(booking_=booking, start=timezone.now() - timedelta(hours=2))


def register_post(delivery, **overrides):
    start = timezone.localtime(delivery.start)
    data = {
        "year_7": "28",
        "year_8": "30",
        "staff_present": "3",
        **date_data("delivered_on", start.date()),
        "delivered_time": start.strftime("%H:%M"),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ["anonymous", "staff", "other_presenter"])
def test_only_assigned_presenters_and_coordinators_open_a_delivery_register(client, who):
    delivery = scheduled_delivery()
    if who == "staff":
        client.force_login(factories.school_staff(school=delivery.booking.school))
    elif who == "other_presenter":
        client.force_login(factories.presenter())
    assert client.get(url("delivery_register", delivery.pk)).status_code == (
        302 if who == "anonymous" else 403
    )
    client.post(url("delivery_register", delivery.pk), register_post(delivery))
    assert not DeliveryRegister.objects.exists()


def test_assigned_presenter_records_a_delivery_register(client):
    delivery = scheduled_delivery()
    client.force_login(delivery.presenters.get())
    page = client.get(url("delivery_register", delivery.pk))
    assert "Pupils reached in Year 7" in page.text
    assert "Pupils reached in Year 8" in page.text
    response = client.post(url("delivery_register", delivery.pk), register_post(delivery))
    assert response.status_code == 302
    register = DeliveryRegister.objects.get()
    assert register.pupils_reached == 58
    delivery.booking.refresh_from_db()
    assert delivery.booking.status == "delivered"


def test_the_register_takes_a_year_group_that_was_not_booked(client):
    delivery = scheduled_delivery()
    client.force_login(delivery.presenters.get())
    page = client.get(url("delivery_register", delivery.pk)).text
    assert "Another year group that took part (optional)" in page
    assert '<option value="9">Year 9</option>' in page
    assert '<option value="7">' not in page  # booked ones have their own box
    response = client.post(
        url("delivery_register", delivery.pk),
        register_post(delivery, other_year_group="9", other_count="26"),
    )
    assert response.status_code == 302
    register = DeliveryRegister.objects.get()
    assert register.pupils_reached == 84
    assert register.year_groups.get(year_group=9).booked is False
    # Correcting it later shows the year group with its note.
    page = client.get(url("delivery_register", delivery.pk)).text
    assert "Pupils reached in Year 9 (not booked)" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"other_year_group": "9"}, "other_count", "Enter the number of pupils in Year 9"),
        ({"other_count": "20"}, "other_year_group", "Select the year group those pupils were in"),
        ({"other_year_group": "3", "other_count": "20"}, "other_year_group", "Select one of"),
    ],
)
def test_another_year_group_needs_both_its_year_and_its_number(client, overrides, field, message):
    delivery = scheduled_delivery()
    client.force_login(delivery.presenters.get())
    response = client.post(
        url("delivery_register", delivery.pk), register_post(delivery, **overrides)
    )
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.text
    assert message in response.text
    assert not DeliveryRegister.objects.exists()


def test_bad_register_input_gets_messages_and_nothing_is_saved(client):
    delivery = scheduled_delivery()
    client.force_login(delivery.presenters.get())
    response = client.post(
        url("delivery_register", delivery.pk), register_post(delivery, year_7="-3", year_8="x")
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text
    response = client.post(
        url("delivery_register", delivery.pk), register_post(delivery, year_7="0", year_8="0")
    )
    assert response.status_code == 400
    assert "Enter how many pupils" in response.text
    assert not DeliveryRegister.objects.exists()
    delivery.booking.refresh_from_db()
    assert delivery.booking.status == "scheduled"


def test_upcoming_events_tag_lists_places_and_waiting_list():
    from django.template import Context, Template

    course = tf.event(capacity=3).course
    tf.full_event(course=course, capacity=1)
    tf.event(course=course, status="cancelled")
    tf.event(course=course, start=timezone.now() - timedelta(days=1))
    html = Template("{% load training_tags %}{% upcoming_events course %}").render(
        Context({"course": course})
    )
    assert html.count('class="app-card"') == 2
    assert "3 places left" in html
    assert "Waiting list" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"year_7": "9" * 40}, "Pupils in Year 7 must be 1000 or fewer"),
        ({"staff_present": "2147483648"}, "School staff present must be 200 or fewer"),
        (date_data("delivered_on", date(1, 1, 1)) | {"delivered_on-year": "0001"}, "planned for"),
    ],
)
def test_register_figures_no_school_could_reach_are_explained(client, overrides, message):
    """Numbers too big for the database were a server error; dates centuries back were
    saved, and would be printed on the school's certificate."""
    delivery = scheduled_delivery()
    client.force_login(delivery.presenters.get())
    response = client.post(
        url("delivery_register", delivery.pk), register_post(delivery, **overrides)
    )
    assert response.status_code == 400
    assert message in response.text
    assert not DeliveryRegister.objects.exists()
