"""Tries from one place are counted without storing the address."""

from django.core.cache import cache
from django.test import RequestFactory

from portal import ratelimit


def _from(address):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_the_limit_applies_per_place_and_per_scope():
    here, elsewhere = _from("198.51.100.4"), _from("198.51.100.5")
    for _ in range(3):
        assert not ratelimit.is_limited(here, "codes", 3)
        ratelimit.count(here, "codes", 60)
    assert ratelimit.is_limited(here, "codes", 3)
    assert not ratelimit.is_limited(elsewhere, "codes", 3)
    assert not ratelimit.is_limited(here, "other", 3)


def test_the_window_ends():
    request = _from("198.51.100.6")
    ratelimit.count(request, "codes", 60)
    cache.delete(ratelimit._key(request, "codes"))  # what expiry does
    assert not ratelimit.is_limited(request, "codes", 1)


def test_the_key_never_holds_the_address():
    assert "198.51.100.7" not in ratelimit._key(_from("198.51.100.7"), "codes")


def test_behind_a_load_balancer_each_client_counts_on_its_own(settings):
    """Every request reaches gunicorn from the balancer; the client is the entry the
    balancer appended to X-Forwarded-For (what a client sends itself is ignored)."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def via_balancer(client, claimed=""):
        forwarded = f"{claimed}, {client}" if claimed else client
        return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    pupil = via_balancer("203.0.113.10")
    ratelimit.count(pupil, "codes", 60)
    assert ratelimit.is_limited(pupil, "codes", 1)
    assert not ratelimit.is_limited(via_balancer("203.0.113.11"), "codes", 1)
    # A forged first entry does not give a fresh allowance.
    assert ratelimit.is_limited(via_balancer("203.0.113.10", claimed="192.0.2.99"), "codes", 1)


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    first = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.1")
    other = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.2")
    ratelimit.count(first, "codes", 60)
    assert ratelimit.is_limited(other, "codes", 1)
