"""Presenters, coordinators and superusers must set up two-factor authentication first."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

GUARDED = ["/dashboard/", "/admin/", "/admin/pages/", "/django-admin/", "/"]


@pytest.mark.parametrize("make_user", [factories.presenter, factories.coordinator])
@pytest.mark.parametrize("path", GUARDED)
def test_staff_without_mfa_are_sent_to_set_it_up(client, make_user, path):
    client.force_login(make_user(mfa=False))
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/totp/activate/")
    assert "next=" in response.url


def test_superuser_without_mfa_is_sent_to_set_it_up(client):
    user = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    assert client.get("/admin/").url.startswith("/accounts/2fa/totp/activate/")


@pytest.mark.parametrize("make_user", [factories.presenter, factories.coordinator])
def test_staff_with_mfa_reach_the_dashboard_and_the_admin(client, make_user):
    client.force_login(make_user())
    assert client.get("/dashboard/").status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "wagtail" in response.text.lower()


def test_new_presenter_signs_in_and_is_taken_to_set_up_mfa(client):
    user = factories.presenter(mfa=False)
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": factories.PASSWORD}
    )
    response = client.get(response.url, follow=True)
    # Changing two-factor settings always asks for the password again first.
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    response = client.post(
        response.redirect_chain[-1][0], {"password": factories.PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith("/accounts/2fa/totp/activate/")
    assert "Set up an authenticator app" in response.text


def test_school_staff_need_no_mfa(client, staff):
    client.force_login(staff)
    assert client.get("/dashboard/").status_code == 200


def test_sign_in_with_mfa_asks_for_the_code(client):
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    user = factories.presenter()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": factories.PASSWORD}
    )
    assert response.url == "/accounts/2fa/authenticate/"
    assert client.get("/dashboard/").status_code == 302  # not signed in yet
    counter = next(iter(yield_hotp_counters_from_time()))
    code = format_hotp_value(hotp_value(factories.TOTP_SECRET, counter))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_wagtail_and_django_admin_sign_in_go_through_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    response = client.get("/admin/login/?next=/admin/")
    assert response.url.startswith("/accounts/login/")
    response = client.get("/django-admin/login/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
