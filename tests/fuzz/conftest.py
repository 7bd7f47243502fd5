"""The people and objects the fuzz tests post against.

Fixtures are built once per test; each hypothesis example then runs inside
`checks.isolated()`, a savepoint rolled back afterwards, so every example starts
from the same rows however the previous one ended (pytest-django's `db` fixture
is function-scoped and does not reset between examples by itself).
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from schools.models import Booking, SchoolMembership
from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import schools as school_factories
from tests.factories import training as training_factories


@pytest.fixture
def people(db):
    """Two schools and someone in every role."""
    school_a = factories.SchoolFactory(name="Oakfield Academy")
    school_b = factories.SchoolFactory(name="Birchwood School")
    pending = factories.school_staff(school_a, status=SchoolMembership.Status.PENDING)
    dsl_a = factories.school_staff(school_a)
    dsl_a.school_memberships.update(role=SchoolMembership.Role.DSL)
    factories.enable_mfa(dsl_a)  # pupils' words are read behind two-factor sign-in
    return SimpleNamespace(
        school_a=school_a,
        school_b=school_b,
        staff_a=factories.school_staff(school_a),
        dsl_a=dsl_a,
        pending_a=pending,
        pending_membership=pending.school_memberships.get(),
        staff_b=factories.school_staff(school_b),
        outsider=factories.UserFactory(),
        presenter=factories.presenter(),
        other_presenter=factories.presenter(),
        coordinator=factories.coordinator(),
    )


@pytest.fixture
def session_page(db):
    return cms_factories.session_page(
        min_year=7, max_year=9, max_audience=90, minimum_notice_days=10
    )


@pytest.fixture
def bookings(people, session_page):
    """A new request from school A (three dates), and one from school B."""
    school_factories.presenter_profile(people.presenter, sessions=[session_page])
    school_factories.presenter_profile(people.other_presenter, sessions=[session_page])
    return SimpleNamespace(
        requested=school_factories.booking(
            school=people.school_a, session=session_page, options=3, requested_by=people.staff_a
        ),
        other_school=school_factories.booking(school=people.school_b, session=session_page),
    )


@pytest.fixture
def past_delivery(people, session_page):
    """A visit to school A that started an hour ago, still scheduled: its register is due."""
    booking = school_factories.booking(
        school=people.school_a,
        session=session_page,
        status=Booking.Status.SCHEDULED,
        year_groups=[7, 8],
    )
    start = timezone.now() - timedelta(hours=1)
    return school_factories.delivery(booking_=booking, start=start, presenters=[people.presenter])


@pytest.fixture
def todays_event(people):
    """A training event on now, with school A's teacher confirmed and a trainer."""
    start = timezone.now() - timedelta(minutes=30)
    event = training_factories.event(
        start=start,
        end=start + timedelta(hours=3),
        booking_closes=start - timedelta(days=1),
        capacity=5,
        trainers=[people.presenter],
    )
    training_factories.registration(event_=event, user=people.staff_a)
    return event
