"""Public pages kept whole in the cache (Redis in production) for visitors who are
not signed in, and thrown away the moment anything shown on them changes.

It is on when PORTAL_PAGE_CACHE_SECONDS is above 0, which by default needs
REDIS_URL: every web worker must see the same entries and the same version.

Which pages: the page types with `public_cache = True` (home, help, the
catalogue and its sessions, the library and its resources, standard pages).
Training pages are left out: they show dated events and places left, which
change with every booking.

Which visits: GET or HEAD with no session cookie and no messages cookie, so
nobody signed in (or part-way through signing in, or with a one-off message
waiting) is ever served or stored. A response is stored only when it is a 200
for such a page, sets no cookie, used no CSRF token and is not marked private.
The key is the scheme, host and path with the query parameters a stored page
type reads (`cache_query_params` on the page class: the catalogue's and
library's filters and page number), in a fixed order. Any other parameter
(`utm_source`, a random one) shares the stored page, so visitors cannot fill
the cache with addresses that differ only by what the page ignores; a list
whose filters make no sense (an unknown topic) is not stored at all
(cms/listing.py).

When Redis cannot be reached (portal/shared_cache.py) nothing is served from
the cache or stored in it: every page is rendered, as with the cache off.

Invalidation is a version: every entry carries the version it was made under,
and a hit needs the current one. Publishing, unpublishing, moving or deleting a
page, and saving or deleting a snippet, setting, image or document, replace the
version at once and again when the transaction commits; a request that read the
old version before the change can only store an entry that is never served.
The middleware sits before the session middleware, so a hit costs one cache
read and no database query; the security and CSP headers are added on the way
out as for any other response.

Parts of pages kept on their own (the catalogue's and library's cards and
filter forms, cms/listing.py, and the `{% fragment %}` tag) are kept under the
same version (`get_fragments`, `set_fragments`), so they go stale with the
pages. They are kept for any visitor: they hold nothing about who is looking.
"""

import functools
import hashlib
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal import shared_cache

VERSION_KEY = "pagecache:version"
FRAGMENT_PREFIX = "pagecache:fragment:"  # + version
MAX_QUERY_LENGTH = 256
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/accounts/", "/static/", "/media/")
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}
_CACHEABLE = "_page_cache_cacheable"
_VERSION = "_page_cache_version"


def seconds():
    """How long an entry lives at most; 0 turns the page cache off."""
    return getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0)


def invalidate(**_kwargs):
    """Make every stored page stale. Safe to call as a signal receiver."""
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def invalidate_now_and_on_commit(**_kwargs):
    invalidate()
    # Robust: once the change is committed, a failed second bump is logged, not
    # turned into an error page for the editor (the first bump already happened).
    transaction.on_commit(invalidate, robust=True)


def mark_cacheable(request):
    """Called while serving a page whose type may be stored for anonymous visitors."""
    setattr(request, _CACHEABLE, True)


def _eligible(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
    )


def never_store(request):
    """Called while serving a page that must not be stored after all (a list
    filtered by values that do not exist, which a visitor can vary without end)."""
    setattr(request, _CACHEABLE, False)


@functools.cache
def key_params():
    """Every query parameter any stored page type reads."""
    from wagtail.models import get_page_models

    return frozenset(
        name
        for model in get_page_models()
        if getattr(model, "public_cache", False)
        for name in getattr(model, "cache_query_params", ())
    )


def _key(request):
    wanted = key_params()
    query = urlencode(
        sorted((name, value) for name, value in request.GET.lists() if name in wanted),
        doseq=True,
    )
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def _current_version(found):
    """The version read with `found`, or None when the shared cache could not be
    reached for it: then nothing is served from the cache or stored in it."""
    version = found.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY)
    return version if shared_cache.is_shared() else None


def get_fragments(request, names):
    """Parts of pages kept under the current version, as {name: html} for the names
    found. A name is a tuple of strings and numbers; the key adds the version and
    the site (so a link in the part may be relative to it). Nothing is kept while
    the page cache is off."""
    if not seconds() or _version(request) is None:
        return {}
    keys = {_fragment_key(request, name): name for name in names}
    found = cache.get_many(keys)
    if not shared_cache.is_shared():  # Redis went away while reading
        return {}
    return {keys[key]: html for key, html in found.items()}


def set_fragments(request, parts):
    """Keep {name: html} (or other values made from content only) under the current
    version, for as long as a stored page."""
    if seconds() and parts and _version(request) is not None:
        cache.set_many(
            {_fragment_key(request, name): part for name, part in parts.items()}, seconds()
        )


def _version(request):
    """The version this request reads and stores under (None: the shared cache is
    away, so nothing is kept), read once per request."""
    if not hasattr(request, _VERSION):  # not read by the middleware: a signed-in visitor, say
        setattr(request, _VERSION, _current_version(cache.get_many([VERSION_KEY])))
    return getattr(request, _VERSION)


def _fragment_key(request, name):
    # Imported here, not at the top: cms.apps imports this module while the app
    # registry is still loading, before Wagtail's models exist.
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return ":".join(
        [FRAGMENT_PREFIX + _version(request), str(site.pk if site else ""), *map(str, name)]
    )


def _storable(request, response):
    user = getattr(request, "user", None)
    cache_control = {
        directive.split("=", 1)[0].strip().lower()
        for directive in response.get("Cache-Control", "").split(",")
    }
    return (
        request.method == "GET"
        and getattr(request, _CACHEABLE, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and not cache_control & PRIVATE_DIRECTIVES
    )


class PageCacheMiddleware:
    """Serves stored public pages; stores the ones just rendered. See the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not seconds() or not _eligible(request) or not shared_cache.is_shared():
            return self.get_response(request)
        key = _key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = _current_version(found)
        setattr(request, _VERSION, version)
        entry = found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            _version, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            return response
        response = self.get_response(request)
        if version is not None and _storable(request, response):
            headers = [(n, v) for n, v in response.headers.items() if n.lower() != "set-cookie"]
            cache.set(key, (version, response.status_code, headers, response.content), seconds())
        return response


def _shown_on_pages(model):
    # Imported here, not at the top: see _fragment_key.
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    return (
        model._meta.app_label == "cms"
        or issubclass(model, Page | PageViewRestriction | Site)
        or model in (get_image_model(), get_document_model())
    )


def _model_changed(sender, **_kwargs):
    if _shown_on_pages(sender):
        invalidate_now_and_on_commit()


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_now_and_on_commit, dispatch_uid="cms.page_cache")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_model_changed, dispatch_uid="cms.page_cache")
    # A change made while Redis was away could not replace the version there.
    shared_cache.reconnected.connect(invalidate, dispatch_uid="cms.page_cache")
