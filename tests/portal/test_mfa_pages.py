"""allauth's two-factor and account pages speak GOV.UK: headings, warnings, buttons, errors.

The portal overrides allauth's element templates (portal/templates/allauth/elements/)
and, where a page needs its own wording, the page template (portal/templates/mfa/).
"""

import re

import pytest
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

DEACTIVATE = "/accounts/2fa/totp/deactivate/"
GENERATE = "/accounts/2fa/recovery-codes/generate/"
RECOVERY_CODES = "/accounts/2fa/recovery-codes/"
MFA_INDEX = "/accounts/2fa/"


def main(response):
    """The page's own content, without the header, footer and account navigation."""
    html = response.content.decode()
    content = re.search(r'<main class="govuk-main-wrapper".*?</main>', html, re.S).group(0)
    return re.sub(r'<nav aria-label="Your account">.*?</nav>', "", content, flags=re.S)


def before_main(response):
    html = response.content.decode()
    return html[: html.index('<main class="govuk-main-wrapper"')]


def signed_in_recently(client, user):
    """Signed in, and the password given again just now, as changing two-factor settings needs."""
    client.force_login(user)
    response = client.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})
    assert response.status_code == 302
    return user


@pytest.fixture
def coordinator_with_codes(db):
    user = factories.coordinator()
    RecoveryCodes.activate(user)
    return user


def kinds(user):
    return set(Authenticator.objects.filter(user=user).values_list("type", flat=True))


# Turning off the authenticator app


def test_turning_off_the_app_explains_and_warns(client, coordinator_with_codes):
    signed_in_recently(client, coordinator_with_codes)
    response = client.get(DEACTIVATE)
    assert response.status_code == 200
    content = main(response)
    assert '<h1 class="govuk-heading-l">Turn off your authenticator app</h1>' in content
    assert "<title>Turn off your authenticator app" in response.text
    assert "your recovery codes will stop working too" in content
    assert "govuk-warning-text" in content
    assert "anyone who finds out your password could sign in as you" in content
    assert re.search(
        r'<button type="submit" class="govuk-button govuk-button--warning"[^>]*>Turn off authenticator app</button>',
        content,
    )
    assert f'<form method="post" action="{DEACTIVATE}"' in content
    assert f'<a class="govuk-link" href="{MFA_INDEX}">Cancel</a>' in content
    assert f'href="{MFA_INDEX}" class="govuk-back-link"' in before_main(response)
    # A coordinator is told the portal will ask for an app again.
    assert "Your role in the portal needs two-factor authentication" in content
    assert "govuk-error-summary" not in content
    assert "<p>" not in content


def test_school_staff_are_not_told_their_role_needs_two_factor(client, staff):
    factories.enable_mfa(staff)
    signed_in_recently(client, staff)
    content = main(client.get(DEACTIVATE))
    assert "Turn off your authenticator app" in content
    assert "Your role in the portal needs two-factor authentication" not in content


def test_turning_off_the_app_removes_it_and_the_recovery_codes(client, coordinator_with_codes):
    user = signed_in_recently(client, coordinator_with_codes)
    assert kinds(user) == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    response = client.post(DEACTIVATE)
    assert response.status_code == 302
    assert response.url == MFA_INDEX
    assert kinds(user) == set()
    # As the page said: a coordinator must set up an app again before anything else.
    response = client.get("/dashboard/")
    assert response.url.startswith("/accounts/2fa/totp/activate/")


def test_turning_off_the_app_asks_for_the_password_first(client, coordinator_with_codes):
    user = coordinator_with_codes
    client.force_login(user)
    response = client.get(DEACTIVATE)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    response = client.post(DEACTIVATE)
    assert response.url.startswith("/accounts/reauthenticate/")
    assert Authenticator.Type.TOTP in kinds(user)
    # A wrong password gets the GOV.UK error summary, and the app stays on.
    response = client.post(response.url, {"password": "not-the-password"})
    assert response.status_code == 200
    content = main(response)
    assert "govuk-error-summary" in content
    assert "Incorrect password." in content
    assert Authenticator.Type.TOTP in kinds(user)


def test_a_refusal_to_turn_off_the_app_shows_an_error_summary(
    client, coordinator_with_codes, monkeypatch
):
    monkeypatch.setattr(DefaultMFAAdapter, "can_delete_authenticator", lambda self, auth: False)
    user = signed_in_recently(client, coordinator_with_codes)
    response = client.get(DEACTIVATE)
    content = main(response)
    assert "<title>Error: Turn off your authenticator app" in response.text
    assert 'class="govuk-error-summary"' in content
    assert content.index("govuk-error-summary") < content.index("<h1")
    assert "You cannot deactivate two-factor authentication." in content
    assert "Turn off authenticator app</button>" not in content
    response = client.post(DEACTIVATE)
    assert response.status_code == 200
    assert "govuk-error-summary" in main(response)
    assert Authenticator.Type.TOTP in kinds(user)


