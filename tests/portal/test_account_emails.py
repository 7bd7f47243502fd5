"""Account emails and notices in the portal's own plain wording, and a warning email for
every change to how someone signs in (portal/templates/account/, mfa/, usersessions/)."""

import re
from pathlib import Path

import allauth
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.core import mail
from django.core.mail.backends import locmem
from django_tasks_db.models import DBTaskResult

from tests import factories

pytestmark = pytest.mark.django_db

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
OURS = Path(settings.BASE_DIR) / "portal" / "templates"
FOLDERS = [
    "account/email",
    "mfa/email",
    "account/messages",
    "mfa/messages",
    "usersessions/messages",
]
NEW_PASSWORD = "a-Long-new-pass-42"


def signed_in_recently(client, user):
    client.force_login(user)
    assert (
        client.post("/accounts/reauthenticate/", {"password": factories.PASSWORD}).status_code
        == 302
    )


def only_email():
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    return mail.outbox[0]


def assert_plain(message):
    """No greeting from a host name, no Title Case subject, the service named, no template
    left-overs."""
    assert message.subject[0].isupper()
    assert message.subject[1:] == message.subject[1:].lower() or "@" in message.subject
    assert "Hello from" not in message.body
    assert "testserver!" not in message.body
    assert settings.PORTAL_SERVICE_NAME in message.body
    assert "{{" not in message.body and "{%" not in message.body


def assert_warns_of_a_change(message, to):
    assert message.to == [to]
    # GOV.UK times: "9:30am", "8am", "midday" (portal.mail.clock).
    when = r"(\d{1,2}(:\d{2})?[ap]m|midday|midnight)"
    assert re.search(rf"When: \d{{1,2}} \w+ \d{{4}} at {when} \(UK time\)", message.body)
    assert "From IP address: 127.0.0.1" in message.body
    assert "If this was not you, someone else may be using your account." in message.body
    assert "http://testserver/accounts/password/reset/" in message.body
    assert_plain(message)


def test_every_allauth_email_and_notice_has_our_wording():
    """A new email or notice in an allauth upgrade fails here until it has our template."""
    missing = [
        f"{folder}/{template.name}"
        for folder in FOLDERS
        for template in (ALLAUTH_TEMPLATES / folder).glob("*.txt")
        if not (OURS / folder / template.name).exists()
    ]
    assert not missing


def test_subjects_read_in_sentence_case():
    subjects = [*OURS.glob("account/email/*_subject.txt"), *OURS.glob("mfa/email/*_subject.txt")]
    assert {s.name for s in subjects} == {
        s.name
        for folder in ("account/email", "mfa/email")
        for s in (ALLAUTH_TEMPLATES / folder).glob("*_subject.txt")
    }
    for subject in subjects:
        text = subject.read_text().strip()
        assert "{" not in text and text == text[0] + text[1:].lower(), subject.name


def sign_up(client, email, first_name="Jo", last_name="New"):
    client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "first_name": first_name,
            "last_name": last_name,
        },
    )


def test_the_sign_up_email_names_the_portal_and_explains_the_link(client):
    sign_up(client, "jo.new@oakfield.sch.example")
    message = only_email()
    assert message.subject == "Confirm your email address"
    assert "used this email address to create an account on the" in message.body
    assert re.search(r"http://testserver/accounts/confirm-email/\S+/", message.body)
    assert "you can ignore this email" in message.body
    assert_plain(message)


def test_signing_up_again_with_a_known_address_sends_a_reminder_not_a_second_account(client, staff):
    sign_up(client, staff.email, "Someone", "Else")
    message = only_email()
    assert message.subject == "You already have an account"
    assert "http://testserver/accounts/password/reset/" in message.body
    assert_plain(message)


def test_password_reset_emails_for_known_and_unknown_addresses(client, staff):
    client.post("/accounts/password/reset/", {"email": staff.email})
    client.post("/accounts/password/reset/", {"email": "nobody@nowhere.example"})
    known, unknown = mail.outbox
    assert known.subject == "Reset your password"
    assert re.search(r"http://testserver/accounts/password/reset/key/\S+/", known.body)
    assert "your password has not changed" in known.body
    assert unknown.subject == "There is no account for this email address"
    assert "there is no account for it" in unknown.body
    assert "http://testserver/accounts/signup/" in unknown.body
    for message in (known, unknown):
        assert_plain(message)


def test_changing_the_password_warns_by_email_and_says_so_on_the_page(client):
    user = factories.UserFactory()
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": factories.PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been changed." in response.text
    message = only_email()
    assert message.subject == "Your password has been changed"
    assert "The password of your account on the" in message.body
    assert_warns_of_a_change(message, to=user.email)


def test_changing_the_email_address_warns_the_old_address(client):
    user = factories.UserFactory()
    signed_in_recently(client, user)
    old = user.email
    client.post("/accounts/email/", {"action_add": "", "email": "new.address@school.example"})
    confirm = only_email()
    assert confirm.to == ["new.address@school.example"]
    assert confirm.subject == "Confirm your email address"
    assert "asked to use this email address for an account" in confirm.body
    mail.outbox.clear()

    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", confirm.body).group(1)
    client.post(link)
    client.post("/accounts/email/", {"action_primary": "", "email": "new.address@school.example"})
    warning = only_email()
    assert warning.to == [old]
    assert warning.subject == "Your email address has been changed"
    assert f"from {old} to new.address@school.example" in warning.body
    assert_warns_of_a_change(warning, to=old)  # the address that was replaced


def test_turning_off_two_factor_warns_by_email(client):
    user = factories.coordinator()
    RecoveryCodes.activate(user)
    signed_in_recently(client, user)

    response = client.post("/accounts/2fa/totp/deactivate/", {}, follow=True)
    assert not Authenticator.objects.filter(user=user, type="totp").exists()
    assert "Your authenticator app has been turned off." in response.text
    message = only_email()
    assert message.subject == "Your authenticator app has been turned off"
    assert_warns_of_a_change(message, to=user.email)


def test_signing_in_and_out_everywhere_else_read_plainly(client, staff):
    response = client.post(
        "/accounts/login/", {"login": staff.email, "password": factories.PASSWORD}, follow=True
    )
    assert "You are signed in." in response.text
    assert "Successfully signed in" not in response.text
    other_device = type(client)()
    other_device.post("/accounts/login/", {"login": staff.email, "password": factories.PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})
    response = client.post("/accounts/sessions/", {}, follow=True)
    assert "You have been signed out everywhere else." in response.text
    assert other_device.get("/dashboard/").status_code == 302


def test_account_emails_leave_through_the_worker_so_a_mail_server_outage_is_no_error(
    client, staff, monkeypatch, run_worker
):
    def mail_server_down(self, messages):
        raise ConnectionRefusedError("the mail server is down")

    with monkeypatch.context() as outage:
        outage.setattr(locmem.EmailBackend, "send_messages", mail_server_down)
        response = client.post("/accounts/password/reset/", {"email": staff.email})
    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/done/"
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "portal.tasks.send_email"
    assert not mail.outbox

    # The mail server is back; the worker runs the stored task.
    run_worker()
    message = only_email()
    assert message.to == [staff.email]
    assert message.subject == "Reset your password"
    assert re.search(r"http://testserver/accounts/password/reset/key/\S+/", message.body)
