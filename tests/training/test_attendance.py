"""Registers: attendance at training events, and what a school delivery reached."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from schools.models import Booking
from tests import factories
from tests.factories import schools as sf
from tests.factories import training as tf
from training.models import DeliveryRegister, Registration
from training.services import reports
from training.services.errors import TrainingError
from training.services.events.attendance import (
    add_walk_in,
    mark_attendance,
    record_delivery_register,
)

pytestmark = pytest.mark.django_db

Attendance = Registration.Attendance


def logged(instance):
    return list(ModelLogEntry.objects.for_instance(instance).values_list("action", flat=True))


def todays_event(**fields):
    return tf.event(start=timezone.now() - timedelta(minutes=30), **fields)


def test_trainer_marks_attended_and_absent_and_each_change_is_audited():
    trainer = factories.presenter()
    event = todays_event(trainers=[trainer])
    here, away = tf.registration(event_=event), tf.registration(event_=event)
    changed = mark_attendance(
        event, {here.pk: Attendance.ATTENDED, away.pk: Attendance.ABSENT}, by=trainer
    )
    assert changed == 2
    here.refresh_from_db()
    away.refresh_from_db()
    assert (here.attendance, away.attendance) == (Attendance.ATTENDED, Attendance.ABSENT)
    entry = ModelLogEntry.objects.for_instance(here).get()
    assert entry.action == "training.registration.attendance"
    assert entry.user == trainer
    assert entry.data == {"from": "unknown", "to": "attended"}


def test_a_coordinator_correction_is_audited_and_unchanged_marks_are_not():
    event = todays_event()
    registration = tf.registration(event_=event, attendance=Attendance.ABSENT)
    coordinator = factories.coordinator()
    assert mark_attendance(event, {registration.pk: Attendance.ABSENT}, by=coordinator) == 0
    assert mark_attendance(event, {registration.pk: Attendance.ATTENDED}, by=coordinator) == 1
    entry = ModelLogEntry.objects.for_instance(registration).get()
    assert entry.user == coordinator
    assert entry.data == {"from": "absent", "to": "attended"}


def test_waiting_people_are_not_on_the_register():
    event = todays_event(capacity=1)
    tf.registration(event_=event)
    waiting = tf.registration(event_=event, status=Registration.Status.WAITLISTED)
    mark_attendance(event, {waiting.pk: Attendance.ATTENDED}, by=factories.coordinator())
    waiting.refresh_from_db()
    assert waiting.attendance == Attendance.UNKNOWN


def test_the_register_opens_on_the_day():
    event = tf.event(start=timezone.now() + timedelta(days=3))
    registration = tf.registration(event_=event)
    with pytest.raises(TrainingError) as error:
        mark_attendance(event, {registration.pk: Attendance.ATTENDED}, by=factories.coordinator())
    assert error.value.code == "register_not_open"


def test_a_walk_in_takes_a_free_place_as_attended():
    event = todays_event(capacity=2)
    tf.registration(event_=event)
    walker = factories.school_staff()
    trainer = factories.presenter()
    registration = add_walk_in(event, walker, by=trainer)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.attendance == Attendance.ATTENDED
    assert registration.walk_in
    assert registration.school == walker.school_memberships.get().school
    assert logged(registration) == ["training.registration.walk_in"]


def test_no_walk_in_when_the_event_is_full():
    event = todays_event(capacity=1)
    tf.registration(event_=event)
    with pytest.raises(TrainingError) as error:
        add_walk_in(event, factories.school_staff(), by=factories.coordinator())
    assert error.value.code == "event_full"
    assert error.value.field == "over_capacity"
    assert "all 1 places are taken" in error.value.message
    assert event.registrations.count() == 1


def test_a_walk_in_above_capacity_when_the_trainer_says_so():
    event = todays_event(capacity=1)
    tf.registration(event_=event)
    walker = factories.school_staff()
    registration = add_walk_in(event, walker, by=factories.coordinator(), over_capacity=True)
    assert registration.walk_in
    assert registration.attendance == Attendance.ATTENDED
    assert event.registrations.confirmed().count() == 2
    entry = ModelLogEntry.objects.get(
        object_id=str(registration.pk), action="training.registration.walk_in"
    )
    assert entry.data == {"over_capacity": True}


def test_a_walk_in_already_confirmed_is_refused():
    event = todays_event(capacity=3)
    registration = tf.registration(event_=event)
    with pytest.raises(TrainingError) as error:
        add_walk_in(event, registration.user, by=factories.coordinator())
    assert error.value.code == "already_registered"


def delivered_delivery(year_groups=(7, 8)):
    booking = sf.booking(status=Booking.Status.SCHEDULED, year_groups=list(year_groups))
    return sf.delivery(booking_=booking, start=timezone.now() - timedelta(hours=2))


def test_recording_a_delivery_register_moves_the_booking_to_delivered():
    delivery = delivered_delivery()
    presenter = delivery.presenters.get()
    register = record_delivery_register(
        delivery,
        counts={7: 28, 8: 30},
        staff_present=3,
        delivered_at=delivery.start,
        by=presenter,
    )
    delivery.booking.refresh_from_db()
    assert delivery.booking.status == Booking.Status.DELIVERED
    assert delivery.booking.status_changed_by == presenter
    assert register.pupils_reached == 58
    assert register.staff_present == 3
    assert {p.year_group: p.count for p in register.year_groups.all()} == {7: 28, 8: 30}
    assert logged(register) == ["training.delivery_register.recorded"]
    assert logged(delivery.booking) == ["schools.booking.delivered"]


def test_a_correction_replaces_the_counts_and_keeps_before_and_after():
    delivery = delivered_delivery()
    presenter = delivery.presenters.get()
    record_delivery_register(
        delivery, counts={7: 28, 8: 30}, staff_present=3, delivered_at=delivery.start, by=presenter
    )
    coordinator = factories.coordinator()
    register = record_delivery_register(
        delivery,
        counts={7: 25, 8: 30},
        staff_present=2,
        delivered_at=delivery.start,
        by=coordinator,
    )
    assert DeliveryRegister.objects.count() == 1
    assert register.pupils_reached == 55
    entry = ModelLogEntry.objects.for_instance(register).order_by("-timestamp").first()
    assert entry.action == "training.delivery_register.corrected"
    assert entry.user == coordinator
    assert entry.data["before"]["pupils"] == {"7": 28, "8": 30}
    assert entry.data["after"]["pupils"] == {"7": 25, "8": 30}


@pytest.mark.parametrize(
    ("counts", "staff", "code"),
    [
        ({7: 20, 3: 30}, 2, "wrong_year_groups"),  # a secondary school has no Year 3
        ({7: -1, 8: 3}, 2, "negative_count"),
        ({7: 0, 8: 0}, 2, "no_pupils"),
        ({7: 1001, 8: 3}, 2, "too_many"),
        ({7: 20, 8: 3}, 201, "too_many"),
    ],
)
def test_bad_counts_are_refused_and_nothing_is_saved(counts, staff, code):
    delivery = delivered_delivery()
    with pytest.raises(TrainingError) as error:
        record_delivery_register(
            delivery, counts=counts, staff_present=staff, delivered_at=delivery.start, by=None
        )
    assert error.value.code == code
    delivery.booking.refresh_from_db()
    assert delivery.booking.status == Booking.Status.SCHEDULED
    assert not DeliveryRegister.objects.exists()


def test_a_year_group_beyond_the_booking_is_kept_as_not_booked_and_counted():
    """A Year 9 class joined the booked Years 7 and 8 on the day, as happens."""
    delivery = delivered_delivery()
    register = record_delivery_register(
        delivery,
        counts={7: 28, 8: 30, 9: 27},
        staff_present=3,
        delivered_at=delivery.start,
        by=delivery.presenters.get(),
    )
    assert register.pupils_reached == 85
    rows = {(p.year_group, p.count, p.booked) for p in register.year_groups.all()}
    assert rows == {(7, 28, True), (8, 30, True), (9, 27, False)}
    assert "Year 9 (not booked): 27" in [str(p) for p in register.year_groups.all()]
    entry = ModelLogEntry.objects.for_instance(register).get()
    assert entry.data["after"]["not_booked"] == [9]
    delivery.booking.refresh_from_db()
    assert delivery.booking.year_groups == [7, 8]  # the booking itself is unchanged


def test_the_reports_count_pupils_of_a_year_group_that_was_not_booked():
    delivery = delivered_delivery()
    record_delivery_register(
        delivery,
        counts={7: 28, 8: 30, 9: 27},
        staff_present=3,
        delivered_at=delivery.start,
        by=delivery.presenters.get(),
    )
    year = reports.academic_year_of(timezone.localdate(delivery.start))
    report = reports.build_report(reports.Filters(year=year))
    assert report.pupils_reached == 85


def test_a_year_group_the_school_does_not_teach_is_refused_with_its_name():
    delivery = delivered_delivery()
    with pytest.raises(TrainingError) as error:
        record_delivery_register(
            delivery, counts={7: 28, 3: 20}, staff_present=1, delivered_at=delivery.start, by=None
        )
    assert str(error.value) == (
        f"{delivery.booking.school.name} does not teach Year 3. "
        "Record only year groups the school teaches."
    )
    assert not DeliveryRegister.objects.exists()


def test_a_delivery_cannot_be_recorded_in_the_future():
    delivery = delivered_delivery()
    with pytest.raises(TrainingError) as error:
        record_delivery_register(
            delivery,
            counts={7: 1},
            staff_present=1,
            delivered_at=timezone.now() + timedelta(hours=1),
            by=None,
        )
    assert error.value.code == "future_delivery"


def test_a_delivery_date_long_before_the_plan_is_refused():
    delivery = delivered_delivery()
    with pytest.raises(TrainingError) as error:
        record_delivery_register(
            delivery,
            counts={7: 1},
            staff_present=1,
            delivered_at=delivery.start - timedelta(days=366),
            by=None,
        )
    assert error.value.code == "date_too_early"
    assert not DeliveryRegister.objects.exists()


def test_only_a_scheduled_booking_gets_a_first_register():
    booking = sf.booking(status=Booking.Status.CANCELLED)
    delivery = sf.delivery(booking_=booking, start=timezone.now() - timedelta(hours=2))
    with pytest.raises(TrainingError) as error:
        record_delivery_register(
            delivery,
            counts={booking.year_groups[0]: 10},
            staff_present=1,
            delivered_at=delivery.start,
            by=None,
        )
    assert error.value.code == "not_scheduled"
    assert not DeliveryRegister.objects.exists()
