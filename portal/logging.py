"""Logging that is safe to read: one event per line, whatever a visitor typed."""

import logging


class SingleLineFormatter(logging.Formatter):
    """Escapes carriage returns, line feeds and other control characters so that
    text a visitor typed (an email address at sign-in, a URL) cannot forge log lines."""

    _table = {c: f"\\x{c:02x}" for c in range(32) if c not in (9,)}
    _table.update({0x0A: "\\n", 0x0D: "\\r", 0x7F: "\\x7f"})

    def format(self, record):
        return super().format(record).translate(self._table)
