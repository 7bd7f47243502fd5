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
