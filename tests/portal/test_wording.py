"""allauth's pages read in our plain, sentence-case English (locale/en_GB)."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db

MESSAGES = Path(settings.BASE_DIR) / "locale" / "en_GB" / "LC_MESSAGES"


def _po_entries():
    text = (MESSAGES / "django.po").read_text()
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, flags=re.MULTILINE)
    return dict(pairs)


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
