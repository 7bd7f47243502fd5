"""The secret in a calendar feed's address (schools' and presenters' feeds)."""

import secrets


def new_calendar_token():
    """A secret for a calendar feed address: unguessable, safe in a URL."""
    return secrets.token_urlsafe(24)
