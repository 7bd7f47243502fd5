"""portal.shared_cache: Redis failing is answered from the process's memory, Redis is
left alone for a while, and content caches replace their versions when it is back."""

from unittest import mock

import pytest
from django.core.cache import cache, caches
from redis.exceptions import ConnectionError as RedisConnectionError

from cms import page_cache
from portal import shared_cache


@pytest.fixture
def backend(settings, monkeypatch):
    """The production backend with Redis's client replaced by one that answers or fails."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.shared_cache.FallbackRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    store = {}
    client = mock.Mock()
    client.get.side_effect = lambda key, default: store.get(key, default)
    client.set.side_effect = lambda key, value, timeout: store.__setitem__(key, value)
    client.add.side_effect = lambda key, value, timeout: store.setdefault(key, value) is value
    client.get_many.side_effect = lambda keys: {k: store[k] for k in keys if k in store}
    client.set_many.side_effect = lambda data, timeout: store.update(data)
    monkeypatch.setattr(caches["default"], "_cache", client)
    now = [1000.0]
    monkeypatch.setattr(shared_cache.time, "monotonic", lambda: now[0])
    return {"client": client, "store": store, "now": now}


def fail(client):
    error = RedisConnectionError("Connection refused")
    for name in ("get", "set", "add", "get_many", "set_many", "ping"):
        getattr(client, name).side_effect = error


def test_a_failure_is_answered_from_memory_and_redis_is_left_alone_for_a_while(backend):
    client = backend["client"]
    fail(client)
    cache.set("tries", 3)
    assert cache.get("tries") == 3  # from this process's memory
    assert client.set.call_count == 1 and client.get.call_count == 0
    assert not shared_cache.is_shared()
    backend["now"][0] += shared_cache.RETRY_SECONDS
    cache.get("tries")
    assert client.get.call_count == 1  # tried again after the pause


def test_when_redis_answers_again_memory_is_dropped_and_page_versions_replaced(backend):
    client, store = backend["client"], backend["store"]
    cache.set(page_cache.VERSION_KEY, "before")
    fail(client)
    page_cache.invalidate()  # a publish during the outage cannot reach Redis
    assert store[":1:" + page_cache.VERSION_KEY] == "before"
    backend["now"][0] += shared_cache.RETRY_SECONDS
    client.get.side_effect = lambda key, default: store.get(key, default)
    client.set.side_effect = lambda key, value, timeout: store.__setitem__(key, value)
    client.set_many.side_effect = lambda data, timeout: store.update(data)
    assert cache.get("anything") is None
    assert shared_cache.is_shared()
    assert store[":1:" + page_cache.VERSION_KEY] != "before"


def test_healthz_reports_what_a_ping_finds(backend, client):
    backend["client"].get_client.return_value.ping.side_effect = RedisConnectionError("down")
    assert shared_cache.status() == "unavailable"
    backend["client"].get_client.return_value.ping.side_effect = None
    assert shared_cache.status() == "ok"
