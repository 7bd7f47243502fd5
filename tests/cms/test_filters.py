"""The catalogue and library filters: each alone, combined, kept in the address."""

import re

import pytest

from cms.models import SessionPage
from tests.factories import cms

pytestmark = pytest.mark.django_db

ASSEMBLY = SessionPage.Format.ASSEMBLY
WORKSHOP = SessionPage.Format.WORKSHOP


@pytest.fixture
def catalogue(site_pages):
    knives, online = cms.topic("Knife crime"), cms.topic("Online safety")
    return {
        "knives": knives,
        "online": online,
        "knife_assembly_ks4": cms.session_page(
            title="Knife assembly", topics=[knives], format=ASSEMBLY, min_year=9, max_year=11
        ),
        "online_workshop_ks2": cms.session_page(
            title="Online workshop", topics=[online], format=WORKSHOP, min_year=3, max_year=6
        ),
        "online_assembly_ks3": cms.session_page(
            title="Online assembly", topics=[online], format=ASSEMBLY, min_year=7, max_year=8
        ),
        "draft": cms.session_page(title="Draft session", topics=[online], publish=False),
    }


def titles(response):
    return sorted(page.title for page in response.context["results"])


def test_catalogue_lists_every_live_session_and_counts_them(client, catalogue):
    response = client.get("/sessions/")
    assert titles(response) == ["Knife assembly", "Online assembly", "Online workshop"]
    assert "3 sessions" in response.text


def test_topic_filter_keeps_sessions_of_that_topic(client, catalogue):
    response = client.get(f"/sessions/?topic={catalogue['online'].slug}")
    assert titles(response) == ["Online assembly", "Online workshop"]
    assert "2 sessions match your filters" in response.text


@pytest.mark.parametrize(
    ("key_stage", "expected"),
    [
        ("ks2", ["Online workshop"]),
        ("ks3", ["Knife assembly", "Online assembly"]),  # Years 9-11 overlap key stage 3
        ("ks4", ["Knife assembly"]),
        ("ks5", []),
    ],
)
def test_key_stage_filter_matches_any_overlapping_year_range(
    client, catalogue, key_stage, expected
):
    assert titles(client.get(f"/sessions/?key_stage={key_stage}")) == expected


@pytest.mark.parametrize("typed", ["3", "ks3", "KS3", "Key Stage 3", " ks3 "])
def test_key_stage_filter_takes_the_forms_people_type(client, catalogue, typed):
    response = client.get("/sessions/", {"key_stage": typed})
    assert titles(response) == ["Knife assembly", "Online assembly"]
    assert re.search(r'<option value="ks3"[^>]*selected', response.text)


def test_a_key_stage_that_does_not_exist_is_reported_not_ignored_silently(client, catalogue):
    response = client.get("/sessions/?key_stage=9")
    assert "Select a key stage from the list" in response.text


def test_format_filter_keeps_that_format(client, catalogue):
    assert titles(client.get("/sessions/?format=workshop")) == ["Online workshop"]


def test_filters_combine(client, catalogue):
    response = client.get(
        f"/sessions/?topic={catalogue['online'].slug}&format=assembly&key_stage=ks3"
    )
    assert titles(response) == ["Online assembly"]
    assert "1 session matches your filters" in response.text


def test_filter_form_shows_the_chosen_values(client, catalogue):
    response = client.get("/sessions/?format=workshop&key_stage=ks2")
    assert re.search(r'<option value="workshop"[^>]*selected', response.text)
    assert re.search(r'<option value="ks2"[^>]*selected', response.text)
    assert 'method="get"' in response.text


def test_page_links_keep_the_filters(client, catalogue):
    for n in range(25):
        cms.session_page(title=f"Extra {n:02}", format=WORKSHOP, min_year=3, max_year=4)
    response = client.get("/sessions/?format=workshop")
    assert response.context["result_count"] == 26
    assert "?format=workshop&amp;page=2" in response.text


def test_unknown_filter_value_is_explained_and_ignored(client, catalogue):
    response = client.get("/sessions/?format=circus")
    assert response.status_code == 200
    assert "Select a format from the list" in response.text
    assert len(titles(response)) == 3


def test_library_filters_by_age_band_and_topic(client, site_pages):
    online = cms.topic("Online safety")
    cms.resource_page(title="Young", audiences=["4-7"], topics=[online])
    cms.resource_page(title="Teen", audiences=["14-16", "16-18"], topics=[online])
    cms.resource_page(title="Parents", audiences=["parents"])
    cms.resource_page(title="Staff", audiences=["staff"], topics=[online])
    assert titles(client.get("/resources/?age=16-18")) == ["Teen"]
    assert titles(client.get("/resources/?age=parents")) == ["Parents"]
    assert titles(client.get(f"/resources/?topic={online.slug}")) == ["Staff", "Teen", "Young"]
    assert titles(client.get(f"/resources/?topic={online.slug}&age=staff")) == ["Staff"]


def test_age_band_16_18_does_not_match_a_band_that_only_contains_its_digits(client, site_pages):
    cms.resource_page(title="Eleven to thirteen", audiences=["11-13"])
    assert titles(client.get("/resources/?age=16-18")) == []
