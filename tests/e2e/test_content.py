"""Content pages in a real browser: axe-clean, usable without JavaScript, and the
exit-this-page control leaves for a neutral site."""

import pytest
from playwright.sync_api import expect

from cms.demo import seed_pages
from cms.models import SessionPageResource
from tests.factories import cms

pytestmark = pytest.mark.django_db(transaction=True)

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


@pytest.fixture
def content(transactional_db):
    seed_pages()
    knives = cms.topic("Knife crime")
    resource = cms.resource_page(
        title="Knife crime: the facts",
        slug="knife-crime-the-facts",
        audiences=["11-13", "14-16"],
        topics=[knives],
        body=[
            {"type": "heading", "value": "The law"},
            {"type": "paragraph", "value": "<p>Carrying a knife is a crime.</p>"},
            {
                "type": "video",
                "value": {
                    "title": "Why I stopped carrying",
                    "video": "https://www.youtube.com/watch?v=abc123",
                    "duration": "7 minutes",
                    "transcript": "<p>I thought it would protect me.</p>",
                },
            },
        ],
    )
    cms.resource_page(title="Staff briefing", audiences=["staff"], topics=[knives])
    session = cms.session_page(
        title="Knife crime: the real consequences",
        slug="knife-crime",
        topics=[knives],
        partner=cms.partner("Westshire Police"),
        learning_outcomes="<ul><li>Know the law.</li></ul>",
        preparation="<p>A hall with a projector.</p>",
        content_warnings="Describes a stabbing.",
        rshe_themes=["being_safe"],
    )
    SessionPageResource.objects.create(page=session, resource=resource)
    cms.session_page(title="Being smart online", format="workshop", min_year=3, max_year=6)
    cms.course_page(title="Designated safeguarding lead: new to role", slug="dsl-new-to-role")
    return {"topic": knives}


@pytest.fixture
def neutral_site(context):
    """The exit control's destination, answered locally: the test never leaves the machine."""
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Weather</h1></html>",
        ),
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/sessions/",
        "/sessions/?topic={topic}&key_stage=ks4&format=assembly",
        "/sessions/?format=staff_training",
        "/sessions/knife-crime/",
        "/resources/",
        "/resources/?age=11-13&topic={topic}",
        "/resources/knife-crime-the-facts/",
        "/help/",
        "/search/?q=knife",
        "/search/?q=knife&format=assembly",
        "/training/",
        "/training/dsl-new-to-role/",
    ],
)
def test_content_page_is_accessible(visit, content, path):
    visit(path.format(topic=content["topic"].slug))


def test_exit_this_page_leaves_for_a_neutral_site(visit, content, neutral_site):
    page = visit("/help/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(NEUTRAL_SITE)
    assert page.console_errors == []


def test_exit_this_page_works_without_javascript(browser, live_server, content):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Weather</p>"),
    )
    try:
        page = context.new_page()
        page.goto("/resources/knife-crime-the-facts/")
        page.get_by_role("button", name="Emergency Exit this page").click()
        page.wait_for_url(NEUTRAL_SITE)
    finally:
        context.close()


def test_catalogue_filters_work_without_javascript(browser, live_server, content):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/sessions/")
        page.get_by_label("Topic", exact=True).select_option("Knife crime")
        page.get_by_label("Format", exact=True).select_option("Assembly")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**/sessions/?*")
        assert f"topic={content['topic'].slug}" in page.url
        assert "format=assembly" in page.url
        expect(page.get_by_role("heading", name="1 session matches your filters")).to_be_visible()
        page.get_by_role("link", name="Knife crime: the real consequences").click()
        assert (
            page.get_by_role("button", name="Book this session")
            .get_attribute("href")
            .startswith("/bookings/new/?session=")
        )
    finally:
        context.close()
