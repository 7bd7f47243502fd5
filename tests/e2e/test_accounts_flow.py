"""A member of school staff signs up, confirms, and signs in, in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import check

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_confirm_and_reach_dashboard(page, live_server):
    page.goto("/accounts/signup/")
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Price")
    page.get_by_label("Email").fill("sam.price@school.example")
    page.get_by_label("Password", exact=True).fill("a-long-enough-passphrase")
    page.get_by_label("Confirm password").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Create an account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    check(page)

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body).group(1)
    page.goto(link)
    check(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/dashboard/")
    assert "Ask to join your school" in page.content() or "partnership team" in page.content()
    check(page)


def test_error_messages_appear_on_the_sign_in_form(page, live_server):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("nobody@school.example")
    page.get_by_label("Password").fill("wrong-password-here")
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page)
