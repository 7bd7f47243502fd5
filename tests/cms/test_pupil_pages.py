"""Pages for pupils: help from the partnership settings, the exit-this-page control,
no cookies, nothing fetched from another site."""

import re

import pytest
from wagtail.models import Site

from cms.models import PartnershipSettings, SessionPageResource
from tests.factories import cms

pytestmark = pytest.mark.django_db

EXIT_LINK = 'href="https://www.bbc.co.uk/weather"'


@pytest.fixture
def pupil_resource(site_pages):
    return cms.resource_page(
        title="County lines: how grooming works",
        audiences=["11-13", "14-16"],
        body=[
            {"type": "paragraph", "value": "<p>It is not your fault.</p>"},
            {
                "type": "video",
                "value": {
                    "title": "The debt",
                    "video": "https://www.youtube.com/watch?v=abc123",
                    "duration": "5 minutes",
                    "transcript": "<p>It starts with free food.</p>",
                },
            },
        ],
    )


def test_help_page_lists_every_route_to_help(client, site_pages):
    text = client.get("/help/").text
    for expected in [
        "999",
        "0800 1111",
        "0808 800 5000",
        "Report to CEOP",
        "designated safeguarding lead",
        "adult you trust",
    ]:
        assert expected in text


def test_help_page_takes_helplines_from_the_partnership_settings(client, site_pages):
    settings = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    settings.nspcc_phone = "0808 800 9999"
    settings.ceop_url = "https://www.ceop.police.uk/Safety-Centre/"
    settings.save()
    text = client.get("/help/").text
    assert "0808 800 9999" in text
    assert 'href="https://www.ceop.police.uk/Safety-Centre/"' in text


@pytest.mark.parametrize("path", ["/help/", "/resources/"])
def test_pupil_pages_carry_the_exit_control(client, site_pages, path):
    text = client.get(path).text
    assert 'data-module="govuk-exit-this-page"' in text
    assert EXIT_LINK in text


def test_a_resource_for_pupils_carries_the_exit_control_and_help_panel(client, pupil_resource):
    text = client.get(pupil_resource.url).text
    assert EXIT_LINK in text
    assert "Worried about something?" in text


def test_pages_for_adults_only_do_not_carry_the_exit_control(client, site_pages):
    staff = cms.resource_page(audiences=["staff"])
    session = cms.session_page()
    assert EXIT_LINK not in client.get(staff.url).text
    assert EXIT_LINK not in client.get(session.url).text


@pytest.mark.parametrize("path", ["/help/", "/resources/", "pupil"])
def test_pupil_pages_set_no_cookies_and_fetch_nothing_from_other_sites(
    client, pupil_resource, path
):
    response = client.get(pupil_resource.url if path == "pupil" else path)
    assert response.cookies == {}
    assert "<iframe" not in response.text
    sources = re.findall(r'\s(?:src|srcset|data)="([^"]+)"', response.text)
    stylesheets = re.findall(r'<link[^>]+href="([^"]+)"', response.text)
    assert all(url.startswith("/") for url in sources + stylesheets), sources + stylesheets


def test_videos_are_a_link_the_pupil_chooses_with_the_transcript_on_the_page(
    client, pupil_resource
):
    text = client.get(pupil_resource.url).text
    assert 'href="https://www.youtube.com/watch?v=abc123"' in text
    assert "It starts with free food." in text


def test_session_page_shows_what_a_dsl_needs_and_the_booking_link(client, site_pages):
    resource = cms.resource_page(title="Knife crime: the facts")
    session = cms.session_page(
        title="Knife crime: the real consequences",
        partner=cms.partner("Westshire Police"),
        min_year=9,
        max_year=11,
        duration_minutes=50,
        max_audience=300,
        minimum_notice_days=15,
        learning_outcomes="<ul><li>Know the law on carrying knives.</li></ul>",
        preparation="<p>A hall with a projector.</p>",
        content_warnings="Describes a fatal stabbing.",
        rshe_themes=["being_safe", "internet_safety"],
    )
    SessionPageResource.objects.create(page=session, resource=resource)
    text = client.get(session.url).text
    for expected in [
        "Year 9 to Year 11",
        "Key stage 3 and Key stage 4",
        "50 minutes",
        "300 people",
        "Westshire Police",
        "15 days ahead",
        "Know the law on carrying knives.",
        "A hall with a projector.",
        "Describes a fatal stabbing.",
        "Being safe",
        "Internet safety and harms",
        "Knife crime: the facts",
        f'href="/bookings/new/?session={session.pk}"',
    ]:
        assert expected in text


def test_a_session_not_taking_bookings_has_no_booking_button(client, site_pages):
    session = cms.session_page(bookable=False)
    assert "/bookings/new/" not in client.get(session.url).text


def test_training_pages_render_the_upcoming_events_tag(client, site_pages):
    course = cms.course_page(title="DSL new to role", cpd_hours=12)
    assert "DSL new to role" in client.get("/training/").text
    response = client.get(course.url)
    assert "training/components/upcoming_events.html" in [t.name for t in response.templates]
