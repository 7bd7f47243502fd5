"""People can download their own data and close their account."""

import json

import pytest
from django.contrib.auth import get_user_model

from schools.models import SchoolMembership
from tests import factories

pytestmark = pytest.mark.django_db


def test_download_holds_the_person_s_own_data_only(client, staff, school):
    other = factories.school_staff(school=school)
    client.force_login(staff)
    response = client.get("/account/your-data/")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == staff.email
    assert data["school_memberships"][0]["urn"] == school.urn
    assert other.email not in response.text


def test_closing_needs_the_password(client, staff):
    client.force_login(staff)
    response = client.post("/account/close/", {"password": "not-mine"})
    assert response.status_code == 200
    assert "The password is not correct." in response.text
    staff.refresh_from_db()
    assert staff.is_active


def test_closing_removes_name_email_and_sign_in_and_ends_memberships(client, staff):
    email = staff.email
    client.post("/accounts/login/", {"login": email, "password": factories.PASSWORD})
    other_device = type(client)()
    other_device.post("/accounts/login/", {"login": email, "password": factories.PASSWORD})

    response = client.post("/account/close/", {"password": factories.PASSWORD})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert not staff.is_active
    assert (staff.first_name, staff.last_name) == ("", "")
    assert email not in staff.email
    assert not staff.emailaddress_set.exists()
    assert staff.school_memberships.get().status == SchoolMembership.Status.LEFT
    assert other_device.get("/dashboard/").status_code == 302
    assert not get_user_model().objects.filter(email=email).exists()
    # The address can be used again for a new account.
    response = client.post("/accounts/login/", {"login": email, "password": factories.PASSWORD})
    assert client.get("/dashboard/").status_code == 302
