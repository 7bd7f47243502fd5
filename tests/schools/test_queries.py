"""Listing pages make the same number of queries with few or many rows."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import cms
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db


def make_bookings(session, count, presenter, staff=None):
    """A scheduled and a requested booking at each of `count` schools."""
    other = cms.session_page()
    for _ in range(count):
        school = factories.SchoolFactory()
        if staff:
            factories.MembershipFactory(user=staff, school=school)
        booking = school_factories.booking(school=school, session=session, status="scheduled")
        school_factories.delivery(booking_=booking, presenters=[presenter])
        school_factories.booking(school=school, session=other, options=3)


@pytest.mark.parametrize("count", [1, 12])
def test_school_dashboard_queries_do_not_grow(client, django_assert_max_num_queries, count):
    staff = factories.school_staff()
    make_bookings(cms.session_page(), count, school_factories.presenter_profile().user, staff)
    client.force_login(staff)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_coordinator_pages_queries_do_not_grow(client, django_assert_max_num_queries, count):
    session = cms.session_page()
    person = school_factories.presenter_profile().user
    make_bookings(session, count, person)
    client.force_login(factories.coordinator())
    with django_assert_max_num_queries(25):
        assert client.get(reverse("dashboard")).status_code == 200
    # The requests page also lists visits schools ask to move, and each request's
    # latest proposed date (one query for each list, however many rows).
    with django_assert_max_num_queries(17):
        assert client.get(reverse("schools:booking_requests")).status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_presenter_dashboard_and_feed_queries_do_not_grow(
    client, django_assert_max_num_queries, count
):
    session = cms.session_page()
    person = school_factories.presenter_profile().user
    make_bookings(session, count, person)
    client.force_login(person)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("dashboard")).status_code == 200
    token = person.presenter_profile.calendar_token
    with django_assert_max_num_queries(14):
        assert client.get(reverse("schools:calendar_feed", args=[token])).status_code == 200