# New recovery codes


def test_new_recovery_codes_page_explains_and_warns(client, coordinator_with_codes):
    signed_in_recently(client, coordinator_with_codes)
    response = client.get(GENERATE)
    assert response.status_code == 200
    content = main(response)
    assert '<h1 class="govuk-heading-l">Get new recovery codes</h1>' in content
    assert "<title>Get new recovery codes" in response.text
    assert "govuk-warning-text" in content
    assert "Your 10 unused recovery codes will stop working" in content
    assert re.search(
        r'<button type="submit" class="govuk-button"[^>]*>Get new recovery codes</button>', content
    )
    assert f'<form method="post" action="{GENERATE}"' in content
    assert f'<a class="govuk-link" href="{MFA_INDEX}">Cancel</a>' in content
    assert f'href="{MFA_INDEX}" class="govuk-back-link"' in before_main(response)
    assert "govuk-error-summary" not in content
    assert "<p>" not in content


def test_without_codes_left_there_is_nothing_to_warn_about(client):
    user = signed_in_recently(client, factories.coordinator())
    assert Authenticator.Type.RECOVERY_CODES not in kinds(user)
    content = main(client.get(GENERATE))
    assert "Get new recovery codes</button>" in content
    assert "govuk-warning-text" not in content


def test_new_recovery_codes_replace_the_old_ones(client, coordinator_with_codes):
    user = signed_in_recently(client, coordinator_with_codes)
    old = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    old_codes = old.get_unused_codes()
    response = client.post(GENERATE)
    assert response.status_code == 302
    assert response.url == RECOVERY_CODES
    new = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    new_codes = new.get_unused_codes()
    assert len(new_codes) == 10
    assert not set(old_codes) & set(new_codes)
    assert not new.validate_code(old_codes[0])
    # The next page shows the new codes, ready to save.
    content = main(client.get(response.url))
    assert '<h1 class="govuk-heading-l">Your recovery codes</h1>' in content
    assert all(code in content for code in new_codes)
    assert "You have 10 of 10 recovery codes left" in content


def test_new_codes_are_refused_without_two_factor_and_say_what_to_do(client, staff):
    signed_in_recently(client, staff)
    response = client.post(GENERATE)
    assert response.status_code == 200
    content = main(response)
    assert "<title>Error: Get new recovery codes" in response.text
    assert 'class="govuk-error-summary"' in content
    assert content.index("govuk-error-summary") < content.index("<h1")
    assert "You cannot generate recovery codes" in content
    assert "errorlist" not in content
    assert f'href="{reverse("mfa_activate_totp")}">Set up an authenticator app</a>' in content
    assert kinds(staff) == set()


# The other account pages


def test_recovery_codes_page_offers_its_actions_as_govuk_controls(client, coordinator_with_codes):
    signed_in_recently(client, coordinator_with_codes)
    content = main(client.get(RECOVERY_CODES))
    assert '<div class="govuk-button-group">' in content
    assert re.search(
        r'<a class="govuk-button govuk-button--secondary"[^>]*href="/accounts/2fa/recovery-codes/download/">Download codes</a>',
        content,
    )
    assert f'<a class="govuk-link" href="{GENERATE}">Get new recovery codes</a>' in content
    assert '<textarea class="govuk-textarea' in content


def test_email_addresses_are_govuk_radios(client, coordinator):
    factories.EmailAddress.objects.create(
        user=coordinator, email="second@partnership.example", verified=False
    )
    client.force_login(coordinator)
    content = main(client.get("/accounts/email/"))
    assert content.count('class="govuk-radios__input" type="radio"') == 2
    assert "govuk-radioes" not in content
    assert "govuk-checkboxes" not in content


ACCOUNT_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_list_webauthn",
    "mfa_add_webauthn",
    "usersessions_list",
]


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_every_account_page_a_coordinator_reaches_uses_govuk_markup(
    client, coordinator_with_codes, name
):
    signed_in_recently(client, coordinator_with_codes)
    response = client.get(reverse(name))
    assert response.status_code == 200
    content = main(response)
    assert '<h1 class="govuk-heading-l">' in content
    # Django's and allauth's own markup: bare paragraphs, error lists, unclassed inputs.
    assert "<p>" not in content
    assert "errorlist" not in content
    for tag in re.findall(r"<(?:input|button|textarea|select)\b[^>]*>", content):
        assert 'type="hidden"' in tag or "govuk-" in tag, tag
