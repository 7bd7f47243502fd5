"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser)
against the live test server, and axe-core checks every page visited.

Use the `visit` fixture: `visit("/sessions/")` opens the page, fails on any axe
violation at WCAG 2.2 AA or any console error (a CSP violation included), and
returns the Playwright page. `sign_in(user)` makes the browser that person;
`sign_in_with_code(user)` goes through the sign-in form and the authenticator code
step, as a person with two-factor authentication does.
"""

import gc
import json
import os
import shutil
import threading
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServerGate:
    """Lets the live server answer requests while a test runs, and nothing after it.

    On SQLite every server thread shares the test's one in-memory connection. A page
    still open when a test ends (the Wagtail editor pings the server every few
    seconds) could send a request while the test's database is being flushed, on that
    same connection, and leave it in the middle of a transaction for every later test
    on the worker. Closing the gate waits for the request being answered and turns
    away any that follow until the next test opens it.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.is_open = True

    def open(self):
        with self.lock:
            self.is_open = True

    def close(self):
        with self.lock:
            self.is_open = False


GATE = ServerGate()


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    On SQLite the test database lives in memory and every server thread shares the
    test's one connection; the admin loads several addresses at once (the page, its
    translations, its icons), and two threads on one SQLite connection fail with
    "bad parameter or other API misuse". Connections stay threaded (a browser keeps
    several open); each request runs, body included, under the gate's lock.
    """

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with GATE.lock:
                if not GATE.is_open:
                    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                    return [b"The test has ended."]
                result = application(environ, start_response)
                try:
                    body = b"".join(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()
            return [body]

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATimeServer

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# from the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _server_open_for_this_test_only(request):
    """Open the live server's gate for the test and close it before the database is
    flushed: asking for `transactional_db` here sets this fixture up after it, so it
    is torn down before it, and after the browsers the test opened."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    GATE.open()
    yield
    GATE.close()


@pytest.fixture(autouse=True)
def _reclaim_server_connections():
    """The live server opens a connection to the in-memory test database in each request
    thread, and Django ignores close() on in-memory databases. Reclaim them after each
    test rather than let the garbage collector warn in the middle of a later one."""
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def _browser_missing_reason():
    if not Path(CHROMIUM).exists():
        return f"Debian's chromium is not installed ({CHROMIUM}); run `make test` as root or apt-get install chromium"
    if not AXE.exists():
        return "axe-core is not installed; run `npm ci`"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests must run under CI: {reason}")
        pytest.skip(reason)
    # Imported here: Playwright is only needed where a browser runs.
    from playwright.sync_api import expect, sync_playwright

    # How long `expect` waits for the page to show something. Playwright's 5 seconds
    # is too short on a CI machine running two suites on two cores (publishing a page
    # with its search index and reference index tasks took longer); nothing here
    # measures speed.
    expect.set_options(timeout=30_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


def assert_accessible(page):
    """Run axe-core in the page (injected by the test, not served by the site)."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert violations == [], f"axe violations on {page.url}:\n{json.dumps(violations, indent=1)}"


@pytest.fixture
def visit(page):
    def _visit(path, *, expect_status=200):
        response = page.goto(path)
        assert response.status == expect_status, f"{path} answered {response.status}"
        check(page)
        return page

    return _visit


def check(page):
    """Accessibility and console checks on whatever the page shows now."""
    assert_accessible(page)
    assert page.console_errors == [], f"console errors on {page.url}: {page.console_errors}"


@pytest.fixture
def sign_in(context, live_server):
    """Give the browser a signed-in session for `user` (MFA already set up)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    def _sign_in(user):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            ]
        )
        return user

    return _sign_in


@pytest.fixture
def sign_in_with_code(page):
    """Sign in through the forms: email and password, then a code from the authenticator app."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    from tests.factories import PASSWORD, TOTP_SECRET

    def _sign_in(user):
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url("**/accounts/2fa/authenticate/")
        check(page)
        counter = next(iter(yield_hotp_counters_from_time()))
        page.get_by_label("Code").fill(format_hotp_value(hotp_value(TOTP_SECRET, counter)))
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url("**/dashboard/")
        return user

    return _sign_in


def fill_date(page, legend, day):
    """Type a date into the GOV.UK date input whose legend is `legend`, box by box."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
