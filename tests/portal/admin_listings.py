"""Every admin listing that offers a spreadsheet download, found from the admin's
own URL patterns (viewsets, snippets, reports and Wagtail's own), so a listing
added later is found without a change here."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.mixins import SpreadsheetExportMixin


@dataclass(frozen=True)
class Listing:
    name: str  # the URL name, e.g. "bookings:index"
    path: str  # the address, e.g. "/admin/bookings/"
    list_export: tuple


def _walk(patterns, prefix, namespace):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name}", entry.callback


def _listing(route, name, callback):
    view_class = getattr(callback, "view_class", None)
    if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
        return None
    kwargs = getattr(callback, "view_initkwargs", {})
    fields = kwargs.get("list_export", view_class.list_export)
    if not fields or kwargs.get("results_only") or "<" in route:
        return None
    return Listing(name, "/" + route.lstrip("^").replace("\\", ""), tuple(fields))


def admin_listings():
    found = {}
    for route, name, callback in _walk(get_resolver().url_patterns, "", ""):
        listing = _listing(route, name, callback)
        if listing and route.lstrip("^").startswith("admin/"):
            found.setdefault(listing.path, listing)
    return sorted(found.values(), key=lambda listing: listing.path)
