import socket

import pytest


@pytest.fixture
def closed_port():
    """A port on this machine where nothing listens: bound (so nothing else takes it)
    but never listening, so every connection to it is refused at once."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        yield holder.getsockname()[1]


@pytest.fixture
def redis_down(settings, closed_port):
    """The production cache (portal.shared_cache over Redis) pointed at a closed port,
    with every cache that uses it switched on as it is in production. The same in the
    SQLite run (no Redis at all) and the PostgreSQL + Redis run."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "portal.shared_cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "KEY_PREFIX": "portal",
            "OPTIONS": settings.REDIS_OPTIONS,
        }
    }
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    settings.PORTAL_REPORTS_CACHE_SECONDS = 600
    yield
    cache.clear()
