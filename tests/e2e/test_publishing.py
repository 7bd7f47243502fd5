"""Presenters publish through the Wagtail editor; coordinators approve. In Chromium,
under the portal's Content-Security-Policy, by clicks and typing only.

For each page type in `editor.PAGE_TYPES` a police presenter signs in with two-factor,
adds the page using every chooser, panel and block its form has, saves a draft,
comes back to it from their dashboard and submits it. A coordinator
asks for changes with a comment; the presenter edits and submits again; the
coordinator approves. The page is then live, listed
and found by search, and each person was told by email through the task queue.
Every admin page visited fails the test on any console error or policy violation.
"""

import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from playwright.sync_api import expect
from wagtail.models import Page

from cms.moderation import ensure_moderation
from tests import factories
from tests.e2e import editor
from tests.factories import TOTP_SECRET, cms
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/work/shots") if Path("/work/shots").is_dir() else Path(__file__).parent / "shots"
VISITED = set()


def code():
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(TOTP_SECRET, counter))


@pytest.fixture
def content(settings):
    # The admin loads several addresses at once, and allauth records each signed-in
    # request's activity; the test's in-memory SQLite answers two writers at once with
    # "database table is locked" (PostgreSQL and SQLite files wait instead).
    settings.USERSESSIONS_TRACK_ACTIVITY = False
    # A code typed as its 30 seconds run out is still taken, as a person's phone
    # and the server's clock may differ by that much; on a loaded machine the step
    # between reading the code and sending it can cross the boundary.
    settings.MFA_TOTP_TOLERANCE = 1
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.e2e.editor.Embeds"}]
    cms.help_page()
    for index in (cms.session_index, cms.resource_index, cms.training_index):
        index().save_revision().publish()
    ensure_moderation()
    police = cms.partner("Westshire Police")
    cms.partner("Westshire NHS Trust")
    cms.topic(editor.TOPIC)
    cms.resource_page(title="Staying safe online")
    officer = school_factories.presenter_profile(
        user=factories.presenter(first_name="Pat", last_name="Officer"), organisation=police
    ).user
    return {
        "officer": officer,
        "coordinator": factories.coordinator(first_name="Cam", last_name="Coordinator"),
        "organisation": police.name,
        "other_organisation": "Westshire NHS Trust",
    }


@pytest.fixture
def people(browser, live_server):
    opened = []

    def person(user):
        someone = editor.Person(browser, live_server.url, SHOTS, VISITED)
        someone.sign_in(user, code)
        opened.append(someone)
        return someone

    yield person
    for number, someone in enumerate(opened):
        someone.shot(someone.page, f"last-page-of-person-{number}")
        someone.close()


def add_page(presenter, page_type, title, run):
    page = presenter.goto("/admin/pages/")
    # The index itself is not theirs to edit: its row offers adding a page under it.
    page.get_by_role("button", name=f"More options for '{page_type.index}'").click()
    page.get_by_role("link", name="Add child page").click()
    presenter.assert_clean()
    page.locator("#id_title").fill(title)
    editor.fill_form(presenter, page_type, run)
    page.get_by_role("button", name="Save draft").click()
    # "created", or "updated" when Wagtail's autosave already kept the draft.
    saved = re.compile(rf"Page '{re.escape(title)}' (created|has been updated)")
    expect(page.get_by_text(saved)).to_be_visible()
    presenter.assert_clean()


@pytest.mark.parametrize("page_type", editor.PAGE_TYPES, ids=lambda t: t.name)
def test_presenter_drafts_and_submits_coordinator_reviews(people, content, page_type):
    title = f"{page_type.name}: knives and choices"
    presenter = people(content["officer"])
    add_page(presenter, page_type, title, content)
    presenter.shot(presenter.page, f"editor-{page_type.name.lower().replace(' ', '-')}-saved")
    editor.preview(presenter, page_type, title)
    # Later: from the dashboard, the draft is there to open and submit.
    dashboard = presenter.goto("/dashboard/")
    expect(dashboard.get_by_text("Drafts")).to_be_visible()
    dashboard.get_by_role("link", name=title).click()
    presenter.assert_clean()
    editor.submit_for_approval(presenter.page)
    presenter.assert_clean()
    assert not Page.objects.get(title=title).live

    coordinator = people(content["coordinator"])
    review(coordinator, title)
    editor.workflow_action(coordinator.page, "Request changes", "Please add a content warning.")
    coordinator.assert_clean()

    dashboard = presenter.goto("/dashboard/")
    dashboard.get_by_role("link", name=title).first.click()
    presenter.assert_clean()
    presenter.page.locator("#id_title").fill(f"{title} (revised)")
    editor.submit_for_approval(presenter.page)
    presenter.assert_clean()
    title = f"{title} (revised)"

    review(coordinator, title)
    editor.compare_with_previous(coordinator, title.removesuffix(" (revised)"), title)
    coordinator.shot(coordinator.page, "approval-screen")
    editor.workflow_action(coordinator.page, "Approve with comment and Publish", "Thank you.")
    coordinator.assert_clean()

    page = Page.objects.get(title=title)
    assert page.live
    listing = coordinator.goto(page_type.public)
    expect(listing.get_by_role("link", name=title)).to_be_visible()
    found = coordinator.goto("/search/?q=knives")
    expect(found.get_by_role("link", name=title)).to_be_visible()
    told = [m for m in mail.outbox if content["officer"].email in m.to]
    assert any("Please add a content warning." in m.body for m in told)
    print("admin pages visited:", sorted(VISITED))


def review(coordinator, title):
    dashboard = coordinator.goto("/dashboard/")
    expect(dashboard.get_by_text("Content waiting for approval")).to_be_visible()
    dashboard.get_by_role("link", name=f"Review {title}").click()
    coordinator.assert_clean()
