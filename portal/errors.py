"""The one domain error every app's services raise, and the one way views show it.

A service refuses a change by raising ``DomainError`` (or an app's subclass)
with a message for people, a stable ``code`` that tests and callers match on,
and, where the refusal is about one thing the person typed, the ``field``. A
view catches it and calls ``add_to_form`` so the message appears where the
person typed, or above the form when it belongs to no field shown.
"""

from __future__ import annotations

from django import forms


class DomainError(Exception):
    """A rule refused the change. ``code`` is stable; ``message`` is shown to people."""

    def __init__(self, message: str, *, code: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


def add_to_form(form: forms.BaseForm, error: DomainError, *, field: str | None = None) -> None:
    """Put a refusal on the form: on ``field`` when given, else on the error's own
    field when the form shows it, else above the form (the error summary)."""
    target = field or error.field
    form.add_error(target if target in form.fields else None, error.message)
