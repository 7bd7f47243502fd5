"""The catalogue and library keep their cards and filter forms beside the stored pages
(cms/listing.py): a page rendered from kept parts is the page rendered afresh, and any
change shows at once on every address, stored or not."""

import pytest
from django.core.paginator import Paginator
from django.http import QueryDict
from wagtail.models import Site

from cms.filters import ResourceFilterForm, SessionFilterForm
from cms.models import PartnershipSettings, SessionPage
from tests.factories import cms

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site_pages, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    # The helplines are made on first use; made here so no visit below changes content.
    PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    knives = cms.topic("Knife crime")
    police = cms.partner("Westshire Police")
    return {
        "knives": knives,
        "police": police,
        "assembly": cms.session_page(
            title="Knife assembly", topics=[knives], partner=police, format="assembly"
        ),
        "workshop": cms.session_page(title="Online workshop", format="workshop"),
        "resource": cms.resource_page(title="Sharing photos", audiences=["11-13"]),
    }


def test_a_page_from_kept_cards_is_the_page_rendered_afresh(client, catalogue, settings):
    first = client.get("/sessions/?key_stage=ks3").text
    kept = client.get("/sessions/?key_stage=ks3&page=1")
    assert kept.context is not None  # not a stored page: rendered from the kept parts
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    afresh = client.get("/sessions/?key_stage=ks3&page=1").text
    assert kept.text == first == afresh
    assert "Knife assembly" in afresh


def test_library_cards_and_help_panel_kept_are_those_rendered_afresh(client, catalogue, settings):
    first = client.get("/resources/").text
    kept = client.get("/resources/?page=1").text
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    assert kept == client.get("/resources/?page=1").text
    assert "Sharing photos" in first
    assert "0800 1111" in first


def test_a_published_change_shows_at_once_at_an_address_not_yet_stored(client, catalogue):
    client.get("/sessions/")
    assembly = catalogue["assembly"]
    assembly.title = "Knife crime assembly"
    assembly.save_revision().publish()
    text = client.get("/sessions/?utm_source=newsletter").text
    assert "Knife crime assembly" in text
    assert "Knife assembly<" not in text


def test_renamed_topics_partners_and_helplines_show_at_once(client, catalogue):
    client.get("/sessions/")
    client.get("/resources/")
    catalogue["knives"].name = "Knives and weapons"
    catalogue["knives"].save()
    catalogue["police"].name = "Westshire Constabulary"
    catalogue["police"].save()
    helplines = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    helplines.childline_phone = "0800 2222"
    helplines.save()
    sessions = client.get("/sessions/?page=1").text
    assert "Topics: Knives and weapons" in sessions
    assert '<option value="knife-crime' in sessions
    assert "Knives and weapons</option>" in sessions
    assert "Delivered by Westshire Constabulary" in sessions
    assert "0800 2222" in client.get("/resources/?page=1").text


def test_an_unpublished_session_leaves_every_address_at_once(client, catalogue):
    client.get("/sessions/")
    catalogue["workshop"].unpublish()
    response = client.get("/sessions/?page=1")
    assert [card.title for card in response.context["results"]] == ["Knife assembly"]
    assert "1 session match" in response.text


def test_an_unknown_filter_value_is_explained_on_a_kept_form_too(client, catalogue):
    for path in ("/sessions/?format=circus", "/sessions/?format=circus&page=1"):
        response = client.get(path)
        assert "Select a format from the list" in response.text
        assert response.context["result_count"] == 2


@pytest.mark.parametrize("form_class", [SessionFilterForm, ResourceFilterForm])
def test_a_filter_form_given_none_of_its_fields_shows_as_the_unbound_form(db, form_class):
    """Why a tracking parameter or a page number shares the unbound form's entry."""
    assert str(form_class(QueryDict("utm_source=x&page=2"))) == str(form_class(None))


def test_without_the_page_cache_nothing_is_kept(client, catalogue, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    client.get("/sessions/")
    SessionPage.objects.filter(pk=catalogue["workshop"].pk).update(summary="Changed quietly.")
    assert "Changed quietly." in client.get("/sessions/").text


@pytest.mark.parametrize("page", ["", "2", "3", "0", "-1", "two", "2.0", "99", "1" + "0" * 30])
def test_page_numbers_are_read_as_django_paginator_reads_them(client, site_pages, page):
    titles = sorted(f"Session {n:02}" for n in range(25))
    for title in titles:
        cms.session_page(title=title)
    response = client.get(f"/sessions/?page={page}")
    expected = Paginator(titles, 20).get_page(page)
    assert [card.title for card in response.context["results"]] == list(expected)
    assert response.context["results"].number == expected.number
    assert response.context["result_count"] == 25
