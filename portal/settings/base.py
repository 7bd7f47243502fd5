"""Settings shared by every environment, safe to run in production as they are.

Features switch on when their environment variable is present: DATABASE_URL
(PostgreSQL), REDIS_URL (shared cache for rate limits), EMAIL_HOST (SMTP),
AWS_STORAGE_BUCKET_NAME (media in S3-compatible storage), CLOUDFLARE_ZONE_ID,
CLOUDFRONT_DISTRIBUTION_ID or FRONTEND_CACHE_PURGE_URL (front-end cache purges).
Without them the portal runs on SQLite with a local cache, which is what the
README's `make run` uses.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from . import environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "portal",
    "cms",
    "schools",
    "training",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Background work
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "portal.middleware.AdminStylePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a stored public page is served without touching the database.
    "cms.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "portal.middleware.RequireMFAMiddleware",
    "portal.middleware.PrivateCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
            ],
        },
    },
]
# Django's own form markup for the Wagtail admin and any other form; the portal's
# forms render GOV.UK markup through portal.form_renderer.GovukFormRenderer.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite by default; PostgreSQL when DATABASE_URL is set. Connections
# stay open between requests (a bare Wagtail page serves about 2.7 times the
# requests per second with persistent connections), checked before reuse.
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=600, conn_health_checks=True
        )
    }
else:
    # The web server and the task worker write the same file: WAL lets readers
    # carry on during a write, IMMEDIATE takes the write lock at the start of a
    # transaction (so no lock-upgrade deadlock), and the timeout waits instead
    # of failing with "database is locked".
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

AUTH_USER_MODEL = "portal.User"

# Redis is optional at every moment: portal.shared_cache answers from each
# process's memory while it cannot be reached (docs/deploy.md, "Redis"), and the
# short timeouts keep a Redis that does not answer from holding up a request.
REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "portal.shared_cache.FallbackRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
            "OPTIONS": REDIS_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# Our wording for django-allauth's pages: plain English in sentence case.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static" / "build"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads on disk, or in an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set.
STORAGES = {
    "default": environment.media_storage(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Public pages kept whole in the cache for visitors who are not signed in,
# dropped on any publish or content change (cms/page_cache.py); 0 turns it off.
# On by default only with Redis: with a cache per process, a publish would
# drop the pages of one web worker and leave the others serving the old ones.
PORTAL_PAGE_CACHE_SECONDS = int(
    os.environ.get("PAGE_CACHE_SECONDS", "600" if os.environ.get("REDIS_URL") else "0")
)
# The effectiveness figures kept for the same filters, dropped by any change to
# what they count (training/reports/cache.py); 0 turns it off. Only with Redis,
# for the same reason.
PORTAL_REPORTS_CACHE_SECONDS = int(
    os.environ.get("REPORTS_CACHE_SECONDS", "600" if os.environ.get("REDIS_URL") else "0")
)

# Email
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@safeguarding-partnership.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": os.environ.get("EMAIL_USE_TLS", "true").lower() == "true",
            },
        }
    }
else:
    # No mail server configured: emails are printed where the server runs.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Background work: Django's tasks API, stored in the database and run by
# `manage.py task_worker` (django-tasks-db's worker with leases and retries,
# portal.worker; docs/decisions/0004-task-leases-and-retries.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Per task path. lease: seconds a run may take before another worker runs the
# task again (its worker is taken to have died); tries: runs before giving up;
# backoff: seconds before the second try, doubling up to backoff_max. The
# defaults try an email 12 times over about seven hours.
PORTAL_TASK_POLICIES = {
    "default": {"lease": 300, "tries": 12, "backoff": 30, "backoff_max": 3600},
    # A run makes one PDF after another and says so on its page; it resumes
    # where it stopped, so a short lease only costs a re-check of the done ones.
    "training.tasks.issue_event_certificates": {"lease": 600, "tries": 5},
}

# Content Security Policy: Django's own middleware. Scripts only from this
# site or carrying the per-request nonce; nothing framed, no plugins.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Images in an S3-compatible bucket come from the bucket's (or its CDN's) origin.
if _media_origin := environment.media_origin(os.environ):
    SECURE_CSP["img-src"].append(_media_origin)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Accounts (django-allauth): email sign-in, mandatory verification, MFA.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_FORMS = {"signup": "portal.forms.SignupForm"}
# A confirmation link lasts three days; a further address nobody confirms is
# removed after as many (PORTAL_RETENTION_DAYS "unconfirmed_email_addresses").
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Tell people by email when their password, email address or two-factor method changes,
# so someone else using their account is noticed (portal/templates/account/email/).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# allauth's rate limits are on by default; stated here so nobody turns them off.
# The sixth wrong password for one account within five minutes is refused.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Safeguarding Partnership Portal")
MFA_PASSKEY_LOGIN_ENABLED = False
USERSESSIONS_TRACK_ACTIVITY = True
# Behind load balancers every request comes from them: the client's address is
# the X-Forwarded-For entry added by the nearest trusted one. Set
# TRUSTED_PROXY_COUNT to the number of proxies in front of gunicorn (0: none),
# or every visitor shares one rate limit. Used by allauth and portal.ratelimit.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Wagtail
WAGTAIL_SITE_NAME = "Safeguarding Partnership Portal"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
# Private pages and documents send visitors to allauth's sign-in too.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
# No third-party avatar service: it would send staff email hashes elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Publishing a page purges it from the CDN or cache in front of the site.
WAGTAILFRONTENDCACHE = environment.frontend_cache(os.environ)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv"]
# Documents only ever pass through Wagtail's serve view (which checks collection
# privacy) as downloads, never shown inline, with its own `default-src 'none'`
# policy; nothing serves MEDIA_ROOT/documents directly (docs/deploy.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Documents: the extensions above only, at most this size (cms.admin.documents.DocumentForm).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.admin.documents.DocumentForm"
PORTAL_DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Wagtail's default (128 million) let a 117 KB PNG of 121 megapixels through; one
# admin view of it took 10 s and 240 MB of a worker. 24 million is a 6000 x 4000
# photo, more than any page here shows (docs/content.md).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 24_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.admin.images.ImageForm"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# How long personal data is kept: overrides of portal.retention.DEFAULT_RETENTION_DAYS.
PORTAL_RETENTION_DAYS = environment.retention_days(os.environ)

PORTAL_SERVICE_NAME = os.environ.get("PORTAL_SERVICE_NAME", "Safeguarding Partnership Portal")
# The domain in every calendar UID (docs/messages.md): empty means the host of
# WAGTAILADMIN_BASE_URL. Set it before the portal moves to a new address, or every
# later calendar update arrives as a second copy of the event.
PORTAL_CALENDAR_DOMAIN = os.environ.get("CALENDAR_DOMAIN", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "portal.logging.SingleLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The task worker reports each task itself; do not log every one twice.
        "django.tasks": {"level": "WARNING"},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
