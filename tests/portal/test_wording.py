"""allauth's pages read in our plain, sentence-case English (locale/en_GB)."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db

MESSAGES = Path(settings.BASE_DIR) / "locale" / "en_GB" / "LC_MESSAGES"


def _po_entries():
    """Each msgid and its msgstr, with the PO escapes (\\n, \\") read as Python's."""
    text = (MESSAGES / "django.po").read_text()
    pairs = re.findall(r'^msgid (".+")\nmsgstr (".*")$', text, flags=re.MULTILINE)
    return {ast.literal_eval(msgid): ast.literal_eval(msgstr) for msgid, msgstr in pairs}


def test_the_compiled_messages_match_the_source():
    """django.mo is what Django reads; `make messages` rebuilds it from django.po."""
    with (MESSAGES / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    entries = _po_entries()
    assert entries
    assert {msgid: catalogue.gettext(msgid) for msgid in entries} == entries


def test_sign_in_page_reads_in_sentence_case(client):
    response = client.get("/accounts/login/")
    assert re.search(r'<h1 class="govuk-heading-l">\s*Sign in\s*</h1>', response.text)
    assert "Sign In" not in response.text


def test_account_pages_read_in_sentence_case(client, staff):
    client.post("/accounts/login/", {"login": staff.email, "password": factories.PASSWORD})
    other_device = type(client)()
    other_device.post("/accounts/login/", {"login": staff.email, "password": factories.PASSWORD})

    sessions = client.get("/accounts/sessions/").text
    assert "Sign out everywhere else" in sessions
    assert "IP address" in sessions
    emails = client.get("/accounts/email/").text
    assert "Email addresses" in emails
    assert "These email addresses belong to your account." in emails
    for page in (sessions, emails):
        assert not re.search(r"\b(Sign Out|Email Addresses|IP Address|Started At)\b", page)


def test_the_sessions_table_has_a_header_for_every_column(client, staff):
    client.post("/accounts/login/", {"login": staff.email, "password": factories.PASSWORD})
    other_device = type(client)()
    other_device.post("/accounts/login/", {"login": staff.email, "password": factories.PASSWORD})
    page = client.get("/accounts/sessions/").text
    header = page.split("<thead")[1].split("</thead>")[0]
    first_row = page.split("<tbody")[1].split("</tr>")[0]
    assert header.count("<th ") == first_row.count("<td ") == 5
    assert "This browser</strong>" in page

    response = client.post("/accounts/sessions/")
    assert response.status_code == 302
    assert other_device.get("/dashboard/").status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_the_security_keys_page_says_plainly_that_there_are_none(client, coordinator):
    from allauth.mfa.models import Authenticator

    client.force_login(coordinator)
    page = client.get("/accounts/2fa/webauthn/").text
    assert re.search(r"<h1[^>]*>\s*Security keys\s*</h1>", page)
    assert "You have not added a security key." in page
    assert "/accounts/2fa/webauthn/add/" in page
    assert not Authenticator.objects.filter(user=coordinator, type="webauthn").exists()


ALLAUTH_PHRASES = re.compile(
    r"contact us|finali[sz]e|Please |reauthenticate|logged in|verification code generated|"
    r"Forgotten your password\?|out of \d+ recovery codes available",
    flags=re.IGNORECASE,
)


def _main(response):
    """The words on the page's main part, without its markup."""
    assert response.status_code == 200, response.status_code
    html = re.search(r'<main class="govuk-main-wrapper".*?</main>', response.text, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ,", ",")


def _reads_plainly(response, *phrases):
    text = _main(response)
    for phrase in phrases:
        assert phrase in text
    assert not ALLAUTH_PHRASES.search(text), ALLAUTH_PHRASES.search(text).group(0)


def test_signing_up_and_resetting_a_password_read_plainly(client):
    _reads_plainly(client.get("/accounts/login/"), "If you do not have an account yet,")
    _reads_plainly(client.get("/accounts/signup/"), "If you already have an account,")
    _reads_plainly(
        client.get("/accounts/password/reset/"),
        "Enter the email address of your account and we will send you a link",
        "If you cannot reset your password, contact your safeguarding partnership.",
    )
    _reads_plainly(
        client.get("/accounts/password/reset/done/"),
        "We have sent an email to that address, with a link to choose a new password",
    )
    _reads_plainly(
        client.get("/accounts/password/reset/key/1-nonsense/", follow=True),
        "This link does not work: it has been used already, or it has expired.",
    )
    _reads_plainly(
        client.get("/accounts/confirm-email/nonsense/"),
        "This link has expired or does not work.",
    )
    signed_up = client.post(
        "/accounts/signup/",
        {
            "email": "jo.new@oakfield.sch.example",
            "password1": "a-Long-new-pass-42",
            "password2": "a-Long-new-pass-42",
            "first_name": "Jo",
            "last_name": "New",
        },
        follow=True,
    )
    _reads_plainly(
        signed_up,
        "We have sent an email to jo.new@oakfield.sch.example.",
        "To finish creating your account, open the link in the email we have sent you.",
        "sign in with your email address and password to get a new link",
    )


def test_confirming_it_is_you_and_two_factor_pages_read_plainly(client):
    presenter = factories.presenter(mfa=False)
    client.force_login(presenter)
    _reads_plainly(
        client.get("/accounts/reauthenticate/"),
        "To keep your account safe, confirm it is you before you go on.",
        "Enter your password to confirm it is you.",
    )
    client.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})
    _reads_plainly(
        client.get("/accounts/2fa/totp/activate/"),
        "Scan the QR code with your authenticator app, then enter the 6-digit code",
        "If you cannot scan the QR code, type this key into the app instead.",
    )

    other = type(client)()
    other.post(
        "/accounts/login/", {"login": factories.coordinator().email, "password": factories.PASSWORD}
    )
    _reads_plainly(
        other.get("/accounts/2fa/authenticate/"),
        "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
    )


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_account_forms_have_labels_and_no_placeholder_text(client, path):
    page = client.get(path).text
    assert re.search(
        r'<label class="govuk-label[^"]*" for="id_(login|email)">\s*Email address', page
    )
    assert "placeholder" not in page
