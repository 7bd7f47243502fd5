"""Fast, repeatable tests: quick hashing, local cache, tasks run at once."""

import os

from .base import *  # noqa: F403
from .base import REDIS_OPTIONS, STORAGES

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# One process, so the local cache is shared by everything a test does.
PORTAL_PAGE_CACHE_SECONDS = 600
# Off as without Redis: the report tests count the queries that make the figures.
# tests/training/test_reports_cache.py turns it on.
PORTAL_REPORTS_CACHE_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False}

# With REDIS_URL (CI's second run) the cache, and so allauth's rate limits, use
# Redis: one database per test worker so parallel workers never share keys.
if os.environ.get("REDIS_URL"):
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or "0"
    _redis_base, _redis_db = os.environ["REDIS_URL"].rsplit("/", 1)
    CACHES = {
        "default": {
            "BACKEND": "portal.shared_cache.FallbackRedisCache",
            "LOCATION": f"{_redis_base}/{int(_redis_db or 0) + int(_worker) + 1}",
            "OPTIONS": REDIS_OPTIONS,
        }
    }
# Static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# seed_demo and the demo tests use the published demo sign-ins, as in development.
PORTAL_PUBLISHED_DEMO_SECRETS = True
