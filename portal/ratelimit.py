"""Counting tries from one place for pages without an account (pupil feedback codes,
certificate checks), so guessing is slowed down.

The key is a keyed hash of the client's address: the address itself is never
stored, not even in the cache. Behind a proxy, REMOTE_ADDR must be the real
client address (set it in the proxy or WSGI layer).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def _key(request, scope):
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def is_limited(request, scope, limit):
    """True once `limit` tries have been counted in the current window."""
    return (cache.get(_key(request, scope)) or 0) >= limit


def count(request, scope, window_seconds):
    """Count one try; the window starts at the first try."""
    key = _key(request, scope)
    if cache.add(key, 1, window_seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
