"""Capacity and the waiting list hold when many people act at once (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection

from tests import factories
from tests.factories import training as tf
from training.models import Registration, TrainingEvent
from training.services.errors import TrainingError
from training.services.events import registrations as service

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

Status = Registration.Status


def race(calls):
    """Start every call at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except TrainingError as error:
            results[index] = error
        except Exception as error:  # noqa: BLE001 - any other error fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def racers(event, n):
    people = []
    for _ in range(n):
        user = factories.school_staff()
        people.append((user, user.school_memberships.get().school))
    return [(lambda u=u, s=s: service.register_for_event(event, u, s)) for u, s in people]


def test_thirty_staff_racing_for_the_last_three_places():
    event = tf.event(capacity=5)
    for _ in range(2):
        tf.registration(event_=event)
    results, errors = race(racers(event, 30))
    assert errors == []
    assert all(isinstance(r, Registration) for r in results)
    new = list(Registration.objects.filter(pk__in=[r.pk for r in results]).order_by("pk"))
    assert [r.status for r in new] == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 27
    # The waiting list is in arrival order: the order the rows were written under the lock.
    assert [r.waiting_list_position() for r in new[3:]] == list(range(1, 28))
    assert list(event.registrations.waiting_list()) == new[3:]
    assert event.registrations.confirmed().count() == 5


def test_control_without_the_lock_the_race_overfills_the_event(monkeypatch):
    """Proves the race above is real: without the event lock, everyone sees free places."""
    event = tf.event(capacity=5)
    for _ in range(2):
        tf.registration(event_=event)
    calls = racers(event, 30)
    gate = threading.Barrier(len(calls))

    def unlocked(event):
        fresh = TrainingEvent.objects.get(pk=event.pk)
        gate.wait()  # everyone has read the event before anyone counts places
        return fresh

    monkeypatch.setattr(service, "_locked_event", unlocked)
    results, errors = race(calls)
    assert errors == []
    assert event.registrations.confirmed().count() > event.capacity


def test_one_person_racing_themselves_gets_one_registration():
    event = tf.event(capacity=5)
    user = factories.school_staff()
    school = user.school_memberships.get().school
    results, errors = race([lambda: service.register_for_event(event, user, school)] * 10)
    assert errors == []
    assert sum(isinstance(r, Registration) for r in results) == 1
    assert {r.code for r in results if isinstance(r, TrainingError)} == {"already_registered"}
    assert Registration.objects.filter(event=event, user=user).count() == 1


@pytest.mark.parametrize("attempt", range(5))
def test_a_cancellation_racing_a_registration_never_leaves_a_place_empty(attempt):
    event = tf.event(capacity=2)
    holder = tf.registration(event_=event)
    tf.registration(event_=event)
    waiting = tf.registration(event_=event, status=Status.WAITLISTED)
    newcomer = factories.school_staff()
    school = newcomer.school_memberships.get().school
    results, errors = race(
        [
            lambda: service.cancel_registration(holder, by=holder.user),
            lambda: service.register_for_event(event, newcomer, school),
        ]
    )
    assert errors == []
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert event.registrations.confirmed().count() == 2
    assert Registration.objects.get(event=event, user=newcomer).status == Status.WAITLISTED


def test_moves_in_opposite_directions_do_not_deadlock():
    a, b = tf.event(capacity=3), tf.event(capacity=3)
    ra, rb = tf.registration(event_=a), tf.registration(event_=b)
    coordinator = factories.coordinator()
    results, errors = race(
        [
            lambda: service.move_registration(ra, b, by=coordinator),
            lambda: service.move_registration(rb, a, by=coordinator),
        ]
    )
    assert errors == []
    assert a.registrations.confirmed().get().user == rb.user
    assert b.registrations.confirmed().get().user == ra.user


def test_two_reminder_runs_at_once_send_each_reminder_once():
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    from training.reminders import send_event_reminders

    now = timezone.now()
    event = tf.event(start=now + timedelta(hours=20))
    for _ in range(3):
        tf.registration(event_=event)
    results, errors = race([lambda: send_event_reminders(now)] * 4)
    assert errors == []
    assert sum(results) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        r.user.email for r in event.registrations.all()
    )
