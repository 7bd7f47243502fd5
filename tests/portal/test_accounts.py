"""Signing up, confirming the email, signing in and out, resetting a password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db


def _link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_staff_member_signs_up_confirms_email_and_lands_on_dashboard(client):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Jo",
            "last_name": "Marsh",
            "email": "Jo.Marsh@Oakfield.sch.example",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="jo.marsh@oakfield.sch.example")
    assert (user.first_name, user.last_name) == ("Jo", "Marsh")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jo.marsh@oakfield.sch.example"]

    # Not confirmed yet: signing in is held at "verify your email".
    assert client.get("/dashboard/").status_code == 302

    confirm_url = _link_in(mail.outbox[0])
    assert "confirm-email" in confirm_url
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert "Ask to join your school" in response.text or "partnership team" in response.text


def test_sign_up_refuses_a_common_password_on_the_form(client):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Jo",
            "last_name": "Marsh",
            "email": "jo@school.example",
            "password1": "password123",
            "password2": "password123",
        },
    )
    assert response.status_code == 200
    assert "too common" in response.text
    assert 'class="govuk-error-summary"' in response.text
    assert not get_user_model().objects.filter(email="jo@school.example").exists()


def test_unverified_account_cannot_sign_in(client):
    user = factories.UserFactory(verified=False)
    factories.EmailAddress.objects.create(user=user, email=user.email, verified=False)
    client.post("/accounts/login/", {"login": user.email, "password": factories.PASSWORD})
    assert client.get("/dashboard/").status_code == 302


def test_sign_in_and_sign_out(client):
    user = factories.UserFactory()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_wrong_password_shows_a_message_on_the_form(client):
    user = factories.UserFactory()
    response = client.post("/accounts/login/", {"login": user.email, "password": "not-it"})
    assert response.status_code == 200
    assert "not correct" in response.text


def test_password_reset_by_email(client):
    user = factories.UserFactory()
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    reset_url = _link_in(mail.outbox[0])
    response = client.get(reset_url)
    assert response.status_code == 302  # allauth moves the key into the session
    response = client.post(
        response.url, {"password1": "a-brand-new-passphrase", "password2": "a-brand-new-passphrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")
