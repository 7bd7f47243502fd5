"""Every page a person can reach passes axe-core (WCAG 2.2 AA) with no console errors.

To cover a new page, add one line to PUBLIC_PAGES or SIGNED_IN_PAGES (or, for a
page that asks for the password again first, TWO_FACTOR_PAGES).
"""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import assert_accessible, check

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/help/",
    "/privacy/",
    "/accessibility/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]

# (address, who): who is a factory function from tests.factories.
SIGNED_IN_PAGES = [
    ("/dashboard/", factories.coordinator),
    ("/dashboard/", factories.presenter),
    ("/dashboard/", factories.school_staff),
    ("/dashboard/", factories.UserFactory),
    ("/account/close/", factories.UserFactory),
]


# Two-factor settings: each asks for the password again before it opens.
TWO_FACTOR_PAGES = [
    "/accounts/2fa/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/webauthn/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/sessions/",
]


@pytest.fixture(autouse=True)
def demo_pages(transactional_db):
    from cms.demo import seed_pages

    seed_pages()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible(visit, path):
    visit(path)


@pytest.mark.parametrize(("path", "who"), SIGNED_IN_PAGES)
def test_signed_in_page_is_accessible(visit, sign_in, path, who):
    sign_in(who())
    visit(path)


def confirm_password(page):
    """The reauthentication page, checked, then answered with the password."""
    page.wait_for_url("**/accounts/reauthenticate/**")
    check(page)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def test_two_factor_pages_are_accessible(page, sign_in_with_code):
    user = sign_in_with_code(factories.coordinator())
    RecoveryCodes.activate(user)
    page.goto("/accounts/2fa/totp/deactivate/")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    confirm_password(page)
    page.wait_for_url("**/accounts/2fa/totp/deactivate/")
    for path in TWO_FACTOR_PAGES:
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert page.url.endswith(path), f"{path} went to {page.url}"
        check(page)


def test_new_recovery_codes_then_turning_off_the_app(page, sign_in_with_code):
    user = sign_in_with_code(factories.coordinator())
    RecoveryCodes.activate(user)
    page.goto("/accounts/2fa/recovery-codes/generate/")
    confirm_password(page)
    page.wait_for_url("**/accounts/2fa/recovery-codes/generate/")
    check(page)
    page.get_by_role("button", name="Get new recovery codes").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    check(page)
    codes = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    assert page.get_by_label("Unused codes").input_value().split() == codes.get_unused_codes()

    page.goto("/accounts/2fa/")
    page.get_by_role("link", name="Turn off").click()
    page.wait_for_url("**/accounts/2fa/totp/deactivate/")
    check(page)
    page.get_by_role("button", name="Turn off authenticator app").click()
    page.wait_for_url("**/accounts/2fa/")
    check(page)
    assert not Authenticator.objects.filter(user=user).exists()


def test_server_error_page_is_styled_and_accessible(page, settings):
    """The 500 page draws on the portal's stylesheet, which the Content-Security-Policy allows;
    an inline style would be refused and leave the page plain."""
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.portal.failing_urls"
    response = page.goto("/fail/")
    assert response.status == 500
    assert_accessible(page)
    # The only console error is the page's own status: no refused style or script.
    assert len(page.console_errors) == 1, page.console_errors
    assert "status of 500" in page.console_errors[0]
    apology = page.get_by_role("heading", name="Sorry, there is a problem with the service")
    expect(apology).to_be_visible()
    # GOV.UK Frontend's rules, not the browser's defaults.
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
    header = page.locator(".govuk-generic-header")
    assert header.evaluate("h => getComputedStyle(h).backgroundColor") == "rgb(11, 12, 12)"
