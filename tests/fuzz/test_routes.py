"""Every address that takes input has a fuzz case.

The addresses are read from the portal's own URL configuration (as in
tests/access/test_matrix.py), plus allauth's account forms and the page-tree
pages with filters. A new address fails `test_every_address_that_takes_input_is_fuzzed`
until a fuzz test declares it with `@fuzzes(...)`, or it is listed in INPUT_FREE
with the reason it reads nothing from the request (those are still sent hostile
input below, to prove the reason true).
"""

import importlib
import pkgutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tests.fuzz
from tests.access.test_matrix import _our_routes

from . import strategies as s
from .checks import assert_sound, attempt_as
from .routes import COVERED

pytestmark = pytest.mark.django_db

ALLAUTH_FORMS = [
    "account_signup",
    "account_login",
    "account_reset_password",
    "account_email",
    "account_change_password",
]
PAGE_TREE = ["page:/sessions/", "page:/resources/", "page:/training/"]

# name -> (address, why it takes no input)
INPUT_FREE = {
    "wagtailcore_login_redirect": (
        "/_util/login/",
        "a redirect to allauth's sign-in whatever is sent; allauth's form is fuzzed",
    ),
    "healthz": ("/healthz", "GET only; answers from the database's health alone"),
    "dashboard": ("/dashboard/", "GET only; built from the signed-in person's roles"),
    "account_data": ("/account/your-data/", "GET only; the signed-in person's own data"),
    "schools:membership_requests": (
        "/schools/requests/",
        "a list of pending requests; decisions post to schools:decide_membership",
    ),
    "schools:booking_requests": ("/bookings/requests/", "a list of new requests; no filters"),
    "training:certificates": ("/certificates/", "a list of events and deliveries; no filters"),
    "training:flagged_responses": ("/feedback/flagged/", "a list of flagged answers; no filters"),
    "training:you_said_we_did": ("/you-said-we-did/", "a public list; no filters"),
    "schools:plan_list": (
        "/plans/",
        "GET only; the latest plans, no filters (coordinators; others are refused)",
    ),
    "privacy": ("/privacy/", "GET only; built from the settings"),
    "cookies": ("/cookies/", "GET only; built from the settings"),
    "message_list": ("/messages/", "GET only; a list of the messages sent, no filters"),
    "accessibility": ("/accessibility/", "GET only; built from the settings"),
}


def _fuzz_modules():
    for module in pkgutil.iter_modules(tests.fuzz.__path__):
        if module.name.startswith("test_"):
            importlib.import_module(f"tests.fuzz.{module.name}")


def _addresses():
    return [name for name, _ in _our_routes()] + ALLAUTH_FORMS + PAGE_TREE


def test_every_address_that_takes_input_is_fuzzed():
    _fuzz_modules()
    missing = [n for n in _addresses() if n not in COVERED and n not in INPUT_FREE]
    assert missing == [], (
        f"add a fuzz case (tests/fuzz, @fuzzes) or an INPUT_FREE reason: {missing}"
    )


def test_the_lists_name_real_addresses_only():
    _fuzz_modules()
    known = set(_addresses())
    assert sorted(set(COVERED) - known) == []
    assert sorted(set(INPUT_FREE) - known) == []
    assert sorted(set(COVERED) & set(INPUT_FREE)) == []


@pytest.mark.parametrize("name", sorted(INPUT_FREE))
def test_input_free_addresses_ignore_hostile_input(people, name):
    path = INPUT_FREE[name][0]

    @settings(s.FUZZ, max_examples=10)
    @given(
        who=st.sampled_from([None, people.staff_a, people.coordinator]),
        data=s.form({"q": s.hostile_text(), "page": s.integer(st.just("1"))}),
    )
    def run(who, data):
        with attempt_as(who) as attempt:
            plain = attempt.get(path)
            attempt.snapshot()
            query = attempt.get(path, data)
            body = attempt.post(path, data)
            for response in (query, body):
                assert_sound(response)
            assert query.status_code == plain.status_code
            assert body.status_code in (plain.status_code, 405)
            assert attempt.changes() == {}

    run()
