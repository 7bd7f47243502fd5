"""Listings and a session page cost the same number of queries with 5 cards or 100 pages.

These measure rendering, so the page cache (tested in test_page_cache.py) is off
unless a test says otherwise.
"""

import pytest
from wagtail.models import Site

from cms.models import PartnershipSettings, SessionPageResource
from tests.factories import cms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


# Listings cost a fixed number of queries, the same with 5 cards as with a full page of 20
# (or 100 pages behind it). Routing, view restrictions and the site cost 6 (a bare page 5);
# the catalogue then reads the ids, titles and count in one query, the sessions with
# their partner, their topics, the topics for the filter, and the partnership settings
# for the header; the library the same but no card topics (its help panel reads the
# same settings).
RENDERED = {"/sessions/": 11, "/sessions/?key_stage=ks3": 11, "/resources/": 10}
# A page not yet stored whose results, cards and filter form are kept (cms/listing.py):
# routing only.
KEPT = {"/sessions/": 6, "/sessions/?key_stage=ks3": 6, "/resources/": 6}
SESSION_BOUND = 12
LISTINGS = [
    ("/sessions/", "sessions"),
    ("/sessions/?key_stage=ks3", "sessions"),
    ("/resources/", "resources"),
]


def _fill(count, kind="sessions"):
    """`count` sessions (each with topics, a partner and follow-up resources) or resources."""
    topics = [cms.topic(f"Topic {n}") for n in range(3)]
    if kind == "resources":
        return [
            cms.resource_page(audiences=["11-13", "parents"], topics=topics) for _ in range(count)
        ]
    partner = cms.partner("Westshire Police")
    resources = [cms.resource_page(topics=topics[:1]) for _ in range(3)]
    sessions = [cms.session_page(topics=topics, partner=partner) for _ in range(count)]
    for resource in resources:
        SessionPageResource.objects.create(page=sessions[-1], resource=resource)
    return sessions


@pytest.mark.parametrize("count", [5, 20, 100])
@pytest.mark.parametrize(("path", "kind"), LISTINGS)
def test_a_listing_rendered_afresh_costs_the_same_queries_whatever_its_length(
    client, site_pages, django_assert_num_queries, count, path, kind
):
    _fill(count, kind)
    client.get(path)  # warm the site and settings caches, as a running server has them
    with django_assert_num_queries(RENDERED[path]):
        response = client.get(path)
    assert response.status_code == 200
    assert response.context["result_count"] == count
    assert len(response.context["results"]) == min(count, 20)


def _and(path, query):
    return f"{path}{'&' if '?' in path else '?'}{query}"


@pytest.fixture
def kept(settings, site_pages):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    # The helplines are made on first use; made here so no visit below changes content.
    PartnershipSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.parametrize("count", [5, 20])
@pytest.mark.parametrize(("path", "kind"), LISTINGS)
def test_a_listing_page_not_yet_stored_is_put_together_from_kept_parts(
    client, kept, django_assert_num_queries, count, path, kind
):
    """A new address (here another host name for the same site) misses the page cache
    but not the parts."""
    _fill(count, kind)
    first = client.get(path)
    with django_assert_num_queries(KEPT[path]):
        response = client.get(path, HTTP_HOST="www.testserver")
    assert response.context["result_count"] == count
    assert [card.html for card in response.context["results"]] == [
        card.html for card in first.context["results"]
    ]


@pytest.mark.parametrize("count", [5, 20])
@pytest.mark.parametrize(("path", "kind"), LISTINGS)
def test_results_not_yet_kept_reuse_the_kept_cards_and_form(
    client, kept, django_assert_num_queries, count, path, kind
):
    """Results are kept per page number as written: `page=1` reads them again, one query,
    and renders no card or form."""
    _fill(count, kind)
    client.get(path)
    with django_assert_num_queries(KEPT[path] + 1):
        response = client.get(_and(path, "page=1"))
    assert len(response.context["results"]) == min(count, 20)


@pytest.mark.parametrize("count", [5, 100])
def test_session_page_queries_do_not_grow_with_pages(
    client, site_pages, django_assert_max_num_queries, count
):
    session = _fill(count)[-1]
    client.get(session.url)
    with django_assert_max_num_queries(SESSION_BOUND):
        response = client.get(session.url)
    assert "Book this session" in response.text
    assert len(response.context["resources"]) == 3
