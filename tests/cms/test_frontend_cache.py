"""Publishing a page purges its address from the cache in front of the site
(wagtail.contrib.frontend_cache, configured from the environment)."""

from unittest import mock

import pytest

from portal.settings.environment import frontend_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def purges(settings):
    settings.WAGTAILFRONTENDCACHE = frontend_cache(
        {"FRONTEND_CACHE_PURGE_URL": "http://cache.internal:6081"}
    )
    with mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen") as urlopen:
        yield urlopen


def _sent(urlopen):
    return [
        (call.args[0].get_method(), call.args[0].full_url, call.args[0].get_header("Host"))
        for call in urlopen.call_args_list
    ]


def test_publishing_a_page_purges_it(site_pages, purges, django_capture_on_commit_callbacks):
    page = site_pages["help"]
    page.title = "Get help now"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    host = page.get_site().hostname
    assert ("PURGE", f"http://cache.internal:6081{page.url}", host) in _sent(purges)


def test_nothing_is_purged_without_a_cache(site_pages, settings):
    settings.WAGTAILFRONTENDCACHE = frontend_cache({})
    with mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen") as urlopen:
        site_pages["help"].save_revision().publish()
    assert not urlopen.called
