"""Public pages served from the cache to anonymous visitors (cms/page_cache.py):
a repeat visit costs no query, any change shows at once, and nobody signed in,
or with a message waiting, is ever served or stored a shared page."""

import re

import pytest
from django.test import Client
from wagtail.models import Site

from cms import page_cache
from cms.models import PartnershipSettings, StandardPage
from tests.factories import cms

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_pages):
    # The helplines are made on first use; made here so no visit below changes content.
    PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    topic = cms.topic("Online safety")
    return {
        "session": cms.session_page(title="Staying safe online", topics=[topic]),
        "resource": cms.resource_page(title="Sharing photos", audiences=["11-13"]),
        "topic": topic,
    }


def _paths(pages):
    return ["/", "/sessions/", pages["session"].url, "/resources/", pages["resource"].url, "/help/"]


def test_a_repeat_anonymous_visit_is_served_from_the_cache(
    client, pages, django_assert_num_queries
):
    for path in _paths(pages):
        first = client.get(path)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            repeat = client.get(path)
        assert repeat.status_code == 200
        assert repeat.content == first.content
        assert repeat.headers["Content-Type"] == first.headers["Content-Type"]


def test_a_stored_page_sets_no_cookie_and_keeps_the_security_headers(client, pages):
    fresh = client.get("/help/")
    stored = client.get("/help/")
    assert not fresh.cookies
    assert not stored.cookies
    assert "Set-Cookie" not in stored.headers
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Cross-Origin-Resource-Policy",
        "Permissions-Policy",
        "Referrer-Policy",
    ):
        assert stored.headers[header] == fresh.headers[header], header


