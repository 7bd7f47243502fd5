"""Bookings, deliveries and presenters, built directly (no rules applied): use the
services in schools.services when a test is about the rules themselves."""

import itertools
from datetime import timedelta

from django.utils import timezone

from schools.models import Booking, BookingOption, Delivery, DeliveryAssignment, PresenterProfile
from schools.services import closures

from . import cms as cms_factories
from .core import SchoolFactory, presenter

_counter = itertools.count(1)


def presenter_profile(user=None, sessions=(), **fields):
    user = user or presenter()
    profile, _ = PresenterProfile.objects.get_or_create(user=user, defaults=fields)
    if sessions:
        profile.qualified_sessions.add(*sessions)
    return profile


def booking(*, school=None, session=None, status=Booking.Status.REQUESTED, options=1, **fields):
    n = next(_counter)
    session = session or cms_factories.session_page()
    fields.setdefault("reference", f"BK-TEST-{n:05d}")
    fields.setdefault("year_groups", [session.min_year])
    fields.setdefault("expected_pupils", 30)
    b = Booking.objects.create(
        school=school or SchoolFactory(), session=session, status=status, **fields
    )
    # Preferred dates about three weeks ahead, each on a day the school is open (a fixed
    # offset lands on Christmas Day on some days of the year).
    day = timezone.localdate() + timedelta(days=21)
    for position in range(1, options + 1):
        day = closures.next_open_day(day + timedelta(days=1), b.school)
        BookingOption.objects.create(
            booking=b, position=position, date=day, part_of_day=BookingOption.PartOfDay.MORNING
        )
    return b


def delivery(*, booking_=None, presenters=None, start=None, duration=timedelta(hours=1), **fields):
    """A scheduled (or, with booking status delivered, past) delivery with its presenters.

    Without a start, each delivery gets its own time (three hours after the last), so
    one presenter's deliveries never overlap: PostgreSQL refuses overlapping ones."""
    b = booking_ or booking(status=Booking.Status.SCHEDULED)
    start = start or timezone.now() + timedelta(days=14, hours=3 * next(_counter))
    d = Delivery.objects.create(booking=b, start=start, end=start + duration, **fields)
    for p in presenters if presenters is not None else [presenter()]:
        DeliveryAssignment.objects.create(delivery=d, presenter=p, start=d.start, end=d.end)
    return d


def weekday_after(days, *, today=None):
    """The first open school day at least `days` school days from today (so a session's
    notice is always met, whatever holidays fall in between)."""
    today = today or timezone.localdate()
    return closures.next_open_day(closures.add_school_days(today, days))


def dsl(school, **kwargs):
    """An approved designated safeguarding lead of `school`."""
    from schools.models import SchoolMembership

    from .core import MembershipFactory, UserFactory

    return MembershipFactory(
        user=UserFactory(**kwargs), school=school, role=SchoolMembership.Role.DSL
    ).user


def qualified_presenter(session, **fields):
    """A presenter (with MFA) who may deliver `session`."""
    return presenter_profile(sessions=[session], **fields).user
