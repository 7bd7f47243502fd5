"""/search/ finds sessions, resources and courses, and applies the catalogue's filters."""

import pytest

from tests.factories import cms

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_pages):
    knives = cms.topic("Knife crime")
    return {
        "topic": knives,
        "session": cms.session_page(
            title="Knife crime: the real consequences", topics=[knives], format="assembly"
        ),
        "workshop": cms.session_page(
            title="Knife crime workshop", format="workshop", min_year=3, max_year=6
        ),
        "resource": cms.resource_page(
            title="Knife crime: the facts", audiences=["14-16"], topics=[knives]
        ),
        "parents": cms.resource_page(
            title="Talking about knives", summary="Knife crime for parents.", audiences=["parents"]
        ),
        "course": cms.course_page(title="Knife crime and exploitation for staff"),
        "draft": cms.session_page(title="Knife crime draft", publish=False),
        "unrelated": cms.session_page(title="Vapes and cannabis"),
    }


def found(response):
    return {
        name: sorted(page.title for page in pages) for name, pages in response.context["groups"]
    }


def test_search_covers_sessions_resources_and_courses(client, content):
    response = client.get("/search/?q=knife")
    assert found(response) == {
        "Sessions": ["Knife crime workshop", "Knife crime: the real consequences"],
        "Resources": ["Knife crime: the facts", "Talking about knives"],
        "Training courses": ["Knife crime and exploitation for staff"],
    }
    assert "5 results" in response.text


def test_search_never_shows_drafts(client, content):
    assert "Knife crime draft" not in client.get("/search/?q=draft").text


def test_format_and_key_stage_filters_narrow_search_to_sessions(client, content):
    assert found(client.get("/search/?q=knife&format=assembly")) == {
        "Sessions": ["Knife crime: the real consequences"]
    }
    assert found(client.get("/search/?q=knife&key_stage=ks2")) == {
        "Sessions": ["Knife crime workshop"]
    }


def test_age_filter_narrows_search_to_resources(client, content):
    assert found(client.get("/search/?q=knife&age=parents")) == {
        "Resources": ["Talking about knives"]
    }


def test_topic_filter_applies_to_every_kind(client, content):
    response = client.get(f"/search/?q=knife&topic={content['topic'].slug}")
    assert found(response) == {
        "Sessions": ["Knife crime: the real consequences"],
        "Resources": ["Knife crime: the facts"],
        "Training courses": [],
    }


def test_an_empty_search_shows_the_form_only(client, content):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert 'name="q"' in response.text