def test_a_stored_page_needs_no_nonce_from_its_policy(client, pages):
    client.get("/")
    stored = client.get("/")
    policy = stored.headers["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert script_src.split()[1:] == ["'self'"]
    scripts = re.findall(r"<script\b[^>]*>", stored.text)
    assert scripts
    for tag in scripts:
        assert "nonce" not in tag
        assert re.search(r'\ssrc="/static/', tag), tag


def test_publishing_a_change_shows_at_once(client, pages):
    session = pages["session"]
    client.get(session.url)
    client.get("/sessions/")
    session.title = "Staying safe online and offline"
    session.save_revision().publish()
    assert "Staying safe online and offline" in client.get(session.url).text
    assert "Staying safe online and offline" in client.get("/sessions/").text


def test_unpublishing_takes_the_page_away_at_once(client, pages):
    resource = pages["resource"]
    assert client.get(resource.url).status_code == 200
    assert "Sharing photos" in client.get("/resources/").text
    resource.unpublish()
    assert client.get(resource.url).status_code == 404
    assert "Sharing photos" not in client.get("/resources/").text


def test_moving_a_page_shows_at_once(client, pages):
    home = pages["session"].get_parent().get_parent()
    about = home.add_child(instance=StandardPage(title="About us", slug="about", body="<p>Hi</p>"))
    policies = home.add_child(
        instance=StandardPage(title="Policies", slug="policies", body="<p>-</p>")
    )
    assert client.get("/about/").status_code == 200
    assert client.get("/about/").status_code == 200
    about.move(policies, pos="last-child")
    moved = client.get("/about/")  # the old address now redirects to the new one
    assert (moved.status_code, moved.headers["Location"]) == (301, "/policies/about/")
    assert client.get("/policies/about/").status_code == 200


def test_deleting_a_page_shows_at_once(client, pages):
    session = pages["session"]
    assert client.get(session.url).status_code == 200
    session.delete()
    assert client.get(session.url).status_code == 404
    assert "Staying safe online" not in client.get("/sessions/").text


def test_a_renamed_snippet_and_changed_settings_show_at_once(client, pages):
    session = pages["session"]
    assert "Online safety" in client.get(session.url).text
    assert "0800 1111" in client.get("/help/").text
    topic = pages["topic"]
    topic.name = "Online safety and gaming"
    topic.save()
    helplines = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    helplines.childline_phone = "0800 2222"
    helplines.save()
    assert "Online safety and gaming" in client.get(session.url).text
    assert "0800 2222" in client.get("/help/").text


def test_the_kept_help_panel_shows_changed_helplines_at_once(client, pages):
    """The help panel is kept on its own (`{% fragment %}`), shared by every pupil page."""
    resource = pages["resource"]
    assert "0800 1111" in client.get(resource.url).text
    helplines = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    helplines.childline_phone = "0800 2222"
    helplines.save()
    assert "0800 2222" in client.get(f"{resource.url}?utm_source=newsletter").text


def test_each_filter_has_its_own_entry(client, pages):
    cms.session_page(title="Assembly on county lines", format="assembly")
    cms.session_page(title="Workshop on consent", format="workshop")
    for _ in range(2):
        everything = client.get("/sessions/").text
        assemblies = client.get("/sessions/?format=assembly").text
    assert "Workshop on consent" in everything
    assert "Assembly on county lines" in assemblies
    assert "Workshop on consent" not in assemblies


@pytest.fixture
def stored_pages(monkeypatch):
    """The keys of the pages stored from here on (in a local cache or Redis)."""
    keys = set()
    shared = page_cache.cache

    class Recording:
        def __getattr__(self, name):
            return getattr(shared, name)

        def set(self, key, *args, **kwargs):
            if key.startswith("pagecache:page:"):
                keys.add(key)
            return shared.set(key, *args, **kwargs)

    monkeypatch.setattr(page_cache, "cache", Recording())
    return keys


@pytest.mark.parametrize(
    "extra", ["utm_source=newsletter&utm_campaign=spring", "fbclid=abc123", "x=7f3e9a"]
)
def test_parameters_a_page_does_not_read_share_its_stored_page(
    client, pages, django_assert_num_queries, stored_pages, extra
):
    for path in _paths(pages):
        first = client.get(path)
        with django_assert_num_queries(0):
            tracked = client.get(f"{path}?{extra}")
        assert tracked.content == first.content
    assert len(stored_pages) == len(_paths(pages))


def test_the_order_of_the_filters_does_not_make_a_new_entry(
    client, pages, django_assert_num_queries
):
    topic = pages["topic"].slug
    first = client.get(f"/sessions/?topic={topic}&key_stage=ks3&utm_id=1")
    with django_assert_num_queries(0):
        again = client.get(f"/sessions/?key_stage=ks3&utm_id=2&topic={topic}")
    assert again.content == first.content


def test_page_links_keep_the_filters_and_nothing_else(client, pages):
    for n in range(25):
        cms.session_page(title=f"Session {n:02d}", topics=[pages["topic"]])
    topic = pages["topic"].slug
    text = client.get(f"/sessions/?topic={topic}&utm_source=mail").text
    assert f"?topic={topic}&amp;page=2" in text
    assert "utm_source" not in text


def test_a_list_filtered_by_a_value_that_does_not_exist_is_not_stored(client, pages, stored_pages):
    response = client.get("/sessions/?topic=no-such-topic")
    assert response.status_code == 200
    assert not stored_pages
    client.get("/sessions/")
    assert len(stored_pages) == 1


def test_signed_in_visitors_are_never_served_or_stored_a_shared_page(client, pages, staff):
    client.get("/")
    client.get("/")  # stored for anonymous visitors
    signed_in = Client()
    signed_in.force_login(staff)
    for _ in range(2):
        response = signed_in.get("/")
        assert "Sign out" in response.text
        assert "no-store" in response.headers["Cache-Control"]
    anonymous = client.get("/")
    assert "Sign out" not in anonymous.text
    assert "Sign in" in anonymous.text


def test_a_waiting_message_is_shown_and_never_stored(client, pages, staff):
    client.get("/")
    client.get("/")  # stored
    leaving = Client()
    leaving.force_login(staff)
    response = leaving.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "You have signed out." in response.text
    assert "You have signed out." not in client.get("/").text
    assert "You have signed out." not in Client().get("/").text


def test_training_pages_are_not_stored(client, site_pages):
    """They show dated events and places left, which change with every booking."""
    client.get("/training/")
    response = client.get("/training/")
    assert response.status_code == 200
    assert response.context is not None  # rendered again, not served from the cache


def test_the_page_cache_can_be_turned_off(client, pages, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert client.get("/").context is not None


def test_a_form_with_a_csrf_token_is_never_shared(pages):
    def token(response):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)

    first, second = Client().get("/accounts/login/"), Client().get("/accounts/login/")
    assert token(first) != token(second)
    assert second.cookies["csrftoken"].value
