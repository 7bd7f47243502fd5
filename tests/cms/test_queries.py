"""Listings and a session page cost the same number of queries with 5 or 100 pages.

These measure rendering, so the page cache (tested in test_page_cache.py) is off.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import SessionPageResource
from tests.factories import cms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


# One bound for both sizes: a listing that grew with its rows would pass at 5 and fail at 100.
LISTING_BOUND = 11
SESSION_BOUND = 11


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


@pytest.mark.parametrize("count", [5, 100])
@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/sessions/", "sessions"),
        ("/sessions/?key_stage=ks3", "sessions"),
        ("/resources/", "resources"),
    ],
)
def test_listing_queries_do_not_grow_with_pages(
    client, site_pages, django_assert_max_num_queries, count, path, kind
):
    _fill(count, kind)
    client.get(path)  # warm the site and settings caches, as a running server has them
    with django_assert_max_num_queries(LISTING_BOUND):
        response = client.get(path)
    assert response.status_code == 200
    assert response.context["result_count"] == count


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


def test_the_listing_bound_is_tight_enough_to_catch_a_query_per_row(client, site_pages):
    """Control: 5 more rows would exceed the bound if each row cost a query."""
    _fill(5)
    client.get("/sessions/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/sessions/")
    assert len(queries) + 5 > LISTING_BOUND
