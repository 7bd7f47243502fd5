"""Local development: debug on, emails printed to the console, a local key."""

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = True
SECRET_KEY = "dev-only-not-secret-7f3c1e0b9a"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
INTERNAL_IPS = ["127.0.0.1"]
# Static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# seed_demo gives the demo accounts the published password and TOTP secrets.
PORTAL_PUBLISHED_DEMO_SECRETS = True
