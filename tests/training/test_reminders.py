"""One reminder before each training event, never two."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from schools.models import ClosedDays
from schools.services import LONDON
from tests.factories import training as tf
from training.models import Registration, TrainingEvent
from training.reminders import send_event_reminders

pytestmark = pytest.mark.django_db


def test_confirmed_people_get_one_reminder_the_day_before():
    now = timezone.now()
    event = tf.event(start=now + timedelta(hours=20))
    confirmed = tf.registration(event_=event)
    tf.registration(event_=event, status=Registration.Status.WAITLISTED)
    tf.registration(event_=event, status=Registration.Status.CANCELLED)
    later = tf.event(start=now + timedelta(days=10))
    tf.registration(event_=later)

    assert send_event_reminders(now) == 1
    [message] = mail.outbox
    assert message.to == [confirmed.user.email]
    assert "Reminder" in message.subject
    assert "tomorrow" in message.body
    event.refresh_from_db()
    assert event.reminder_sent_at == now

    assert send_event_reminders(now + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1


def test_cancelled_and_past_events_get_no_reminder():
    now = timezone.now()
    cancelled = tf.event(start=now + timedelta(hours=5), status=TrainingEvent.Status.CANCELLED)
    tf.registration(event_=cancelled)
    past = tf.event(start=now - timedelta(hours=5))
    tf.registration(event_=past)
    assert send_event_reminders(now) == 0
    assert mail.outbox == []


def test_an_event_already_claimed_by_another_run_is_skipped(monkeypatch):
    """The conditional update is what stops two overlapping runs both sending."""
    now = timezone.now()
    event = tf.event(start=now + timedelta(hours=20))
    tf.registration(event_=event)
    TrainingEvent.objects.filter(pk=event.pk).update(reminder_sent_at=now)
    assert send_event_reminders(now) == 0
    assert mail.outbox == []


def test_the_reminder_goes_two_school_days_before_skipping_half_term():
    """An event on Monday 22 February 2027, after a half term from 15 to 19 February:
    its reminder goes from Thursday 11 February, not on Thursday 18 in the holiday."""
    ClosedDays.objects.create(
        name="February half term", first_day=date(2027, 2, 15), last_day=date(2027, 2, 19)
    )
    event = tf.event(start=datetime(2027, 2, 22, 10, tzinfo=LONDON))
    tf.registration(event_=event)
    assert send_event_reminders(datetime(2027, 2, 10, 18, tzinfo=LONDON)) == 0
    assert send_event_reminders(datetime(2027, 2, 11, 7, tzinfo=LONDON)) == 1
    assert len(mail.outbox) == 1
