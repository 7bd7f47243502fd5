"""Address parts with a known shape. Anything else (control characters, markup,
text no reference could contain) is a 404 before a view or the database sees it:
PostgreSQL, for one, refuses to compare text containing NUL."""

from django.urls import register_converter

from portal.codes import PUPIL_CODE


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


class FeedbackCodeConverter(_Pattern):
    """Pupil feedback codes as typed into the address: any letters and digits of the
    right length (the view makes them upper case and says if no such code exists)."""

    regex = f"[A-Za-z0-9]{{{PUPIL_CODE.length}}}"


register_converter(ReferenceConverter, "reference")
register_converter(TokenConverter, "token")
register_converter(FeedbackCodeConverter, "feedback_code")
