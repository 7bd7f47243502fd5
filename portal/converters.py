"""Address parts with a known shape. Anything else (control characters, markup,
text no reference could contain) is a 404 before a view or the database sees it:
PostgreSQL, for one, refuses to compare text containing NUL."""

from django.urls import register_converter


class _Pattern:
    regex = ""

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ReferenceConverter(_Pattern):
    """Booking references (BK-2026-00042) and certificate numbers (CERT-2026-000123)."""

    regex = "[A-Za-z0-9-]{1,20}"


class TokenConverter(_Pattern):
    """Secret calendar tokens, made by secrets.token_urlsafe()."""

    regex = "[A-Za-z0-9_-]{1,64}"


register_converter(ReferenceConverter, "reference")
register_converter(TokenConverter, "token")
