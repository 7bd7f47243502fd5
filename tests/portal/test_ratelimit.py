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


def test_behind_a_trusted_proxy_the_forwarded_client_address_counts(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    balancer = "10.0.0.2"
    pupil_a = RequestFactory().get("/", REMOTE_ADDR=balancer, HTTP_X_FORWARDED_FOR="198.51.100.20")
    pupil_b = RequestFactory().get("/", REMOTE_ADDR=balancer, HTTP_X_FORWARDED_FOR="198.51.100.21")
    ratelimit.count(pupil_a, "codes", 60)
    assert ratelimit.is_limited(pupil_a, "codes", 1)
    assert not ratelimit.is_limited(pupil_b, "codes", 1)


def test_without_trusted_proxies_a_forged_header_changes_nothing():
    forged = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.30", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    plain = _from("198.51.100.30")
    ratelimit.count(forged, "codes", 60)
    assert ratelimit.is_limited(plain, "codes", 1)
