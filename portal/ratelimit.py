"""Counting tries from one place for pages without an account (pupil feedback codes,
certificate checks), so guessing is slowed down; a limit may count per address and
code (the pupils' rules at the end).

The key is a keyed hash of the client's address: the address itself is never
stored, not even in the cache. The address is the one allauth uses for its own
limits: REMOTE_ADDR, or behind load balancers the X-Forwarded-For entry the
nearest trusted one added (ALLAUTH_TRUSTED_PROXY_COUNT, from TRUSTED_PROXY_COUNT).
"""

import hashlib
import hmac

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied


def client_address(request):
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no address at all
        return ""


def _key(request, scope, code=""):
    """The counter's key for this address (and code, when the limit is per code)."""
    address = f"{client_address(request)}\0{code}"
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def is_limited(request, scope, limit, code=""):
    """True once `limit` tries have been counted in the current window."""
    return (cache.get(_key(request, scope, code)) or 0) >= limit


def count(request, scope, window_seconds, code=""):
    """Count one try; the window starts at the first try."""
    key = _key(request, scope, code)
    if cache.add(key, 1, window_seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)


# Pupil feedback codes ------------------------------------------------------------------
#
# A whole class answers from one school address, so limits per address alone let
# one child's wrong codes lock out everyone. So (docs/security.md):
#
# - wrong codes are counted per address: PUPIL_WRONG_CODES in PUPIL_WINDOW, more than
#   any class mistypes, few enough that guessing one of the open codes (six
#   characters of 25) stays hopeless;
# - a code that has worked from an address keeps working there for a day even
#   once that address is over its wrong-code allowance, so the rest of the class
#   carries on; only codes not yet seen to work are refused;
# - answers are counted per address and code (PUPIL_ANSWERS in PUPIL_WINDOW): one
#   class's answers never use up another's, and a flood of answers for one code is
#   stopped (the service also never keeps more answers than pupils reached).

PUPIL_WRONG_CODES = getattr(settings, "FEEDBACK_CODE_TRIES", 100)
PUPIL_ANSWERS = getattr(settings, "FEEDBACK_ANSWERS", 400)
PUPIL_WINDOW = 10 * 60
PUPIL_CODE_REMEMBERED = 24 * 60 * 60


def pupil_code_allowed(request, code):
    """Whether `code` may be tried (or used) from this address now."""
    if not is_limited(request, "feedback-code", PUPIL_WRONG_CODES):
        return True
    return bool(cache.get(_key(request, "feedback-code-worked", code)))


def pupil_code_wrong(request):
    count(request, "feedback-code", PUPIL_WINDOW)


def pupil_code_worked(request, code):
    cache.set(_key(request, "feedback-code-worked", code), 1, PUPIL_CODE_REMEMBERED)


def pupil_answer_allowed(request, code):
    return not is_limited(request, "feedback-answer", PUPIL_ANSWERS, code)


def pupil_answer_given(request, code):
    count(request, "feedback-answer", PUPIL_WINDOW, code)
