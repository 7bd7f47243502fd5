"""Registering for training events: places, the waiting list, cancelling, moving."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from schools.models import SchoolMembership
from tests import factories
from tests.calendars import invitation_in
from tests.factories import training as tf
from training.models import Registration, TrainingEvent
from training.services.errors import TrainingError
from training.services.events.registrations import (
    cancel_event,
    cancel_registration,
    move_registration,
    register_for_event,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status


def actions(instance):
    return list(
        ModelLogEntry.objects.for_instance(instance)
        .order_by("timestamp")
        .values_list("action", flat=True)
    )


def new_staff():
    user = factories.school_staff()
    return user, user.school_memberships.get().school


def ics_of(message):
    """The one invitation, read by both parsers (tests.calendars)."""
    [(name, content, mimetype)] = message.attachments
    assert name == "invitation.ics"
    assert mimetype.startswith("text/calendar")
    return invitation_in(message)


def test_a_free_place_is_confirmed_with_an_invitation(django_capture_on_commit_callbacks):
    event = tf.event(capacity=2)
    user, school = new_staff()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_for_event(event, user, school)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.school == school
    assert actions(registration) == ["training.registration.created"]
    [message] = mail.outbox
    assert message.to == [user.email]
    assert "confirmed" in message.subject
    invitation = ics_of(message)
    assert invitation.method == "REQUEST"
    assert invitation.event.start == event.start.replace(microsecond=0)
    assert invitation.event.uid == f"training-event-{event.pk}@testserver"
    assert invitation.event.sequence == 0
    assert invitation.event.attendees == (f"mailto:{user.email}",)
    assert invitation.event.organizer == "mailto:portal@safeguarding-partnership.example"


def test_when_full_people_join_the_waiting_list_in_order(django_capture_on_commit_callbacks):
    event = tf.full_event(capacity=1)
    first, first_school = new_staff()
    second, second_school = new_staff()
    with django_capture_on_commit_callbacks(execute=True):
        a = register_for_event(event, first, first_school)
        b = register_for_event(event, second, second_school)
    assert (a.status, b.status) == (Status.WAITLISTED, Status.WAITLISTED)
    assert a.waiting_list_position() == 1
    assert b.waiting_list_position() == 2
    assert "waiting list" in mail.outbox[1].subject
    assert "number 2" in mail.outbox[1].body
    assert mail.outbox[1].attachments == []


def test_online_link_goes_only_to_confirmed_people(django_capture_on_commit_callbacks):
    event = tf.online_event(capacity=1)
    confirmed, s1 = new_staff()
    waiting, s2 = new_staff()
    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(event, confirmed, s1)
        register_for_event(event, waiting, s2)
    assert event.online_link in mail.outbox[0].body
    ics_of(mail.outbox[0])
    assert event.online_link in mail.outbox[0].attachments[0][1]
    assert event.online_link not in mail.outbox[1].body


def test_nobody_registers_twice():
    event = tf.event()
    user, school = new_staff()
    register_for_event(event, user, school)
    with pytest.raises(TrainingError) as error:
        register_for_event(event, user, school)
    assert error.value.code == "already_registered"
    assert Registration.objects.filter(event=event, user=user).count() == 1


def test_only_for_an_approved_school():
    event = tf.event()
    user, _ = new_staff()
    pending = factories.school_staff(status=SchoolMembership.Status.PENDING)
    with pytest.raises(TrainingError) as error:
        register_for_event(event, user, factories.SchoolFactory())
    assert error.value.code == "not_your_school"
    with pytest.raises(TrainingError):
        register_for_event(event, pending, pending.school_memberships.get().school)
    assert not Registration.objects.exists()


def test_booking_closes_is_respected():
    now = timezone.now()
    event = tf.event(start=now + timedelta(days=3), booking_closes=now - timedelta(minutes=1))
    user, school = new_staff()
    with pytest.raises(TrainingError) as error:
        register_for_event(event, user, school)
    assert error.value.code == "booking_closed"
    assert not Registration.objects.exists()


def test_a_cancelled_event_takes_no_registrations():
    event = tf.event(status=TrainingEvent.Status.CANCELLED)
    user, school = new_staff()
    with pytest.raises(TrainingError) as error:
        register_for_event(event, user, school)
    assert error.value.code == "event_cancelled"


def test_cancelling_promotes_the_first_waiting_who_is_emailed(
    django_capture_on_commit_callbacks,
):
    event = tf.event(capacity=1)
    holder = tf.registration(event_=event)
    first = tf.registration(event_=event, status=Status.WAITLISTED)
    second = tf.registration(event_=event, status=Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(holder, by=holder.user)
    for r in (holder, first, second):
        r.refresh_from_db()
    assert holder.status == Status.CANCELLED
    assert first.status == Status.CONFIRMED
    assert second.status == Status.WAITLISTED
    assert second.waiting_list_position() == 1
    assert actions(holder) == ["training.registration.cancelled"]
    assert actions(first) == ["training.registration.promoted"]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "cancelled" in subjects[holder.user.email].lower()
    assert "place is now free" in subjects[first.user.email]
    assert second.user.email not in subjects
    promoted_mail = next(m for m in mail.outbox if m.to == [first.user.email])
    assert ics_of(promoted_mail).method == "REQUEST"


def test_leaving_the_waiting_list_promotes_nobody():
    event = tf.event(capacity=1)
    tf.registration(event_=event)
    waiting = tf.registration(event_=event, status=Status.WAITLISTED)
    behind = tf.registration(event_=event, status=Status.WAITLISTED)
    cancel_registration(waiting, by=waiting.user)
    behind.refresh_from_db()
    assert behind.status == Status.WAITLISTED
    assert event.registrations.confirmed().count() == 1


def test_registering_again_after_cancelling_joins_the_back_of_the_queue():
    event = tf.event(capacity=1)
    user, school = new_staff()
    mine = register_for_event(event, user, school)
    cancel_registration(mine, by=user)
    other = tf.registration(event_=event)  # took the free place
    assert other.status == Status.CONFIRMED
    again = register_for_event(event, user, school)
    assert again.pk == mine.pk
    assert again.status == Status.WAITLISTED
    assert actions(again)[-1] == "training.registration.rejoined"


def test_cannot_cancel_twice():
    registration = tf.registration()
    cancel_registration(registration, by=registration.user)
    with pytest.raises(TrainingError) as error:
        cancel_registration(registration, by=registration.user)
    assert error.value.code == "already_cancelled"


def test_cancelling_an_event_tells_everyone_registered(django_capture_on_commit_callbacks):
    event = tf.full_event(capacity=2, waiting=1)
    tf.registration(event_=event, status=Status.CANCELLED)
    coordinator = factories.coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_event(event, by=coordinator, reason="The trainer is ill.")
    event.refresh_from_db()
    assert event.status == TrainingEvent.Status.CANCELLED
    assert actions(event) == ["training.event.cancelled"]
    assert len(mail.outbox) == 3
    assert all("The trainer is ill." in m.body for m in mail.outbox)
    with pytest.raises(TrainingError):
        cancel_event(event, by=coordinator)


def test_moving_takes_a_free_place_and_frees_the_old_one(django_capture_on_commit_callbacks):
    source = tf.event(capacity=1)
    target = tf.event(capacity=5)
    moving = tf.registration(event_=source)
    waiting = tf.registration(event_=source, status=Status.WAITLISTED)
    coordinator = factories.coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        moved = move_registration(moving, target, by=coordinator)
    moving.refresh_from_db()
    waiting.refresh_from_db()
    assert moved.event == target and moved.status == Status.CONFIRMED
    assert moving.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED
    assert actions(moved) == ["training.registration.moved"]
    assert "training.registration.moved" in actions(moving)
    assert {m.to[0] for m in mail.outbox} == {moving.user.email, waiting.user.email}


def test_moving_to_a_full_event_joins_its_waiting_list():
    target = tf.full_event(capacity=1, waiting=1)
    moving = tf.registration()
    moved = move_registration(moving, target, by=factories.coordinator())
    assert moved.status == Status.WAITLISTED
    assert moved.waiting_list_position() == 2


def test_cannot_move_someone_already_registered_there():
    target = tf.event()
    moving = tf.registration()
    tf.registration(event_=target, user=moving.user)
    with pytest.raises(TrainingError) as error:
        move_registration(moving, target, by=factories.coordinator())
    assert error.value.code == "already_registered"
    moving.refresh_from_db()
    assert moving.status == Status.CONFIRMED
