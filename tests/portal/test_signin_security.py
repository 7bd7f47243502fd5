"""Sign-in protections: rate limits on wrong passwords, single-use MFA codes."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tests import factories

pytestmark = pytest.mark.django_db


def _current_code():
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(factories.TOTP_SECRET, counter))


def test_sixth_wrong_password_in_five_minutes_locks_the_account_even_with_the_right_one(client):
    user = factories.UserFactory()
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-guess"})
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text
    assert client.get("/dashboard/").status_code == 302


def test_a_totp_code_cannot_be_used_twice(client):
    user = factories.presenter()
    code = _current_code()
    client.post("/accounts/login/", {"login": user.email, "password": factories.PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert client.get("/dashboard/").status_code == 200
    client.post("/accounts/logout/")

    client.post("/accounts/login/", {"login": user.email, "password": factories.PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200  # the form again, with an error
    assert client.get("/dashboard/").status_code == 302


def test_a_recovery_code_works_once(client):
    user = factories.presenter()
    codes = RecoveryCodes.activate(user).get_unused_codes()
    client.post("/accounts/login/", {"login": user.email, "password": factories.PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert client.get("/dashboard/").status_code == 200
    client.post("/accounts/logout/")

    client.post("/accounts/login/", {"login": user.email, "password": factories.PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert client.get("/dashboard/").status_code == 302
    recovery = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    assert codes[0] not in recovery.get_unused_codes()


def test_people_see_and_end_their_other_sessions(client):
    user = factories.UserFactory()
    other = type(client)()
    other.post("/accounts/login/", {"login": user.email, "password": factories.PASSWORD})
    client.post("/accounts/login/", {"login": user.email, "password": factories.PASSWORD})
    response = client.get("/accounts/sessions/")
    assert response.status_code == 200
    assert response.text.count("govuk-table__row") >= 3  # header and two sessions
    client.post("/accounts/sessions/", {})  # "sign out other sessions"
    assert other.get("/dashboard/").status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_changing_the_email_address_asks_for_the_password_again(client):
    user = factories.UserFactory()
    client.force_login(user)
    response = client.post("/accounts/email/", {"action_add": "", "email": "new@school.example"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    assert not user.emailaddress_set.filter(email="new@school.example").exists()


def test_changing_the_password_needs_the_current_one_and_refuses_weak_ones(client):
    user = factories.UserFactory()
    client.force_login(user)
    wrong = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "not-my-password",
            "password1": "a-Long-new-pass-42",
            "password2": "a-Long-new-pass-42",
        },
    )
    assert wrong.status_code == 200
    assert "govuk-error-message" in wrong.text
    weak = client.post(
        "/accounts/password/change/",
        {"oldpassword": factories.PASSWORD, "password1": "password123", "password2": "password123"},
    )
    assert weak.status_code == 200
    assert "too common" in weak.text
    user.refresh_from_db()
    assert user.check_password(factories.PASSWORD)


def test_turning_off_two_factor_sign_in_asks_for_the_password_again(client):
    user = factories.presenter()
    client.post("/accounts/login/", {"login": user.email, "password": factories.PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": _current_code()})
    assert client.get("/dashboard/").status_code == 200
    # Signing in is not enough: MFA changes need the password typed again.
    response = client.post("/accounts/2fa/totp/deactivate/", {})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    assert Authenticator.objects.filter(user=user, type="totp").exists()

    client.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})
    assert client.get("/accounts/2fa/totp/deactivate/").status_code == 200
