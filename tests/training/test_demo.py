"""The demo term of training: events past and upcoming, waiting lists, registers taken."""

from datetime import timedelta

import pytest
from django.utils import timezone

import schools.demo
from portal.demo import seed_accounts
from schools.models import Booking
from schools.services import closure
from tests.factories import cms
from tests.factories import schools as sf
from training import demo
from training.models import DeliveryRegister, Registration, TrainingEvent

pytestmark = pytest.mark.django_db


def test_seed_makes_a_term_of_events_with_waiting_lists_and_registers():
    seed_accounts()
    schools.demo.seed()
    courses = [cms.course_page(), cms.course_page()]
    past = sf.delivery(
        booking_=sf.booking(status=Booking.Status.SCHEDULED, year_groups=[5, 6]),
        start=timezone.now() - timedelta(days=3),
    )
    future = sf.delivery(start=timezone.now() + timedelta(days=3))

    summary = demo.seed()

    now = timezone.now()
    assert "training events" in summary
    for course in courses:
        events = TrainingEvent.objects.filter(course=course)
        assert events.filter(start__lt=now).exists()
        assert events.filter(start__gt=now).exists()
    full = [
        e
        for e in TrainingEvent.objects.upcoming().with_counts()
        if e.confirmed_count == e.capacity and e.waitlisted_count
    ]
    assert full
    for e in TrainingEvent.objects.with_counts():
        assert e.confirmed_count <= e.capacity
    past_confirmed = Registration.objects.filter(event__end__lt=now, status="confirmed")
    assert past_confirmed.exists()
    assert not past_confirmed.filter(attendance="unknown").exists()
    register = DeliveryRegister.objects.get(delivery=past)
    assert register.pupils_reached == sum(p.count for p in register.year_groups.all())
    assert {p.year_group for p in register.year_groups.all()} == {5, 6}
    past.booking.refresh_from_db()
    assert past.booking.status == Booking.Status.DELIVERED
    assert not DeliveryRegister.objects.filter(delivery=future).exists()
    assert Registration.objects.filter(user__email="dsl@demo.example").exists()
    # No training on a weekend, bank holiday, or the authority's holiday or INSET day.
    days = {timezone.localtime(e.start).date() for e in TrainingEvent.objects.all()}
    assert not [day for day in days if closure(day)]

    counts = (TrainingEvent.objects.count(), Registration.objects.count())
    demo.seed()
    assert (TrainingEvent.objects.count(), Registration.objects.count()) == counts


def test_seed_without_courses_makes_no_events():
    demo.seed()
    assert not TrainingEvent.objects.exists()
