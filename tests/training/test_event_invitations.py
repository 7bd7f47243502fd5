"""Training event invitations as calendars read them: one UID per event, a SEQUENCE
that rises with every change to the event or to the person's place, REQUEST to
add or update and CANCEL to remove, each read by two parsers (tests.calendars)."""

from datetime import timedelta

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from tests import factories
from tests.calendars import attached, invitation_in
from tests.factories import training as tf
from training.models import Registration
from training.services.events import (
    cancel_event,
    cancel_registration,
    event_details_changed,
    move_registration,
    register_for_event,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


def staff():
    user = factories.school_staff()
    return user, user.school_memberships.get().school


def only_mail_to(user):
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message


def test_a_place_given_up_and_taken_again_outranks_each_earlier_message(
    django_capture_on_commit_callbacks,
):
    event = tf.event(capacity=5)
    user, school = staff()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_for_event(event, user, school)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration, by=user)
    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(event, user, school)
    seen = [invitation_in(m) for m in mail.outbox]
    assert [(c.method, c.event.sequence, c.event.status) for c in seen] == [
        ("REQUEST", 0, "CONFIRMED"),
        ("CANCEL", 1, "CANCELLED"),
        ("REQUEST", 2, "CONFIRMED"),
    ]
    assert {c.event.uid for c in seen} == {f"training-event-{event.pk}@testserver"}


def test_a_new_time_reaches_everyone_confirmed_as_an_update_in_place(
    django_capture_on_commit_callbacks,
):
    event = tf.event(capacity=1)
    confirmed = tf.registration(event_=event)
    waiting = tf.registration(event_=event, status=Status.WAITLISTED)
    coordinator = factories.coordinator()
    event.start += timedelta(hours=2)
    event.end += timedelta(hours=2)
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert event_details_changed(event, ["start", "end", "capacity"], by=coordinator)
    event.refresh_from_db()
    assert event.sequence == 1
    entry = ModelLogEntry.objects.for_instance(event).get(action="training.event.changed")
    assert entry.data == {"fields": ["end", "start"]}
    message = only_mail_to(confirmed.user)
    assert message.subject == f"Event changed: {event.course.title}"
    update = invitation_in(message)
    assert (update.method, update.event.sequence) == ("REQUEST", 1)
    assert update.event.start == event.start.replace(microsecond=0)
    assert not [m for m in mail.outbox if m.to == [waiting.user.email]]


def test_an_edit_that_no_calendar_shows_sends_nothing(django_capture_on_commit_callbacks):
    event = tf.event()
    tf.registration(event_=event)
    with django_capture_on_commit_callbacks(execute=True):
        assert not event_details_changed(event, ["capacity"], by=factories.coordinator())
    event.refresh_from_db()
    assert event.sequence == 0
    assert mail.outbox == []


def test_a_cancelled_event_is_removed_from_the_calendars_of_those_with_a_place(
    django_capture_on_commit_callbacks,
):
    event = tf.event(capacity=1)
    confirmed = tf.registration(event_=event)
    waiting = tf.registration(event_=event, status=Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_event(event, by=factories.coordinator(), reason="The trainer is ill.")
    cancellation = invitation_in(only_mail_to(confirmed.user))
    assert (cancellation.method, cancellation.event.status) == ("CANCEL", "CANCELLED")
    assert cancellation.event.sequence == 1
    assert cancellation.event.attendees == (f"mailto:{confirmed.user.email}",)
    assert only_mail_to(waiting.user).attachments == []


def test_a_move_adds_the_new_event_and_removes_the_old_one(django_capture_on_commit_callbacks):
    source, target = tf.event(), tf.event(capacity=5)
    moving = tf.registration(event_=source)
    with django_capture_on_commit_callbacks(execute=True):
        move_registration(moving, target, by=factories.coordinator())
    calendars = attached(only_mail_to(moving.user))
    by_uid = {cal.event.uid: (cal, method) for cal, method in calendars}
    new, new_method = by_uid[f"training-event-{target.pk}@testserver"]
    old, old_method = by_uid[f"training-event-{source.pk}@testserver"]
    assert (new.method, new_method, new.event.status) == ("REQUEST", "REQUEST", "CONFIRMED")
    assert (old.method, old_method, old.event.status) == ("CANCEL", "CANCEL", "CANCELLED")
    assert old.event.sequence == 1  # the person's place there was given up
