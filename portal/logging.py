"""Logging that is safe to read: one event per line, whatever a visitor typed, and no
secret that travels in an address.

Some addresses are the secret itself: a calendar feed's token, a pupil's feedback
code, a certificate's check code, the keys in password reset and email
confirmation links. Whoever reads them in a log could use them, so every line
the portal writes (Django's and the portal's loggers through SingleLineFormatter,
gunicorn's access log through GunicornLogger) shows the route instead:
`/calendar/<token>.ics`, `/feedback/<code>/`.
"""

import logging
import re

from gunicorn.glogging import Logger

# (pattern, replacement): the secret part of each such address, wherever it appears.
SECRET_PATHS = [
    (re.compile(r"/calendar/(?!reset/)[^/\s?#\"']+\.ics"), "/calendar/<token>.ics"),
    (
        re.compile(r"/feedback/(?!(?:show|teacher|flagged)/)[^/\s?#\"']+"),
        "/feedback/<code>",
    ),
    (re.compile(r"/certificates/verify/[^/\s?#\"']+"), "/certificates/verify/<code>"),
    (
        re.compile(r"/accounts/password/reset/key/(?!done/)[^/\s?#\"']+"),
        "/accounts/password/reset/key/<key>",
    ),
    (re.compile(r"/accounts/confirm-email/[^/\s?#\"']+"), "/accounts/confirm-email/<key>"),
]


def redact_secrets(text):
    """`text` with the secret part of every address above replaced by its name."""
    for pattern, route in SECRET_PATHS:
        text = pattern.sub(route, text)
    return text


class SingleLineFormatter(logging.Formatter):
    """Escapes carriage returns, line feeds and other control characters so that
    text a visitor typed (an email address at sign-in, a URL) cannot forge log lines,
    and leaves out secrets carried in addresses."""

    _table = {c: f"\\x{c:02x}" for c in range(32) if c not in (9,)}
    _table.update({0x0A: "\\n", 0x0D: "\\r", 0x7F: "\\x7f"})

    def format(self, record):
        return redact_secrets(super().format(record)).translate(self._table)


class GunicornLogger(Logger):
    """gunicorn's logger, with secrets in addresses left out of the access log
    (`logger_class` in deploy/gunicorn.conf.py): the path, the request line and
    the referring page are all redacted, whatever access_log_format uses."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: redact_secrets(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }
