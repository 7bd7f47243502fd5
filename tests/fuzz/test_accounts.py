"""Accounts: allauth's forms (sign up, sign in, password reset, email and password
changes) and closing an account."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import factories

from . import strategies as s
from .checks import (
    Change,
    Outcomes,
    assert_sound,
    client_for,
    logged,
    querydict,
)
from .routes import fuzzes

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-pass-phrase-7"
EMAILS = st.sampled_from(["new.teacher@school.example", "Head@Oakfield.example"])


def _emails(people):
    return s.Spec(EMAILS, st.sampled_from([people.staff_a.email, people.staff_a.email.upper()]))


def reauthenticated(user):
    """Signed in, and the password given again just now: allauth asks for it before
    changing email addresses."""
    client = client_for(user)
    response = client.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


@fuzzes("account_signup")
def test_signing_up(people):
    outcomes = Outcomes()

    @s.FUZZ
    @given(
        data=s.form(
            {
                "first_name": st.sampled_from(["Ada", "Siân"]),
                "last_name": st.sampled_from(["Lovelace", "O'Brien"]),
                "email": _emails(people),
                "password1": st.just(NEW_PASSWORD),
                "password2": st.just(NEW_PASSWORD),
            }
        )
    )
    def run(data):
        with outcomes.attempt() as attempt:
            response = attempt.post("/accounts/signup/", data)
            changes = attempt.changes()
            if response.status_code == 302 and changes:
                attempt.accepted(
                    {"portal.User": Change(added=1), "account.EmailAddress": Change(added=1)},
                )
            elif response.status_code == 302:
                # An address already in use looks the same as a new one (no
                # enumeration): the owner is emailed, nothing is written.
                emails = [value.lower() for name, value in data if name == "email"]
                assert people.staff_a.email.lower() in emails
                outcomes["existing"] += 1
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("account_login")
def test_signing_in(people):
    outcomes = Outcomes()
    email = people.staff_a.email

    @s.FUZZ
    @given(
        data=s.form(
            {
                "login": st.sampled_from([email, email.upper()]),
                "password": st.just(factories.PASSWORD),
                "remember": st.sampled_from(["on", ""]),
            }
        )
    )
    def run(data):
        with outcomes.attempt() as attempt:
            response = attempt.post("/accounts/login/", data)
            if response.status_code == 302:
                attempt.accepted({"portal.User": Change(changed=1)})  # last_login
                assert attempt.client.get("/dashboard/").status_code == 200
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("account_reset_password")
def test_asking_for_a_password_reset(people):
    outcomes = Outcomes()

    @s.FUZZ
    @given(data=s.form({"email": _emails(people)}))
    def run(data):
        with outcomes.attempt() as attempt:
            response = attempt.post("/accounts/password/reset/", data)
            if response.status_code == 302:
                assert response.url == "/accounts/password/reset/done/"
                attempt.accepted({})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("account_email")
def test_changing_email_addresses(people):
    outcomes = Outcomes()
    user = people.staff_a

    @s.FUZZ
    @given(
        action=st.sampled_from(["action_add", "action_add", "action_primary", "action_remove"]),
        data=s.form({"email": _emails(people)}, extra=[people.staff_b.email]),
    )
    def run(action, data):
        with outcomes.attempt(user, sign_in=reauthenticated) as attempt:
            response = attempt.post("/accounts/email/", [(action, ""), *data])
            changes = attempt.changes()
            if changes:
                assert response.status_code == 302
                assert action == "action_add"
                # The address, and the date it was added (portal.AddedEmailAddress:
                # one nobody confirms is removed after three days).
                attempt.accepted(
                    {
                        "account.EmailAddress": Change(added=1),
                        "portal.AddedEmailAddress": Change(added=1),
                    }
                )
                added = user.emailaddress_set.get(verified=False)
                assert added.email.lower() == dict(data)["email"].strip().lower()
            elif response.status_code == 302 and action != "action_add":
                # The page offers only the person's own addresses, as radio buttons.
                # allauth answers any other value by showing the page again: nothing
                # is written, but no message is given either (its behaviour, kept).
                assert response.url == "/accounts/email/"
                assert attempt.changes() == {}
                outcomes["ignored"] += 1
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("account_change_password")
def test_changing_the_password(people):
    outcomes = Outcomes()
    user = people.staff_a

    @s.FUZZ
    @given(
        data=s.form(
            {
                "oldpassword": st.just(factories.PASSWORD),
                "password1": st.just(NEW_PASSWORD),
                "password2": st.just(NEW_PASSWORD),
            }
        )
    )
    def run(data):
        with outcomes.attempt(user, sign_in=reauthenticated) as attempt:
            response = attempt.post("/accounts/password/change/", data)
            if response.status_code == 302:
                attempt.accepted({"portal.User": Change(changed=1)})
                # A fresh copy: the fixture's user must keep the password every
                # example starts from.
                chosen = querydict(data)["password1"]
                assert type(user).objects.get(pk=user.pk).check_password(chosen)
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("account_close")
def test_closing_an_account(people):
    outcomes = Outcomes()
    user = people.staff_a

    @s.FUZZ
    @given(data=s.form({"password": st.just(factories.PASSWORD)}), as_json=st.booleans())
    def run(data, as_json):
        with outcomes.attempt(user) as attempt:
            response = attempt.post("/account/close/", data, as_json=as_json)
            if response.status_code == 302:
                assert response.url == "/"
                attempt.accepted(
                    {
                        "portal.User": Change(changed=1),
                        "account.EmailAddress": Change(removed=1),
                        "schools.SchoolMembership": Change(changed=1),
                        **logged(2),  # the membership ended, the account closed
                    },
                )
                assert_sound(attempt.client.get("/"))
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")
