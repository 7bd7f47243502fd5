"""/dashboard/ routes each person to the home for their role."""

import pytest

from schools.models import SchoolMembership
from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/dashboard/"


def test_coordinator_home(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/dashboard/")
    assert "Partnership dashboard" in response.text
    assert "portal/dashboard/coordinator.html" in [t.name for t in response.templates]


def test_presenter_home(client, presenter):
    client.force_login(presenter)
    response = client.get("/dashboard/")
    assert "portal/dashboard/presenter.html" in [t.name for t in response.templates]


def test_school_staff_home_lists_only_their_schools(client, staff, school):
    other = factories.SchoolFactory(name="Somewhere Else Academy")
    client.force_login(staff)
    response = client.get("/dashboard/")
    assert "schools/dashboard/home_school_staff.html" in [t.name for t in response.templates]
    assert school.name in response.text
    assert other.name not in response.text


def test_pending_member_is_told_they_are_waiting(client, school):
    user = factories.school_staff(school=school, status=SchoolMembership.Status.PENDING)
    client.force_login(user)
    response = client.get("/dashboard/")
    assert "waiting for approval" in response.text
    assert school.name in response.text


def test_newcomer_is_asked_to_join_a_school(client):
    client.force_login(factories.UserFactory())
    response = client.get("/dashboard/")
    assert "portal/dashboard/newcomer.html" in [t.name for t in response.templates]


def test_a_rejected_member_is_not_school_staff(client, school):
    user = factories.school_staff(school=school, status=SchoolMembership.Status.REJECTED)
    client.force_login(user)
    response = client.get("/dashboard/")
    assert school.name not in response.text


def test_school_staff_home_reads_their_schools_once(
    client, staff, school, django_assert_num_queries
):
    second = factories.SchoolFactory(name="Second Street Primary")
    factories.MembershipFactory(user=staff, school=second, status=SchoolMembership.Status.APPROVED)
    client.force_login(staff)
    client.get("/dashboard/")  # the session's first request records it; measure the next
    # Session, user and allauth's session record (7, savepoints included),
    # groups, the schools, DSL memberships, training registrations (2), pupils'
    # feedback, dates offered and waiting for an answer, bookings and their visits
    # (2), certificates (2), and the site and its partnership settings for the
    # header (2).
    with django_assert_num_queries(20) as queries:
        response = client.get("/dashboard/")
    assert school.name in response.text
    assert second.name in response.text
    approved = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT DISTINCT "schools_school"."id"')
        or q["sql"].startswith("SELECT DISTINCT 1")
    ]
    assert len(approved) == 1, approved
