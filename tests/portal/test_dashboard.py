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
    assert "portal/dashboard/school_staff.html" in [t.name for t in response.templates]
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
