"""The shared cache (Redis) as an optional service: the portal keeps serving when it
cannot be reached.

`FallbackRedisCache` is Django's own RedisCache with one difference: when Redis
fails (refused, timed out, out of memory, restarting), the call is answered from
a cache in the process's own memory instead of raising, and Redis is left alone
for RETRY_SECONDS before the next try, so an outage costs one failed connection
every few seconds, not one on every call. What follows from that:

- counters (allauth's sign-in limits, portal.ratelimit's pupil and certificate
  limits, allauth's record of used two-factor codes) keep counting, each
  process on its own, until Redis is back (docs/security.md states the rule);
- content kept for everyone (the page cache, kept fragments and report figures)
  asks `is_shared()` and is simply not used while Redis is away, so every page
  is rendered afresh and no process serves what another has changed since.
  When Redis answers again the local memory is emptied and `reconnected` is
  sent: those caches replace their versions, since a publish made during the
  outage could not reach Redis.

Django's RedisCache passes OPTIONS to redis-py's connection pool; base.py sets
short socket timeouts there, so a Redis that does not answer at all costs a
fraction of a second rather than a hung worker.
"""

import functools
import logging
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal
from redis.exceptions import RedisError

logger = logging.getLogger("portal.shared_cache")

RETRY_SECONDS = 5
# Sent (by the backend's class) when Redis answers again after failing.
reconnected = Signal()

_METHODS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class FallbackRedisCache(RedisCache):
    """Django's RedisCache, answering from this process's memory while Redis fails."""

    def __init__(self, server, params):
        super().__init__(server, params)
        # One per process (LocMemCache shares storage by name), large enough for
        # every counter of a busy few minutes.
        self._local = LocMemCache(
            f"shared-cache-fallback:{server}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {"MAX_ENTRIES": 10_000}},
        )
        self._retry_at = None  # set while Redis is treated as down

    def is_shared(self):
        """False while Redis failed less than RETRY_SECONDS ago."""
        return self._retry_at is None or time.monotonic() >= self._retry_at

    def ping(self):
        """Ask Redis now, whatever happened before; True when it answers."""
        try:
            self._cache.get_client().ping()
        except RedisError as error:
            self._failed(error)
            return False
        self._answered()
        return True

    def _failed(self, error):
        if self._retry_at is None:
            logger.warning("Redis cannot be reached; using each process's memory: %s", error)
        self._retry_at = time.monotonic() + RETRY_SECONDS

    def _answered(self):
        if self._retry_at is not None:
            self._retry_at = None
            self._local.clear()
            logger.warning("Redis answers again.")
            reconnected.send(sender=type(self))


def _with_fallback(name):
    shared, local = getattr(RedisCache, name), getattr(LocMemCache, name)

    @functools.wraps(shared)
    def method(self, *args, **kwargs):
        if self.is_shared():
            try:
                result = shared(self, *args, **kwargs)
            except RedisError as error:
                self._failed(error)
            else:
                self._answered()
                return result
        return local(self._local, *args, **kwargs)

    return method


for _name in _METHODS:
    setattr(FallbackRedisCache, _name, _with_fallback(_name))


def is_shared(alias="default"):
    """Whether what is kept in this cache is seen by every process right now.

    True for a cache that is not Redis (a local cache has no outage to survive,
    and the settings decide whether content is kept in it at all).
    """
    backend = caches[alias]
    return not isinstance(backend, FallbackRedisCache) or backend.is_shared()


def status(alias="default"):
    """The cache as /healthz names it: "ok", "unavailable" (Redis does not answer) or
    "local" (no Redis configured: each process has its own)."""
    backend = caches[alias]
    if not isinstance(backend, FallbackRedisCache):
        return "local"
    return "ok" if backend.ping() else "unavailable"
