"""What /dashboard/ shows each role about training."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories
from tests.factories import schools as sf
from tests.factories import training as tf

pytestmark = pytest.mark.django_db


def test_school_staff_see_their_registrations_with_status_and_position(client, staff):
    confirmed = tf.registration(user=staff)
    full = tf.full_event(capacity=1, waiting=1)
    tf.registration(event_=full, user=staff, status="waitlisted")
    someone_else = tf.registration()
    client.force_login(staff)
    page = client.get("/dashboard/").text
    assert confirmed.event.course.title in page
    assert "Confirmed" in page
    assert "Waiting list: number 2" in page
    assert someone_else.event.course.title not in page


def test_presenter_sees_registers_for_their_events_and_deliveries_only(client):
    presenter = factories.presenter()
    mine = tf.event(trainers=[presenter], start=timezone.now() + timedelta(days=2))
    not_mine = tf.event(start=timezone.now() + timedelta(days=2))
    delivery = sf.delivery(presenters=[presenter], start=timezone.now() - timedelta(hours=3))
    other_delivery = sf.delivery(start=timezone.now() - timedelta(hours=3))
    client.force_login(presenter)
    page = client.get("/dashboard/").text
    assert f"/training/events/{mine.pk}/attendance/" in page
    assert f"/training/events/{not_mine.pk}/attendance/" not in page
    assert f"/training/deliveries/{delivery.pk}/register/" in page
    assert f"/training/deliveries/{other_delivery.pk}/register/" not in page


def test_coordinator_sees_upcoming_events_with_numbers(client):
    event = tf.full_event(capacity=2, waiting=3)
    client.force_login(factories.coordinator())
    page = client.get("/dashboard/").text
    assert event.course.title in page
    assert "2 of 2" in page
