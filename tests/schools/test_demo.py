"""The demo county: realistic, every state present, safe to run twice."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.demo import seed_accounts
from schools import demo, services
from schools.models import (
    Booking,
    BookingOption,
    ClosedDays,
    Delivery,
    DeliveryAssignment,
    PresenterProfile,
    School,
    SchoolMembership,
)
from tests.factories import cms

pytestmark = pytest.mark.django_db


def test_seed_builds_a_county_with_bookings_in_every_state():
    seed_accounts()
    sessions = [cms.session_page(min_year=y, max_year=y + 3) for y in (1, 5, 7, 9)]
    summary = demo.seed()
    assert "60 schools" in summary
    assert School.objects.values("district").distinct().count() == 6
    assert {s.phase for s in School.objects.all()} >= {"primary", "secondary"}
    assert all(100000 <= s.urn <= 999999 for s in School.objects.all())
    assert SchoolMembership.objects.filter(status="pending").count() >= 2
    assert set(Booking.objects.values_list("status", flat=True)) == set(Booking.Status.values)
    assert Booking.objects.count() >= 100
    assert {b.session for b in Booking.objects.all()} <= set(sessions)
    presenter = get_user_model().objects.get(email="presenter@demo.example")
    assert presenter.presenter_profile.vetting_confirmed_on
    assert DeliveryAssignment.objects.filter(presenter=presenter).exists()
    assert PresenterProfile.objects.count() == len(demo.PRESENTERS)
    # Nobody is double-booked, travel time included.
    for a in DeliveryAssignment.objects.all():
        assert (
            not DeliveryAssignment.objects.filter(
                presenter=a.presenter, start__lt=a.busy_until, busy_until__gt=a.start
            )
            .exclude(pk=a.pk)
            .exists()
        )
    # The authority's term dates for three school years, and some schools' own days.
    assert ClosedDays.objects.filter(school=None, kind="holiday").count() == 18
    assert ClosedDays.objects.filter(school__isnull=False).count() >= 10
    # No visit or preferred date falls on a closed day of its school: weekend, bank
    # holiday, the authority's holiday or INSET day, or the school's own INSET day.
    visits = [
        (timezone.localtime(d.start).date(), d.booking.school)
        for d in Delivery.objects.select_related("booking__school")
    ]
    visits += [
        (o.date, o.booking.school) for o in BookingOption.objects.select_related("booking__school")
    ]
    assert len(visits) >= 100
    assert not [(day, school) for day, school in visits if services.closure(day, school)]
    counts = (School.objects.count(), Booking.objects.count(), SchoolMembership.objects.count())
    demo.seed()
    assert counts == (
        School.objects.count(),
        Booking.objects.count(),
        SchoolMembership.objects.count(),
    )


def test_seed_without_sessions_still_makes_schools_and_presenters():
    seed_accounts()
    assert "0 bookings" in demo.seed()
    assert PresenterProfile.objects.exists()
